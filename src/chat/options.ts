/**
 * Command options checked with zod schemas made from the one command description
 * (commands/memsim.ts). A bad option is answered with what to change, in the asker's language.
 */
import { z } from "zod";
import type { OptionSpec, SubcommandSpec } from "../../commands/memsim.js";
import type { Translator } from "../i18n/index.js";
import { readChannelRef, type ChannelRef } from "./adapter.js";
import type { ChatAttachment } from "./invocation.js";

export type ParsedOptions = Record<string, string | number | ChatAttachment | ChannelRef | undefined>;

function isAttachment(value: unknown): value is ChatAttachment {
  return typeof value === "object" && value !== null && typeof (value as ChatAttachment).name === "string" && typeof (value as ChatAttachment).read === "function";
}

function shown(value: unknown): string {
  const text = typeof value === "string" ? value : typeof value === "number" ? String(value) : isAttachment(value) ? value.name : typeof value;
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Choices in words: ".py or .c". */
function eitherOf(items: readonly string[], tr: Translator): string {
  if (items.length < 2) return items.join("");
  return tr.t("chat.list.or", { items: items.slice(0, -1).join(tr.t("chat.list.separator")), last: items.at(-1)! });
}

function optionSchema(spec: OptionSpec, tr: Translator): z.ZodType<string | number | ChatAttachment | ChannelRef | undefined> {
  const option = spec.name;
  const fail = (ctx: z.RefinementCtx, key: string, params: Record<string, string | number>) => {
    ctx.addIssue({ code: "custom", message: tr.t(key, { option, ...params }) });
    return z.NEVER;
  };
  return z.unknown().transform((value, ctx) => {
    // an empty text counts as not given: chat clients send "" for a cleared field
    if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
      return spec.required ? fail(ctx, "chat.invalid.required", {}) : undefined;
    }
    switch (spec.type) {
      case "text": {
        if (typeof value !== "string") return fail(ctx, "chat.invalid.text", {});
        if (spec.pattern && !spec.pattern.test(value.trim())) return fail(ctx, spec.patternMessage ?? "chat.invalid.generic", { value: shown(value) });
        if (value.length > spec.maxLength) return fail(ctx, "chat.invalid.tooLong", { max: spec.maxLength, length: value.length });
        return spec.pattern ? value.trim() : value;
      }
      case "channel": {
        // the adapter resolves a channel it was given; a word it could not is named back
        const channel = typeof value === "object" ? readChannelRef(value) : undefined;
        return channel ?? fail(ctx, "chat.invalid.channel", { value: shown(value) });
      }
      case "integer": {
        const n = typeof value === "number" ? value : typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
        if (!Number.isSafeInteger(n) || n < spec.min || n > spec.max) {
          return fail(ctx, "chat.invalid.integer", { min: spec.min, max: spec.max, value: shown(value) });
        }
        return n;
      }
      case "choice": {
        const text = typeof value === "string" ? value.trim().toLowerCase() : "";
        const match = spec.choices.find((c) => c.toLowerCase() === text);
        if (!match) return fail(ctx, "chat.invalid.choice", { value: shown(value), choices: spec.choices.join(", ") });
        return match;
      }
      case "attachment": {
        const extensions = eitherOf(spec.extensions, tr);
        if (!isAttachment(value)) return fail(ctx, "chat.invalid.file", { extensions });
        const name = value.name.toLowerCase();
        if (!spec.extensions.some((ext) => name.endsWith(ext))) {
          // a C header is worth naming: the program is the .c file that includes it
          const key = name.endsWith(".h") ? "chat.invalid.cHeader" : "chat.invalid.fileType";
          return fail(ctx, key, { name: shown(value), extensions });
        }
        if (value.size > spec.maxBytes) return fail(ctx, "chat.invalid.fileSize", { name: shown(value), max: tr.bytes(spec.maxBytes) });
        return value;
      }
    }
  });
}

/** Checks a subcommand's options; unknown names are refused too (a typo should not be ignored). */
export function parseOptions(
  spec: SubcommandSpec,
  raw: Record<string, unknown>,
  tr: Translator,
): { ok: true; options: ParsedOptions } | { ok: false; message: string } {
  const known = spec.options.map((o) => o.name);
  const unknown = Object.keys(raw).find((name) => !known.includes(name));
  if (unknown !== undefined) {
    const message = known.length
      ? tr.t("chat.invalid.unknown", { option: unknown, known: known.join(", ") })
      : tr.t("chat.invalid.noOptions", { option: unknown, command: spec.name });
    return { ok: false, message };
  }
  const options: ParsedOptions = {};
  for (const o of spec.options) {
    const parsed = optionSchema(o, tr).safeParse(raw[o.name]);
    if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? tr.t("chat.invalid.generic") };
    options[o.name] = parsed.data;
  }
  return { ok: true, options };
}
