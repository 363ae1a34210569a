/** Runners by language: Python now; C registers here too. */
import { MemsimError } from "../core/errors.js";
import type { Language } from "../core/trace.js";
import type { RunnerFactory } from "./types.js";

const factories = new Map<Language, RunnerFactory>();

export function registerRunner(language: Language, factory: RunnerFactory): void {
  factories.set(language, factory);
}

export function runnerFactory(language: Language): RunnerFactory {
  const factory = factories.get(language);
  // operator-facing: a front end asked for a language no runner serves
  if (!factory) throw new MemsimError("no-runner", `No runner is registered for ${language} programs.`);
  return factory;
}

export function registeredLanguages(): Language[] {
  return [...factories.keys()];
}
