/**
 * The message catalog: every sentence a learner reads, in English and Simplified Chinese.
 * Messages live in ./messages/, one file per part of memsim; each exports an object
 * `{ en: {...}, "zh-CN": {...} }` with the same keys and placeholders in both.
 */
import { format, type Params } from "./format.js";
import { catalogs } from "./messages/index.js";
import { joinerFor } from "./spacing.js";

export { format, formatNumber, placeholders, type Params } from "./format.js";

export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];

export type Catalog = Record<string, string>;

const merged: Record<Locale, Catalog> = { en: {}, "zh-CN": {} };
for (const part of catalogs) {
  for (const locale of LOCALES) Object.assign(merged[locale], part[locale]);
}

/** All keys and texts of one locale (for tests and tools). */
export function catalog(locale: Locale): Readonly<Catalog> {
  return merged[locale];
}

/** Picks a supported locale from a tag such as "zh", "zh_CN.UTF-8" or "en-GB"; unknown → en. */
export function resolveLocale(tag: string | undefined | null): Locale {
  if (!tag) return "en";
  const t = tag.replace(/\..*$/, "").replace(/_/g, "-").toLowerCase();
  if (t === "zh" || t.startsWith("zh-cn") || t.startsWith("zh-hans") || t.startsWith("zh-sg")) return "zh-CN";
  return "en";
}

/** The locale from the environment (MEMSIM_LOCALE, then LC_ALL, LC_MESSAGES, LANG). */
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env): Locale {
  return resolveLocale(env.MEMSIM_LOCALE || env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/** A translator bound to one locale. */
export interface Translator {
  locale: Locale;
  t(key: string, params?: Params): string;
  /** whether the catalog has this key */
  has(key: string): boolean;
  /** a byte count for a learner: "80 bytes", "3.1 KB" */
  bytes(n: number): string;
  number(n: number): string;
  /** whole sentences one after another, spaced as the locale writes them */
  sentences(parts: string[]): string;
}

export function translator(locale: Locale): Translator {
  const messages = merged[locale];
  const t = (key: string, params?: Params): string => {
    const text = messages[key] ?? merged.en[key];
    if (text === undefined) throw new Error(`no message "${key}" in the catalog`);
    return format(locale, text, params);
  };
  return {
    locale,
    t,
    has: (key) => key in merged.en,
    number: (n) => format(locale, "{n}", { n }),
    sentences: (parts) => joinerFor(locale).sentences(parts.filter((p) => p.length > 0)),
    bytes(n) {
      if (Math.abs(n) < 10_000) return t("units.bytes", { n });
      if (Math.abs(n) < 10_000_000) return t("units.kb", { n: Math.round((n / 1024) * 10) / 10 });
      return t("units.mb", { n: Math.round((n / 1048576) * 10) / 10 });
    },
  };
}
