/**
 * The session layer: the one way every front end runs a program. `simulate(source, { language,
 * limits, sessionId })` finds the language's runner in the registry and the engine the layer was
 * configured with at start-up (the sandbox pool for the bots, interpreter threads for the CLI and
 * the console). The same program gets the same Trace and the same refusals whichever front end
 * asks; failures come back as notices (codes with values) that only the edges put into words.
 */
import type { Language } from "../core/trace.js";
import { sandboxMode } from "../sandbox/mode.js";
import { MAX_SOURCE_BYTES } from "./limits.js";
import { runnerFactory } from "./registry.js";
import type { EngineConfig, LanguageRunner, SealedSimulation, Simulation, SimulateOptions } from "./types.js";
import "./runners.js";

export interface SessionLayer {
  simulate(source: string, options: SimulateOptions): Promise<Simulation>;
  /** `simulate` with the Trace left unread (`openSimulation` reads it); an engine that cannot
   * hand it on unread (threads, inline) reads it as `simulate` does */
  simulateSealed(source: string, options: SimulateOptions): Promise<SealedSimulation | Simulation>;
  /**
   * Asks the run of this session going on now to stop: the program ends with KeyboardInterrupt
   * raised in its own code (outcome "error", type "KeyboardInterrupt", the Trace kept up to
   * there) and the session's names live on. A run inside one long C call that does not stop
   * within 2 s has its runner ended (notice "stopped.interrupt": the session starts fresh).
   * True when a run of that session was going on and has been told to stop.
   */
  interrupt(sessionId: string): boolean;
  /** Lets a session go now, whatever its idle time (a notebook's kernel restarted): its run, if
   * any, is stopped, and its interpreter ends. True when it had one. */
  endSession(sessionId: string): boolean;
  /** starts the language's runner now rather than at its first program (a bot warms up at start) */
  warm(language: Language): Promise<void>;
  /** where programs run, per language started so far */
  where(language: Language): string | undefined;
  /** the engine's own figures for a language started so far */
  stats(language: Language): unknown;
  close(): Promise<void>;
  readonly config: Readonly<EngineConfig>;
}

export function createSessionLayer(config: EngineConfig): SessionLayer {
  const runners = new Map<Language, Promise<LanguageRunner>>();
  const started = new Map<Language, LanguageRunner>();
  // a session's run from the moment it is asked for, so an interrupt before its runner has it is kept
  const inFlight = new Map<string, { interrupted: boolean }>();
  let closed = false;
  const runnerFor = (language: Language): Promise<LanguageRunner> => {
    let runner = runners.get(language);
    if (!runner) {
      runner = runnerFactory(language)(config).then((r) => {
        started.set(language, r);
        return r;
      });
      // a runner that failed to start is tried again by the next program
      runner.catch(() => runners.delete(language));
      runners.set(language, runner);
    }
    return runner;
  };
  return {
    config,
    async simulate(source, options) {
      if (closed) return { ok: false, error: { code: "closed" } };
      // refused at once: a longer text would take memsim longer to read than a run may last
      const size = Buffer.byteLength(source, "utf8");
      if (size > MAX_SOURCE_BYTES) return { ok: false, error: { code: "source.too-large", params: { size, max: MAX_SOURCE_BYTES } } };
      const sessionId = options.sessionId;
      const flight = { interrupted: false };
      if (sessionId !== undefined) inFlight.set(sessionId, flight);
      try {
        const runner = await runnerFor(options.language);
        const { language: _, ...rest } = options;
        const run = runner.run(source, rest);
        if (flight.interrupted && sessionId !== undefined) runner.interrupt?.(sessionId);
        if (sessionId !== undefined && inFlight.get(sessionId) === flight) inFlight.delete(sessionId);
        return await run;
      } finally {
        if (sessionId !== undefined && inFlight.get(sessionId) === flight) inFlight.delete(sessionId);
      }
    },
    async simulateSealed(source, options) {
      if (closed) return { ok: false, error: { code: "closed" } };
      const runner = await runnerFor(options.language);
      const { language: _, ...rest } = options;
      return runner.runSealed ? runner.runSealed(source, rest) : runner.run(source, rest);
    },
    interrupt(sessionId) {
      let told = false;
      for (const runner of started.values()) if (runner.interrupt?.(sessionId)) told = true;
      const flight = inFlight.get(sessionId);
      if (!told && flight) {
        flight.interrupted = true;
        told = true;
      }
      return told;
    },
    endSession(sessionId) {
      let had = false;
      for (const runner of started.values()) if (runner.endSession?.(sessionId)) had = true;
      return had;
    },
    async warm(language) {
      (await runnerFor(language)).warm?.();
    },
    where: (language) => started.get(language)?.where,
    stats: (language) => started.get(language)?.stats?.(),
    async close() {
      closed = true;
      const all = await Promise.allSettled([...runners.values()]);
      await Promise.all(all.flatMap((r) => (r.status === "fulfilled" ? [r.value.close()] : [])));
      runners.clear();
      started.clear();
    },
  };
}

let current: SessionLayer | undefined;

/** Chooses the engine for this process, once, at start-up. */
export function configureSessions(config: EngineConfig): SessionLayer {
  // operator-facing: two front ends in one process must agree on one engine
  if (current) throw new Error("The session layer is already configured for this process.");
  current = createSessionLayer(config);
  return current;
}

/** The layer this process configured. */
export function sessions(): SessionLayer {
  // operator-facing
  if (!current) throw new Error("The session layer is not configured: call configureSessions() at start-up.");
  return current;
}

/** Runs a program through the layer this process configured. */
export function simulate(source: string, options: SimulateOptions): Promise<Simulation> {
  return sessions().simulate(source, options);
}

/** Closes the process's layer (at shutdown); a new one may be configured after. */
export async function closeSessions(): Promise<void> {
  const layer = current;
  current = undefined;
  await layer?.close();
}

/**
 * The engine the environment asks for: MEMSIM_SANDBOX "bwrap" or "node" → the sandbox pool
 * (one worker, with that isolation); unset → interpreter threads of this process.
 */
export function engineFromEnv(env: NodeJS.ProcessEnv, base: Omit<EngineConfig, "engine"> = {}): EngineConfig {
  const asked = env.MEMSIM_SANDBOX;
  if (asked === undefined || asked === "") return { ...base, engine: "threads" };
  const mode = sandboxMode(undefined, env).mode;
  return { ...base, engine: "pool", sandbox: { size: 1, ...base.sandbox, sandbox: mode } };
}
