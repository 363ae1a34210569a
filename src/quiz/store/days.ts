/** Local calendar days (YYYY-MM-DD) in an IANA time zone: the quiz's days, weeks and months. */
import { QuizStoreError } from "./errors.js";

const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    } catch (cause) {
      throw new QuizStoreError("quiz-zone", `"${zone}" is not an IANA time zone`, { cause });
    }
    formats.set(zone, f);
  }
  return f;
}

/** Whether a time zone name is one this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    format(zone);
    return true;
  } catch {
    return false;
  }
}

/** The local day at an instant in a zone. */
export function localDay(ms: number, zone: string): string {
  const parts = format(zone).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

function asUtc(day: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new QuizStoreError("quiz-day", `"${day}" is not a day written YYYY-MM-DD`);
  return new Date(`${day}T00:00:00Z`);
}

/** The day `n` days after `day` (calendar arithmetic: no zone is involved). */
export function addDays(day: string, n: number): string {
  const d = asUtc(day);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week holding `day` (weeks start on Monday, as ISO 8601 has them). */
export function weekStart(day: string): string {
  const weekday = (asUtc(day).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** The first day of the month holding `day`. */
export function monthStart(day: string): string {
  asUtc(day);
  return `${day.slice(0, 8)}01`;
}
