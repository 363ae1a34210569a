/**
 * The `/memsim` commands, described once for every chat platform. Adapters turn this into
 * their own registration format (Discord application commands, Slack slash commands), the
 * chat layer parses typed commands from it (src/chat/text-command.ts) and checks options
 * with zod schemas made from it; nothing else lists commands or options.
 *
 * Texts are catalog keys (src/i18n/messages/chat.ts), never words.
 */
import { MAX_SOURCE_BYTES } from "../src/session/limits.js";

/** Languages a program may be written in. */
export const LANGUAGES = ["python", "c"] as const;
export type ProgramLanguage = (typeof LANGUAGES)[number];

/** File name endings accepted for each language. */
export const EXTENSIONS: Record<ProgramLanguage, string[]> = { python: [".py"], c: [".c"] };

/** Locales a learner may ask for. */
export const CHAT_LOCALES = ["en", "zh-CN"] as const;

/** Concepts of the reference text, each with a teaching card. */
export const TOPICS = [
  "stack",
  "heap",
  "call-stack",
  "refcount",
  "gc",
  "private-heap",
  "slicing",
  "string-building",
  "generators",
  "libraries",
] as const;
export type TopicId = (typeof TOPICS)[number];

/** Before/after pairs `/memsim compare` can show without any code typed. */
export const PRACTICES = ["slicing", "indexing", "string-building", "generators"] as const;
export type PracticeId = (typeof PRACTICES)[number];

/** The longest program accepted, in characters (Discord's text inputs hold 4,000). */
export const MAX_CODE_CHARS = 4000;
/** The largest uploaded program file, in bytes: the longest program memsim reads at all. */
export const MAX_FILE_BYTES = MAX_SOURCE_BYTES;
/** The highest step number the `step` option accepts. */
export const MAX_STEP = 100_000;
/** The longest text of lines given to `input()`, in characters. */
export const MAX_STDIN_CHARS = 2000;

interface OptionBase {
  name: string;
  /** catalog key of the option's one-line description */
  description: string;
  required?: boolean;
  /** where commands are typed as text, a bare word (no `name:`) fills this option; one per subcommand */
  positional?: boolean;
}

/** A command option, typed the way every platform can express it. A `channel` option's value is
 * the channel as a `ChannelRef` (src/chat/adapter.ts), resolved by the adapter. */
export type OptionSpec =
  /** `pattern`: the form a text must have, and `patternMessage` the catalog key that says so */
  | (OptionBase & { type: "text"; maxLength: number; multiline?: boolean; pattern?: RegExp; patternMessage?: string })
  | (OptionBase & { type: "channel" })
  | (OptionBase & { type: "integer"; min: number; max: number })
  | (OptionBase & { type: "choice"; choices: readonly string[]; choiceLabels?: string })
  | (OptionBase & { type: "attachment"; extensions: string[]; maxBytes: number });

/** A field of a form that opens when a command needs more than options can hold. */
export interface FormFieldSpec {
  id: string;
  /** catalog keys */
  label: string;
  placeholder?: string;
  multiline: boolean;
  required: boolean;
  maxLength: number;
}

export interface FormSpec {
  id: string;
  /** catalog key */
  title: string;
  fields: FormFieldSpec[];
}

/** A subcommand's name; one of a group is written "group sub" (`/memsim quiz schedule`). */
export type CommandPath =
  | "run"
  | "explain"
  | "compare"
  | "help"
  | "quiz schedule"
  | "quiz stop"
  | "quiz now"
  | "quiz close"
  | "quiz leaderboard"
  | "quiz me";

export interface SubcommandSpec {
  name: CommandPath;
  description: string;
  options: OptionSpec[];
}

/** A group of subcommands (`/memsim quiz …`). */
export interface GroupSpec {
  name: "quiz";
  /** catalog key */
  description: string;
}

/** An action on a message (Discord's message context menu; elsewhere a message shortcut). */
export interface MessageActionSpec {
  name: "simulate";
  /** catalog key of the label people see in the menu */
  label: string;
}

const localeOption: OptionSpec = {
  name: "locale",
  type: "choice",
  choices: CHAT_LOCALES,
  choiceLabels: "chat.locale",
  description: "chat.option.locale",
};

/** Periods a quiz leaderboard covers. */
export const QUIZ_PERIODS = ["week", "month", "all"] as const;
export type QuizPeriod = (typeof QUIZ_PERIODS)[number];

/** The longest IANA time zone name accepted (the longest real one has 32 characters). */
const MAX_ZONE_CHARS = 64;

/** The channel a quiz command is about: the one it is typed in when left out. */
const quizChannel: OptionSpec = { name: "channel", type: "channel", description: "chat.option.quizChannel" };

/** `/memsim` and its subcommands. */
export const MEMSIM: { name: "memsim"; description: string; groups: GroupSpec[]; subcommands: SubcommandSpec[] } = {
  name: "memsim",
  description: "chat.command.memsim",
  groups: [{ name: "quiz", description: "chat.command.quiz" }],
  subcommands: [
    {
      name: "run",
      description: "chat.command.run",
      options: [
        { name: "code", type: "text", maxLength: MAX_CODE_CHARS, multiline: true, description: "chat.option.code" },
        { name: "file", type: "attachment", positional: true, extensions: Object.values(EXTENSIONS).flat(), maxBytes: MAX_FILE_BYTES, description: "chat.option.file" },
        { name: "language", type: "choice", choices: LANGUAGES, choiceLabels: "chat.language", description: "chat.option.language" },
        { name: "step", type: "integer", min: 1, max: MAX_STEP, description: "chat.option.step" },
        { name: "stdin", type: "text", maxLength: MAX_STDIN_CHARS, multiline: true, description: "chat.option.stdin" },
        localeOption,
      ],
    },
    {
      name: "explain",
      description: "chat.command.explain",
      options: [{ name: "topic", type: "choice", choices: TOPICS, choiceLabels: "chat.topic.name", positional: true, description: "chat.option.topic" }, localeOption],
    },
    {
      name: "compare",
      description: "chat.command.compare",
      options: [
        { name: "practice", type: "choice", choices: PRACTICES, choiceLabels: "chat.practice.name", positional: true, description: "chat.option.practice" },
        { name: "before", type: "text", maxLength: MAX_CODE_CHARS, multiline: true, description: "chat.option.before" },
        { name: "after", type: "text", maxLength: MAX_CODE_CHARS, multiline: true, description: "chat.option.after" },
        localeOption,
      ],
    },
    { name: "help", description: "chat.command.help", options: [localeOption] },
    {
      name: "quiz schedule",
      description: "chat.command.quiz.schedule",
      options: [
        { name: "time", type: "text", maxLength: 5, pattern: /^([01]?\d|2[0-3]):[0-5]\d$/, patternMessage: "chat.invalid.time", required: true, description: "chat.option.quizTime" },
        { name: "timezone", type: "text", maxLength: MAX_ZONE_CHARS, required: true, description: "chat.option.quizZone" },
        quizChannel,
        { ...localeOption, description: "chat.option.quizLocale" },
      ],
    },
    { name: "quiz stop", description: "chat.command.quiz.stop", options: [quizChannel, localeOption] },
    { name: "quiz now", description: "chat.command.quiz.now", options: [quizChannel, { ...localeOption, description: "chat.option.quizLocale" }] },
    { name: "quiz close", description: "chat.command.quiz.close", options: [quizChannel, localeOption] },
    {
      name: "quiz leaderboard",
      description: "chat.command.quiz.leaderboard",
      options: [{ name: "period", type: "choice", choices: QUIZ_PERIODS, choiceLabels: "chat.quizPeriod", positional: true, description: "chat.option.quizPeriod" }, localeOption],
    },
    { name: "quiz me", description: "chat.command.quiz.me", options: [localeOption] },
  ],
};

/** A subcommand's group and its own name (`quiz schedule` → quiz, schedule). */
export function commandPath(name: CommandPath): { group?: GroupSpec["name"]; sub: string } {
  const [first, second] = name.split(" ");
  return second === undefined ? { sub: first! } : { group: first as GroupSpec["name"], sub: second };
}

/** The message action that simulates the code a message holds. */
export const SIMULATE_MESSAGE: MessageActionSpec = { name: "simulate", label: "chat.action.simulate" };

/** Forms the commands open when code was not given as an option. */
export const FORMS = {
  run: {
    id: "run",
    title: "chat.form.run.title",
    fields: [
      { id: "code", label: "chat.form.code", placeholder: "chat.form.code.placeholder", multiline: true, required: true, maxLength: MAX_CODE_CHARS },
      { id: "stdin", label: "chat.form.stdin", placeholder: "chat.form.stdin.placeholder", multiline: true, required: false, maxLength: MAX_STDIN_CHARS },
    ],
  },
  compare: {
    id: "compare",
    title: "chat.form.compare.title",
    fields: [
      { id: "before", label: "chat.form.before", placeholder: "chat.form.code.placeholder", multiline: true, required: true, maxLength: MAX_CODE_CHARS },
      { id: "after", label: "chat.form.after", placeholder: "chat.form.code.placeholder", multiline: true, required: true, maxLength: MAX_CODE_CHARS },
    ],
  },
} satisfies Record<string, FormSpec>;

export type SubcommandName = CommandPath;
export const SUBCOMMANDS: SubcommandName[] = MEMSIM.subcommands.map((s) => s.name);
