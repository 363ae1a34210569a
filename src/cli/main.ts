/**
 * `memsim` on the command line. `main` returns the exit status: 0 the program ran, 1 it
 * raised, 2 memsim cannot run it or the command was mistyped, 3 a limit stopped the run.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MemsimError } from "../core/errors.js";
import { sourceText } from "../chat/source-text.js";
import { platformWords } from "../chat/wording.js";
import { localeFromEnv, resolveLocale, translator, type Locale, type Translator } from "../i18n/index.js";
import { DEFAULT_MAX_STEPS } from "../runners/python/index.js";
import { parseArgv, type Options } from "./args.js";
import { ACCOUNT_HEAD, ACCOUNT_TAIL, ACCOUNT_WHOLE_UP_TO } from "./account.js";
import { outputProblemText, readyOutputs } from "./outputs.js";
import { runCommand, type RunArgs } from "./run.js";
import { memsimVersion } from "../core/version.js";
import type { Language } from "../core/trace.js";
import { looksLikeC } from "../core/looks-like.js";

/** The languages a file's ending names (any other file is read as Python; `-` too, unless it is plainly C). */
const LANGUAGE_BY_ENDING: Record<string, Language> = { c: "c" };

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

export { memsimVersion };

/**
 * The locale asked for, or the environment's. A tag memsim has no text for is told, not
 * ignored: another Chinese goes on in Simplified Chinese, anything else in English.
 */
export function chooseLocale(asked: string | undefined, env: NodeJS.ProcessEnv): { locale: Locale; unsupported: boolean } {
  if (asked === undefined) return { locale: localeFromEnv(env), unsupported: false };
  const locale = resolveLocale(asked);
  if (locale === "zh-CN" || /^en([-_]|$)/i.test(asked)) return { locale, unsupported: false };
  return { locale: /^zh([-_]|$)/i.test(asked) ? "zh-CN" : "en", unsupported: true };
}

/** A file holding no code: only blank lines and comments (or nothing at all). */
function emptyProgram(source: string): "empty" | "comments" | undefined {
  if (!/\S/.test(source)) return "empty";
  return source.split(/\r?\n/).every((line) => /^\s*(#.*)?$/.test(line)) ? "comments" : undefined;
}

function usage(tr: Translator): string {
  return tr.t("cli.usage", { maxSteps: DEFAULT_MAX_STEPS, timeLimit: DEFAULT_TIME_LIMIT_S, head: ACCOUNT_HEAD, tail: ACCOUNT_TAIL, whole: ACCOUNT_WHOLE_UP_TO });
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  // `memsim start`: the chat bot, or the console when no token is set (its own options)
  if (argv[0] === "start") return (await import("../frontends/start.js")).start(argv.slice(1));
  // `memsim kernel`: the Jupyter kernel and its kernelspec (its own words after it)
  if (argv[0] === "kernel") return (await import("./kernel.js")).kernelCommand(argv.slice(1), translator(localeFromEnv(io.env)), io);
  // `memsim db backup FILE`: a copy of the database, safe while the bot runs
  if (argv[0] === "db") return (await import("./db.js")).dbCommand(argv.slice(1), translator(localeFromEnv(io.env)), io);
  const parsed = parseArgv(argv);
  const asked = parsed.ok ? parsed.options.locale : parsed.locale;
  const { locale, unsupported } = chooseLocale(asked, io.env);
  const tr = translator(locale);
  if (unsupported) io.stderr(tr.t("cli.note.locale", { value: asked ?? "" }) + "\n");
  if (!parsed.ok) {
    io.stderr(tr.t(parsed.problem.key, parsed.problem.params) + "\n");
    return 2;
  }
  const { options, positionals } = parsed;
  if (options.version) {
    io.stdout(`memsim ${memsimVersion()}\n`);
    return 0;
  }
  // `memsim help` is what many tools take; it gets the help rather than "unknown command"
  if (positionals[0] === "help") options.help = true;
  if (options.help || positionals.length === 0) {
    (options.help ? io.stdout : io.stderr)(usage(tr) + "\n");
    return options.help ? 0 : 2;
  }
  const [command, file, ...rest] = positionals;
  if (command !== "run") {
    const key = /\.py$/i.test(command ?? "") ? "cli.error.commandIsFile" : "cli.error.unknownCommand";
    io.stderr(tr.t(key, { command: command ?? "" }) + "\n\n" + usage(tr) + "\n");
    return 2;
  }
  if (!file || rest.length > 0) {
    io.stderr(tr.t("cli.error.noFile") + "\n");
    return 2;
  }
  if (options.state !== undefined && !options.json) {
    io.stderr(tr.t("cli.error.stateNeedsJson") + "\n");
    return 2;
  }
  const ending = /\.(c|h|cc|cpp|cxx|hpp|java|js|mjs|ts|rb|go|rs|cs|php|swift|kt)$/i.exec(file)?.[1]?.toLowerCase();
  let language: Language = (ending && LANGUAGE_BY_ENDING[ending]) || "python";
  if (ending && !LANGUAGE_BY_ENDING[ending]) {
    io.stderr(tr.t(ending === "h" ? "cli.error.cFile" : "cli.error.otherLanguage", { file, ending: `.${ending}` }) + "\n");
    return 2;
  }
  let source: string;
  try {
    if (file === "-") {
      source = io.readStdin();
      // piped text has no name to tell its language: it is Python unless it is plainly C
      if (looksLikeC(source)) language = "c";
    }
    else {
      // as CPython reads a program file: a byte-order mark dropped, a declared encoding honoured
      const read = sourceText(platformWords(tr, "console"), file, readFileSync(file));
      if ("refusal" in read) {
        io.stderr(read.refusal + "\n");
        return 2;
      }
      source = read.text;
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? tr.t("cli.error.noSuchFile") : code === "EISDIR" ? tr.t("cli.error.isDirectory") : (code ?? "?");
    io.stderr(tr.t("cli.error.readFile", { file, reason }) + "\n");
    return 2;
  }
  const empty = emptyProgram(source);
  if (empty) {
    const name = file === "-" ? tr.t("cli.standardInput") : file;
    io.stderr(tr.t(empty === "empty" ? "cli.error.emptyFile" : "cli.error.onlyComments", { file: name }) + "\n");
    return 2;
  }
  if (options.step !== undefined && options.png === undefined) io.stderr(tr.t("cli.note.stepUnused", { step: String(options.step), file }) + "\n");
  // a path that cannot be written is told before the program runs, not after
  const outputProblem = readyOutputs(options);
  if (outputProblem) {
    io.stderr(outputProblemText(outputProblem, tr) + "\n");
    return 2;
  }
  try {
    return await runCommand({ ...runArgs(file, source, options), language }, tr, io);
  } catch (err) {
    const code = err instanceof MemsimError ? err.code : "internal";
    io.stderr(tr.t("cli.error.internal", { code }) + "\n");
    if (io.env.MEMSIM_DEBUG) io.stderr(String((err as Error).stack ?? err) + "\n");
    return 2;
  }
}

function runArgs(file: string, source: string, options: Options): Omit<RunArgs, "language"> {
  return {
    file: file === "-" ? "<stdin>" : file,
    source,
    json: options.json,
    allSteps: options.allSteps,
    maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
    timeLimitMs: (options.timeLimit ?? DEFAULT_TIME_LIMIT_S) * 1000,
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
}
