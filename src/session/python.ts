/**
 * The Python runner of the session layer: the sandbox pool, interpreter threads of this process,
 * or (for tests of the layers above) this process's own interpreter.
 */
import { MemsimError } from "../core/errors.js";
import { openSealed } from "../sandbox/answers.js";
import type { RunResult, SealedTrace, SessionInfo } from "../sandbox/result.js";
import { within } from "./limits.js";
import type { EngineConfig, LanguageRunner, SealedSimulation, Simulation } from "./types.js";

/** A sandbox result as the session layer gives it back: notices in one list. */
export function simulationOf(result: RunResult): Simulation {
  if (!result.ok) return { ok: false, error: result.error };
  const notices = [result.session?.notice, result.stopped?.notice, result.cut?.notice].filter((n) => n !== undefined);
  const out: Simulation = { ok: true, trace: result.trace, notices };
  if (result.stopped) out.stopped = result.stopped;
  if (result.cut) out.cut = { keptSteps: result.cut.keptSteps, totalSteps: result.cut.totalSteps };
  if (result.session) out.session = result.session;
  return out;
}

/**
 * Reads a sealed simulation: parses and validates its Trace. Undefined when what the sandbox
 * sent is not a Trace.
 */
export function openSimulation(sealed: { sealed: SealedTrace; session?: SessionInfo }): Simulation | undefined {
  const run = openSealed(sealed.sealed);
  if (!run) return undefined;
  return simulationOf(sealed.session ? { ...run, session: sealed.session } : run);
}

export async function pythonRunner(config: EngineConfig): Promise<LanguageRunner> {
  if (config.engine === "inline") return inlineRunner(config);
  const sandbox = await import("../sandbox/index.js");
  // the layer's limits are the engine's defaults (absent ones leave the engine's own)
  const options = { ...config.sandbox, ...config.limits };
  const runner =
    config.engine === "pool"
      ? await (async () => {
          const pool = await sandbox.createPool(options);
          return {
            where: pool.sandbox.mode as string,
            run: pool.run.bind(pool),
            runSealed: pool.runSealed.bind(pool),
            interrupt: pool.interrupt.bind(pool),
            endSession: pool.endSession.bind(pool),
            close: () => pool.close(),
            stats: () => pool.stats(),
          };
        })()
      : await sandbox.createLocalRunner(options);
  const runOptions = (o: Parameters<LanguageRunner["run"]>[1]) => ({
    ...within(config.limits, o.limits),
    ...(o.stdin ? { stdin: o.stdin } : {}),
    ...(o.sessionId !== undefined ? { sessionId: o.sessionId } : {}),
    ...(o.display ? { display: true } : {}),
    ...(o.input ? { input: o.input } : {}),
    ...(o.output ? { output: o.output } : {}),
  });
  const sealed = "runSealed" in runner ? runner.runSealed : undefined;
  return {
    where: runner.where,
    async run(source, o) {
      return simulationOf(await runner.run(source, runOptions(o)));
    },
    ...(sealed ? { runSealed: (source: string, o: Parameters<LanguageRunner["run"]>[1]): Promise<SealedSimulation> => sealed(source, runOptions(o)) } : {}),
    interrupt: (sessionId: string) => runner.interrupt(sessionId),
    endSession: (sessionId: string) => runner.endSession(sessionId),
    close: () => runner.close(),
    ...("stats" in runner ? { stats: runner.stats } : {}),
  };
}

/** This process's own interpreter: not isolated, one run at a time, no sessions. For tests. */
async function inlineRunner(config: EngineConfig): Promise<LanguageRunner> {
  const { sharedPythonEngine } = await import("../runners/python/index.js");
  const engine = await sharedPythonEngine();
  return {
    where: "inline",
    async run(source, o) {
      // operator-facing: only the isolated engines keep sessions
      if (o.sessionId !== undefined) throw new MemsimError("no-sessions", "The inline engine keeps no sessions: use the threads or pool engine.");
      const limits = within(config.limits, o.limits);
      const trace = engine.run(source, {
        ...(limits.maxSteps !== undefined ? { maxSteps: limits.maxSteps } : {}),
        ...(limits.timeLimitMs !== undefined ? { timeLimitMs: limits.timeLimitMs } : {}),
        ...(limits.stdoutCap !== undefined ? { stdoutCap: limits.stdoutCap } : {}),
        ...(limits.maxDepth !== undefined ? { maxDepth: limits.maxDepth } : {}),
        ...(o.stdin ? { stdin: o.stdin } : {}),
        ...(o.display ? { display: true } : {}),
      });
      return { ok: true, trace, notices: [] };
    },
    close: async () => undefined,
  };
}
