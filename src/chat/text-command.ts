/**
 * Commands typed as text (`/memsim run prog.py step:3 locale:zh-CN`, a Slack slash command's
 * text, the console's numbered choices), parsed from the one command description
 * (commands/memsim.ts): its subcommands, their options and the options' types. A wrong
 * argument is answered with a catalog message in the asker's language, the same on every
 * platform that types its commands.
 */
import { CHAT_LOCALES, MEMSIM, SUBCOMMANDS, type OptionSpec, type SubcommandSpec } from "../../commands/memsim.js";
import { translator, type Locale, type Translator } from "../i18n/index.js";
import { chosenLocale } from "./core.js";
import type { ChannelRef } from "./adapter.js";
import type { ChatAttachment, Invocation, Who } from "./invocation.js";
import { parseOptions } from "./options.js";
import { notice, type Answer, type ReplyButton } from "./reply.js";
import { platformWords } from "./wording.js";

/** What a typed line stands for: something to hand to the command layer, a refusal to show, or no command at all. */
export type TextCommand =
  | { kind: "invocation"; invocation: Invocation }
  | { kind: "refused"; answer: Answer }
  | { kind: "none" };

export interface TextCommandOptions {
  who: Who;
  /** the language for people whose platform gives none (default en) */
  fallbackLocale?: Locale;
  /** the buttons of the last reply, chosen by typing their number (1 is the first) */
  choices?: readonly ReplyButton[];
  /** the file a word given for a file option names (the console: a path on disk); without it the word stays text */
  attach?: (word: string) => ChatAttachment;
  /** the channel a word given for a channel option names (Slack: `<#C123|name>`); undefined leaves the word for the checks to name */
  channel?: (word: string) => ChannelRef | undefined;
}

/** How a typed command starts. */
export const COMMAND_PREFIX = `/${MEMSIM.name}`;

/** Words of a command line; quotes keep spaces inside one word, also after `name:`. */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  const re = /(\S+?):(?:"((?:[^"\\]|\\.)*)"|'([^']*)')|"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  // only quotes and backslashes are escaped: a typed \n stays, for options that read it as a new line
  const unescape = (t: string) => t.replace(/\\(["\\])/g, "$1");
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m[1] !== undefined) out.push(`${m[1]}:${m[2] !== undefined ? unescape(m[2]) : m[3]}`);
    else out.push(m[4] !== undefined ? unescape(m[4]) : (m[5] ?? m[6] ?? ""));
  }
  return out;
}

/** A word as `name:value`, when it starts with an option-like name (a path such as C:\x.py does not). */
function named(word: string): { name: string; value: string } | undefined {
  const colon = word.indexOf(":");
  const name = word.slice(0, colon);
  return colon > 0 && /^[a-z]+$/.test(name) ? { name, value: word.slice(colon + 1) } : undefined;
}

/** A typed value in the type its option takes; what cannot be converted stays text for the checks to name. */
function typed(spec: OptionSpec, word: string, found: Pick<TextCommandOptions, "attach" | "channel">): unknown {
  switch (spec.type) {
    case "integer":
      return /^-?\d+$/.test(word) ? Number(word) : word;
    case "choice":
      return spec.choices.find((c) => c.toLowerCase() === word.toLowerCase()) ?? word;
    case "attachment":
      return found.attach && word !== "" ? found.attach(word) : word;
    case "channel":
      return found.channel?.(word) ?? word;
    case "text":
      return word;
  }
}

/** A private answer saying what to change, marked with the language it is in. */
function refusal(message: string, locale: Locale): TextCommand {
  const answer = notice(message);
  return { kind: "refused", answer: { ...answer, reply: { ...answer.reply, locale } } };
}

function refuse(tr: Translator, key: string, params: Record<string, string | number> = {}): TextCommand {
  return refusal(tr.t(key, params), tr.locale);
}

function choose(index: number, choices: readonly ReplyButton[], who: Who, tr: Translator): TextCommand {
  const button = choices[index - 1];
  if (!button) return refuse(tr, "chat.text.noChoice", { max: choices.length });
  return { kind: "invocation", invocation: { kind: "button", actionId: button.id, who } };
}

/** The options of a subcommand from its words, or the refusal of the first word that fits none. */
function optionsOf(
  spec: SubcommandSpec,
  words: string[],
  tr: Translator,
  found: Pick<TextCommandOptions, "attach" | "channel">,
): { ok: true; raw: Record<string, unknown> } | { ok: false; refused: TextCommand } {
  const raw: Record<string, unknown> = {};
  const positional = spec.options.find((o) => o.positional);
  for (const word of words) {
    const pair = named(word);
    const option = pair ? spec.options.find((o) => o.name === pair.name) : positional;
    if (pair && !option) {
      // an unknown name is kept for the option checks, which list the known ones
      raw[pair.name] = pair.value;
      continue;
    }
    if (!option || raw[option.name] !== undefined) {
      if (pair) return { ok: false, refused: refuse(tr, "chat.text.twice", { option: pair.name }) };
      const known = spec.options.map((o) => o.name).join(", ");
      const refused = known ? refuse(tr, "chat.text.extraWord", { word, command: spec.name, known }) : refuse(tr, "chat.invalid.noOptions", { option: word, command: spec.name });
      return { ok: false, refused };
    }
    raw[option.name] = typed(option, pair ? pair.value : word, found);
  }
  return { ok: true, raw };
}

/** The invocation a typed line stands for, checked against the command description. */
export function parseTextCommand(line: string, options: TextCommandOptions): TextCommand {
  const { who } = options;
  const text = line.trim();
  const words = tokenize(text);
  const word = words.map(named).find((p) => p?.name === "locale")?.value.toLowerCase();
  const asked = CHAT_LOCALES.find((l) => l.toLowerCase() === word);
  const tr = platformWords(translator(chosenLocale(asked, who.locale, options.fallbackLocale ?? "en")), who.channel?.platform);
  if (options.choices && /^\d+$/.test(text)) return choose(Number(text), options.choices, who, tr);
  const [head, first, ...after] = words;
  if (head !== COMMAND_PREFIX) return { kind: "none" };
  const commands = [...SUBCOMMANDS.filter((s) => !s.includes(" ")), ...MEMSIM.groups.map((g) => g.name)].join(", ");
  if (first === undefined) return refuse(tr, "chat.text.noCommand", { commands });
  // a group's subcommand is its second word: `/memsim quiz schedule …`
  const group = MEMSIM.groups.find((g) => g.name === first);
  if (group) {
    const inGroup = SUBCOMMANDS.filter((s) => s.startsWith(`${group.name} `));
    const named = after[0] === undefined ? undefined : inGroup.find((s) => s === `${group.name} ${after[0]}`);
    if (!named) {
      const list = inGroup.map((s) => s.slice(group.name.length + 1)).join(", ");
      return after[0] === undefined ? refuse(tr, "chat.text.noGroupCommand", { group: group.name, commands: list }) : refuse(tr, "chat.text.unknownCommand", { command: after[0], commands: list });
    }
  }
  const sub = group ? `${first} ${after[0]}` : first;
  const rest = group ? after.slice(1) : after;
  const spec = MEMSIM.subcommands.find((s) => s.name === sub);
  if (!spec) return refuse(tr, "chat.text.unknownCommand", { command: sub, commands });
  const found = optionsOf(spec, rest, tr, options);
  if (!found.ok) return found.refused;
  // the same checks the command layer makes, so a typo is told before anything starts
  const checked = parseOptions(spec, found.raw, tr);
  if (!checked.ok) return refusal(checked.message, tr.locale);
  return { kind: "invocation", invocation: { kind: "command", command: spec.name, options: found.raw, who } };
}
