/**
 * Action ids: what a button or form carries back when pressed or submitted. They hold
 * everything needed to answer (a stored run's id, a step, a locale), so a press works the
 * same after a restart: nothing is kept in memory between a reply and its buttons.
 *
 * Format: `ms1:<action>:<fields…>`, at most 100 characters (Discord's custom_id limit).
 */
import { z } from "zod";
import { CHAT_LOCALES, LANGUAGES, TOPICS } from "../../commands/memsim.js";

const PREFIX = "ms1";
const runId = z.string().regex(/^[A-Za-z0-9]{6,24}$/);
const index = z.coerce.number().int().min(0).max(1_000_000);
const locale = z.enum(CHAT_LOCALES);
const none = z.literal("").transform(() => undefined);
const maybeLocale = z.union([none, locale]);

const schemas = {
  step: z.object({ run: runId, step: index, locale }),
  gif: z.object({ run: runId, locale }),
  more: z.object({ run: runId, page: index, locale }),
  page: z.object({ run: runId, page: index, locale }),
  lang: z.object({ run: runId, step: index, locale }),
  open: z.object({ run: runId, side: z.enum(["before", "after"]), locale }),
  compare: z.object({ run: runId, locale }),
  example: z.object({ topic: z.enum(TOPICS), locale }),
  card: z.object({ topic: z.enum(TOPICS), locale }),
  "form-run": z.object({ locale: maybeLocale, step: z.union([none, index]), language: z.union([none, z.enum(LANGUAGES)]) }),
  "form-compare": z.object({ locale: maybeLocale }),
  /** an answer to a quiz post (its row in the quiz store) */
  quiz: z.object({ post: z.coerce.number().int().min(1), choice: z.string().regex(/^[a-e]$/), locale: maybeLocale }),
};

/** Field order of each action in its id. */
const FIELDS: { [K in keyof typeof schemas]: (keyof z.input<(typeof schemas)[K]>)[] } = {
  step: ["run", "step", "locale"],
  gif: ["run", "locale"],
  more: ["run", "page", "locale"],
  page: ["run", "page", "locale"],
  lang: ["run", "step", "locale"],
  open: ["run", "side", "locale"],
  compare: ["run", "locale"],
  example: ["topic", "locale"],
  card: ["topic", "locale"],
  "form-run": ["locale", "step", "language"],
  "form-compare": ["locale"],
  quiz: ["post", "choice", "locale"],
};

export type ActionName = keyof typeof schemas;
export type Action = { [K in ActionName]: { do: K } & z.output<(typeof schemas)[K]> }[ActionName];
export type ActionOf<K extends ActionName> = Extract<Action, { do: K }>;

/** The id a button or form carries for this action. */
export function encodeAction(action: Action): string {
  const fields = FIELDS[action.do] as string[];
  const values = fields.map((f) => {
    const v = (action as unknown as Record<string, unknown>)[f];
    return v === undefined ? "" : String(v);
  });
  const id = [PREFIX, action.do, ...values].join(":");
  if (id.length > 100) throw new RangeError(`action id too long: ${id.length} characters`);
  return id;
}

/** The action an id stands for, or undefined for an id memsim did not make (or an old format). */
export function decodeAction(id: string): Action | undefined {
  const [prefix, name, ...values] = id.split(":");
  if (prefix !== PREFIX || !name || !(name in schemas)) return undefined;
  const key = name as ActionName;
  const fields = FIELDS[key] as string[];
  if (values.length !== fields.length) return undefined;
  const raw = Object.fromEntries(fields.map((f, i) => [f, values[i]]));
  const parsed = schemas[key].safeParse(raw);
  return parsed.success ? ({ do: key, ...parsed.data } as Action) : undefined;
}
