/**
 * `memsim start`: the bot on Discord (DISCORD_TOKEN) and on Slack (SLACK_BOT_TOKEN), both at once
 * when both are set, otherwise a console session that goes through the same command layer;
 * each is started and stopped as a `ChatAdapter`.
 * Settings come from the environment and `.env`.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import {
  canvasDrawer,
  createChatCore,
  createLogger,
  DEFAULT_LIMITS,
  editOn,
  postTo,
  findingsAdvisor,
  NO_LIMITS,
  sessionSimulator,
  silentLogger,
  type ChatAdapter,
  type ChatCore,
  type Logger,
} from "../chat/index.js";
import { createReplyPool, defaultReplyWorkers } from "../chat/offload/index.js";
import { MemsimError } from "../core/errors.js";
import { sharedPythonEngine } from "../runners/python/index.js";
import { requireStrongSandbox, sandboxMode } from "../sandbox/index.js";
import { configureSessions, closeSessions, engineFromEnv } from "../session/index.js";
import { openStorage, runStore, type Storage } from "../storage/index.js";
import { openQuizStore, type QuizStore } from "../quiz/store/index.js";
import type { QuizService } from "../quiz/service.js";
import { readConfig, type Config } from "./config.js";
import { createConsoleAdapter } from "./console/index.js";
import { createDiscordAdapter } from "./discord/index.js";
import { createSlackAdapter } from "./slack/index.js";

export interface StartIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const defaultIo: StartIo = { env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

/** Time from SIGTERM or SIGINT to the end of the process, whatever is still under way. */
const STOP_DEADLINE_MS = 9_000;

/** The signal that stopped the running adapter, if one did. */
let stoppedBy: NodeJS.Signals | undefined;

/**
 * Runs the adapters until SIGINT, SIGTERM, or until one stops on its own; then stops them all.
 * After a signal the process ends within STOP_DEADLINE_MS even if stopping hangs (an
 * unreachable Discord), and at once on a second signal.
 */
async function serve(adapters: ChatAdapter[], logger: Logger, quiz?: QuizService): Promise<void> {
  const started: ChatAdapter[] = [];
  let onSignal!: (signal: NodeJS.Signals) => void;
  const signalled = new Promise<NodeJS.Signals>((resolve) => (onSignal = resolve));
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    for (const adapter of adapters) {
      await adapter.start();
      started.push(adapter);
    }
    // the daily quiz posts through whichever adapter serves a channel's platform
    if (quiz) {
      quiz.connect({ post: (channel, reply) => postTo(started, channel, reply), edit: (message, reply) => editOn(started, message, reply) });
      quiz.start();
    }
    const why = await Promise.race([signalled, ...adapters.map((a) => a.closed.then(() => "closed" as const))]);
    logger.info({ evt: "stopping", platforms: adapters.map((a) => a.platform), why });
    if (why !== "closed") {
      stoppedBy = why;
      const force = (reason: string) => {
        logger.fatal({ evt: "stop-forced", reason }); // operator-facing
        process.exit(1);
      };
      // unref: a clean stop that ends sooner is not held back by it
      setTimeout(() => force(`not stopped ${STOP_DEADLINE_MS} ms after ${why}`), STOP_DEADLINE_MS).unref(); // operator-facing
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      process.once("SIGINT", () => force("a second signal")); // operator-facing
      process.once("SIGTERM", () => force("a second signal")); // operator-facing
    }
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    // no new post starts; one under way ends before the adapters stop
    await quiz?.stop();
    // every adapter that started is stopped, also when another failed to start
    await Promise.all(started.map((a) => a.stop()));
  }
}

async function runBot(config: Config, logger: Logger, io: StartIo): Promise<number> {
  // strangers' programs: only in the sandbox pool, and only with isolation strong enough
  const sandbox = sandboxMode(undefined, io.env);
  requireStrongSandbox(sandbox, { env: io.env });
  const layer = configureSessions({
    engine: "pool",
    sandbox: {
      ...(config.poolSize ? { size: config.poolSize } : {}),
      sandbox: sandbox.mode,
      onWarning: (message) => logger.warn({ evt: "sandbox-warning", message }),
    },
    limits: { timeLimitMs: config.timeLimitMs, maxSteps: config.maxSteps },
  });
  try {
    await layer.warm("python");
    // a C thread kept ready: a C program's answer does not wait for one to start
    await layer.warm("c");
  } catch (error) {
    await closeSessions();
    throw error;
  }
  logger.info({ evt: "sandbox", mode: sandbox.mode, layers: sandbox.layers });
  let storage: Storage | undefined;
  let bot: { core: ChatCore; close(): Promise<void> } | undefined;
  try {
    // one database for every table (runs now; quiz and scores join it as migrations)
    storage = openStorage(config.dbPath);
    const store = runStore(storage);
    const quiz = openQuizStore(storage);
    bot = await botCore(layer, store, {
      quiz,
      limits: { ...DEFAULT_LIMITS, userRefillMs: config.userCooldownMs, channelRefillMs: config.channelCooldownMs, rewriteFloorMs: config.adviceFloorMs },
      logger,
      maxSteps: config.maxSteps,
      timeLimitMs: config.timeLimitMs,
      ...(config.replyWorkers !== undefined ? { replyWorkers: config.replyWorkers } : {}),
    });
    logger.info({ evt: "reply-workers", workers: config.replyWorkers ?? defaultReplyWorkers() });
    const core = bot.core;
    // one command layer, one sandbox pool and one database behind every platform
    const adapters: ChatAdapter[] = [];
    if (config.discord) adapters.push(createDiscordAdapter({ core, token: config.discord.token, apiUrl: config.discord.apiUrl, logger }));
    if (config.slack) adapters.push(createSlackAdapter({ core, botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, receiver: config.slack.receiver, logger }));
    await serve(adapters, logger, core.quiz);
  } finally {
    await bot?.close();
    await closeSessions();
    storage?.close();
  }
  return 0;
}

/**
 * The bot's command layer over a session layer and a run store (the bot, the load test, the
 * bench): Traces come back sealed from the sandbox and every reply that reads one is made by
 * the reply workers, so this thread only receives, routes and sends. `replyWorkers: 0` makes
 * the replies in this thread instead (for comparison).
 */
export async function botCore(
  layer: Parameters<typeof sessionSimulator>[0],
  store: Parameters<typeof createChatCore>[0]["store"],
  options: {
    limits: Parameters<typeof createChatCore>[0]["limits"];
    logger?: Logger;
    maxSteps?: number;
    timeLimitMs?: number;
    replyWorkers?: number;
    /** the daily quiz's store: with it the core runs the quiz */
    quiz?: QuizStore;
  },
): Promise<{ core: ChatCore; close(): Promise<void> }> {
  const limits = { maxSteps: options.maxSteps ?? 5_000, timeLimitMs: options.timeLimitMs ?? 5_000 };
  const logger = options.logger ?? silentLogger();
  if (options.replyWorkers === 0) {
    const core = await chatCore(sessionSimulator(layer, limits), store, logger, { limits: options.limits, ...(options.quiz ? { quiz: { store: options.quiz } } : {}) });
    return { core, close: async () => undefined };
  }
  const replier = await createReplyPool(options.replyWorkers !== undefined ? { size: options.replyWorkers } : {});
  const core = createChatCore({
    simulator: sessionSimulator(layer, limits, { sealed: true }),
    drawer: canvasDrawer(),
    replier,
    store,
    logger,
    limits: options.limits,
    ...(options.quiz ? { quiz: { store: options.quiz } } : {}),
  });
  return { core, close: () => replier.close() };
}

/** The command layer both front ends share: only the simulator, limits and locale differ. */
async function chatCore(
  simulator: Parameters<typeof findingsAdvisor>[0],
  store: Parameters<typeof createChatCore>[0]["store"],
  logger: Logger,
  extra: Pick<Parameters<typeof createChatCore>[0], "limits" | "defaultLocale" | "quiz">,
) {
  // parsing runs no code, so the advisor may use Python's parser in this process
  const engine = await sharedPythonEngine();
  const parse = (source: string) => engine.parse(source);
  return createChatCore({
    simulator,
    advisor: findingsAdvisor(simulator, parse),
    parse,
    drawer: canvasDrawer(),
    store,
    logger,
    ...extra,
  });
}

async function runConsole(config: Config, logger: Logger, io: StartIo): Promise<number> {
  // the local person's own programs: in the sandbox pool when MEMSIM_SANDBOX says so, else
  // in interpreter threads of this process, never in its JavaScript (sandbox/local.ts)
  const limits = { maxSteps: config.maxSteps, timeLimitMs: config.timeLimitMs };
  const layer = configureSessions(engineFromEnv(io.env, { limits }));
  let storage: Storage | undefined;
  try {
    storage = openStorage(config.dbPath);
    const store = runStore(storage);
    await layer.warm("python");
    await layer.warm("c");
    logger.info({ evt: "sandbox", mode: layer.where("python") });
    const quiz = openQuizStore(storage);
    const core = await chatCore(sessionSimulator(layer, limits), store, logger, { limits: NO_LIMITS, defaultLocale: config.locale, quiz: { store: quiz } });
    await serve([createConsoleAdapter({ core, input: io.stdin, output: io.stdout, outDir: config.outDir, locale: config.locale })], logger, core.quiz);
  } finally {
    storage?.close();
    await closeSessions();
  }
  return 0;
}

/** `memsim start [--console]`: returns the exit status. */
export async function start(argv: string[], io: StartIo = defaultIo): Promise<number> {
  const say = (text: string) => io.stderr.write(`${text}\n`);
  let values: { console?: boolean };
  try {
    values = parseArgs({ args: argv, options: { console: { type: "boolean" } }, allowPositionals: false }).values;
  } catch (error) {
    say(`memsim start: ${(error as Error).message}`); // operator-facing
    return 2;
  }
  if (io.env === process.env && existsSync(".env")) process.loadEnvFile(".env");
  const read = readConfig(io.env);
  if (!read.ok) {
    say("memsim cannot start, because of its settings:"); // operator-facing
    for (const p of read.problems) say(`  - ${p}`);
    say("See .env.example for every setting."); // operator-facing
    return 2;
  }
  const config = read.config;
  const useBot = (config.discord !== undefined || config.slack !== undefined) && !values.console;
  let logger: Logger;
  if (useBot) logger = createLogger({ level: config.logLevel });
  else logger = config.logLevelSet ? createLogger({ level: config.logLevel, destination: pino.destination(2) }) : silentLogger();
  try {
    const status = useBot ? await runBot(config, logger, io) : await runConsole(config, logger, io);
    // the bot stopped by a signal, storage and sessions closed: nothing left may keep the process
    // up (discord.js keeps reconnecting a gateway it was told to destroy while Discord is down)
    if (useBot && stoppedBy) {
      logger.info({ evt: "stopped", why: stoppedBy });
      process.exit(status);
    }
    return status;
  } catch (error) {
    const code = error instanceof MemsimError ? error.code : "internal";
    logger.fatal({ evt: "start-failed", code, message: (error as Error).message });
    say(`memsim could not start (${code}): ${(error as Error).message}`); // operator-facing
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await start(process.argv.slice(2));
}
