/**
 * The command line's options, read by memsim itself so that every mistake is answered in
 * memsim's words (through the catalog) with what to type instead. Data in, data out: a
 * problem is a catalog key and its parameters, worded by the caller in the chosen locale.
 */
import type { Params } from "../i18n/index.js";

type Spec =
  | { kind: "flag" }
  | { kind: "number"; min: number; example: string }
  | { kind: "step-or-last"; example: string }
  | { kind: "choice"; values: readonly string[] }
  | { kind: "text"; example: string; multiple?: boolean };

/** Every option of `memsim run`, in the order `--help` lists them. */
export const OPTIONS = {
  json: { kind: "flag" },
  state: { kind: "step-or-last", example: "last" },
  "all-steps": { kind: "flag" },
  "max-steps": { kind: "number", min: 1, example: "500" },
  "time-limit": { kind: "number", min: 1, example: "5" },
  stdin: { kind: "text", example: "'Ada\\n36'", multiple: true },
  locale: { kind: "text", example: "zh-CN" },
  advice: { kind: "flag" },
  png: { kind: "text", example: "step.png" },
  step: { kind: "number", min: 1, example: "3" },
  frames: { kind: "text", example: "frames" },
  gif: { kind: "text", example: "run.gif" },
  theme: { kind: "choice", values: ["dark", "light"] },
  values: { kind: "choice", values: ["inline", "heap"] },
  help: { kind: "flag" },
  version: { kind: "flag" },
} as const satisfies Record<string, Spec>;

type Name = keyof typeof OPTIONS;

export interface Options {
  json: boolean;
  allSteps: boolean;
  advice: boolean;
  help: boolean;
  version: boolean;
  maxSteps?: number;
  timeLimit?: number;
  step?: number;
  state?: number | "last";
  stdin: string[];
  locale?: string;
  png?: string;
  frames?: string;
  gif?: string;
  theme?: "dark" | "light";
  values?: "inline" | "heap";
}

export interface Problem {
  key: string;
  params: Params;
}

export type Parsed = { ok: true; options: Options; positionals: string[] } | { ok: false; problem: Problem; locale?: string };

const SHORT: Record<string, Name> = { "-h": "help" };

/** Edit distance, to name the option that was probably meant. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The known option closest to an unknown one, when it is close enough to be a slip. */
export function closestOption(typed: string): string | undefined {
  const word = typed.replace(/^-+/, "").replace(/=.*$/, "").toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const name of Object.keys(OPTIONS)) {
    const d = name.startsWith(word) && word.length >= 2 ? 0 : distance(word, name);
    if (!best || d < best.d) best = { name, d };
  }
  return best && best.d <= Math.max(2, Math.floor(best.name.length / 3)) ? `--${best.name}` : undefined;
}

function unknownOption(option: string): Problem {
  const suggestion = closestOption(option);
  if (suggestion) return { key: "cli.error.unknownOption", params: { option, suggestion } };
  const list = Object.keys(OPTIONS).map((n) => `--${n}`).join(" ");
  return { key: "cli.error.unknownOptionList", params: { option, list } };
}

/** Checks one option's value and stores it; a problem when the value will not do. */
function take(options: Options, name: Name, value: string): Problem | undefined {
  const spec: Spec = OPTIONS[name];
  const option = `--${name}`;
  switch (spec.kind) {
    case "number":
    case "step-or-last": {
      if (spec.kind === "step-or-last" && value === "last") {
        options.state = "last";
        return undefined;
      }
      const n = Number(value);
      if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < (spec.kind === "number" ? spec.min : 1)) {
        if (spec.kind === "step-or-last") return { key: "cli.error.badState", params: { value } };
        return { key: "cli.error.badNumber", params: { option, min: spec.min, value, example: spec.example } };
      }
      if (name === "max-steps") options.maxSteps = n;
      else if (name === "time-limit") options.timeLimit = n;
      else if (name === "step") options.step = n;
      else options.state = n;
      return undefined;
    }
    case "choice": {
      if (!spec.values.includes(value)) return { key: "cli.error.badChoice", params: { option, value, first: spec.values[0]!, second: spec.values[1]! } };
      if (name === "theme") options.theme = value as Options["theme"];
      else options.values = value as Options["values"];
      return undefined;
    }
    case "text":
      if (name === "stdin") options.stdin.push(value);
      else options[name as "locale" | "png" | "frames" | "gif"] = value;
      return undefined;
    case "flag":
      return undefined;
  }
}

const FLAG_FIELD: Record<string, "json" | "allSteps" | "advice" | "help" | "version"> = {
  json: "json",
  "all-steps": "allSteps",
  advice: "advice",
  help: "help",
  version: "version",
};

/**
 * Reads argv. An option's value is the next word even when it starts with one dash
 * (`--max-steps -1` is a number to check, not a second option), unless that word is an option.
 */
export function parseArgv(argv: readonly string[]): Parsed {
  const options: Options = { json: false, allSteps: false, advice: false, help: false, version: false, stdin: [] };
  const positionals: string[] = [];
  // the locale is read first, so that a problem elsewhere is told in the language asked for
  const localeAt = argv.findIndex((a) => a === "--locale" || a.startsWith("--locale="));
  const locale = localeAt < 0 ? undefined : argv[localeAt]!.includes("=") ? argv[localeAt]!.slice("--locale=".length) : argv[localeAt + 1];
  const fail = (problem: Problem): Parsed => ({ ok: false, problem, ...(locale !== undefined ? { locale } : {}) });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "-" || !arg.startsWith("-")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const word = eq >= 0 ? arg.slice(0, eq) : arg;
    const name: Name | undefined = SHORT[word] ?? (word.startsWith("--") && Object.hasOwn(OPTIONS, word.slice(2)) ? (word.slice(2) as Name) : undefined);
    if (!name) return fail(unknownOption(word));
    const spec: Spec = OPTIONS[name];
    const option = `--${name}`;
    if (spec.kind === "flag") {
      if (eq >= 0) return fail({ key: "cli.error.flagValue", params: { option } });
      options[FLAG_FIELD[name]!] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith("--") && !Object.hasOwn(SHORT, next)) {
        value = next;
        i++;
      }
    }
    if (value === undefined) {
      const example = spec.kind === "choice" ? spec.values.at(-1)! : spec.example;
      return fail({ key: "cli.error.missingValue", params: { option, example } });
    }
    const problem = take(options, name, value);
    if (problem) return fail(problem);
  }
  return { ok: true, options, positionals };
}
