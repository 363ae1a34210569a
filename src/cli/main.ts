/**
 * `memsim` on the command line. `main` returns the exit status: 0 the program ran,
 * 1 the learner's program raised, 2 a usage error or input memsim cannot run.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { MemsimError } from "../core/errors.js";
import { localeFromEnv, resolveLocale, translator, LOCALES, type Locale, type Translator } from "../i18n/index.js";
import { DEFAULT_MAX_STEPS } from "../runners/python/index.js";
import { runCommand, type RunArgs } from "./run.js";

export const DEFAULT_TIME_LIMIT_S = 10;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => string;
  env: NodeJS.ProcessEnv;
}

const defaultIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readStdin: () => readFileSync(0, "utf8"),
  env: process.env,
};

class UsageError extends Error {}

function wholeNumber(tr: Translator, option: string, min: number) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const n = Number(value);
      if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
        ctx.addIssue({ code: "custom", message: tr.t("cli.error.badNumber", { option, min, value }) });
        return z.NEVER;
      }
      return n;
    });
}

function optionsSchema(tr: Translator) {
  return z.object({
    json: z.boolean().default(false),
    "max-steps": wholeNumber(tr, "--max-steps", 1),
    "time-limit": wholeNumber(tr, "--time-limit", 1),
    step: wholeNumber(tr, "--step", 1),
    state: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value === "last") return value;
        const n = Number(value);
        if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
          ctx.addIssue({ code: "custom", message: tr.t("cli.error.badState", { value }) });
          return z.NEVER;
        }
        return n;
      }),
    stdin: z.array(z.string()).default([]),
    locale: z.string().optional(),
    png: z.string().optional(),
    frames: z.string().optional(),
    gif: z.string().optional(),
    theme: z.enum(["dark", "light"]).optional(),
    values: z.enum(["inline", "heap"]).optional(),
    advice: z.boolean().default(false),
    help: z.boolean().default(false),
  });
}

function parse(argv: string[], env: NodeJS.ProcessEnv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: "boolean" },
      "max-steps": { type: "string" },
      "time-limit": { type: "string" },
      step: { type: "string" },
      state: { type: "string" },
      stdin: { type: "string", multiple: true },
      locale: { type: "string" },
      png: { type: "string" },
      frames: { type: "string" },
      gif: { type: "string" },
      theme: { type: "string" },
      values: { type: "string" },
      advice: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const locale: Locale = values.locale ? resolveLocale(values.locale) : localeFromEnv(env);
  const tr = translator(locale);
  if (values.locale && !/^(en|zh)([-_].*)?$/i.test(values.locale)) {
    throw new UsageError(tr.t("cli.error.badLocale", { value: values.locale }));
  }
  const parsed = optionsSchema(tr).safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const message = issue.code === "custom" ? issue.message : `--${issue.path.join(".")}: ${issue.message}`;
    throw new UsageError(message);
  }
  return { options: parsed.data, positionals, tr };
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  // `memsim start`: the chat bot, or the console when no token is set (its own options)
  if (argv[0] === "start") return (await import("../frontends/start.js")).start(argv.slice(1));
  let tr = translator(localeFromEnv(io.env));
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv, io.env);
    tr = parsed.tr;
  } catch (err) {
    const message = err instanceof UsageError ? err.message : tr.t("cli.error.option", { message: (err as Error).message });
    io.stderr(message + "\n");
    return 2;
  }
  const { options, positionals } = parsed;
  if (options.state !== undefined && !options.json) {
    io.stderr(tr.t("cli.error.stateNeedsJson") + "\n");
    return 2;
  }
  const usage = tr.t("cli.usage", { maxSteps: DEFAULT_MAX_STEPS, timeLimit: DEFAULT_TIME_LIMIT_S });
  if (options.help || positionals.length === 0) {
    (options.help ? io.stdout : io.stderr)(usage + "\n");
    return options.help ? 0 : 2;
  }
  const [command, file, ...rest] = positionals;
  if (command !== "run") {
    io.stderr(tr.t("cli.error.unknownCommand", { command: command ?? "" }) + "\n\n" + usage + "\n");
    return 2;
  }
  if (!file || rest.length > 0) {
    io.stderr(tr.t("cli.error.noFile") + "\n");
    return 2;
  }
  const ending = /\.(c|h|cc|cpp|cxx|hpp|java|js|mjs|ts|rb|go|rs|cs|php|swift|kt)$/i.exec(file)?.[1]?.toLowerCase();
  if (ending) {
    io.stderr(tr.t(ending === "c" || ending === "h" ? "cli.error.cFile" : "cli.error.otherLanguage", { file, ending: `.${ending}` }) + "\n");
    return 2;
  }
  let source: string;
  try {
    source = file === "-" ? io.readStdin() : readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? tr.t("cli.error.noSuchFile") : code === "EISDIR" ? tr.t("cli.error.isDirectory") : (code ?? "?");
    io.stderr(tr.t("cli.error.readFile", { file, reason }) + "\n");
    return 2;
  }
  const args: RunArgs = {
    file: file === "-" ? "<stdin>" : file,
    source,
    json: options.json,
    maxSteps: options["max-steps"] ?? DEFAULT_MAX_STEPS,
    timeLimitMs: (options["time-limit"] ?? DEFAULT_TIME_LIMIT_S) * 1000,
    // a newline or a typed backslash-n separates lines, as the help says
    stdin: options.stdin.flatMap((s) => s.split(/\r?\n|\\n/)),
    step: options.step,
    state: options.state,
    png: options.png,
    frames: options.frames,
    gif: options.gif,
    theme: options.theme,
    values: options.values,
    advice: options.advice,
  };
  try {
    return await runCommand(args, tr, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(err.message + "\n");
      return 2;
    }
    const code = err instanceof MemsimError ? err.code : "internal";
    io.stderr(tr.t("cli.error.internal", { code }) + "\n");
    if (io.env.MEMSIM_DEBUG) io.stderr(String((err as Error).stack ?? err) + "\n");
    return 2;
  }
}

export { UsageError };
