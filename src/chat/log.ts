/**
 * Structured logs (JSON lines, pino) for whoever runs memsim. They say what happened and
 * how long it took, never what a learner wrote and never a token.
 */
import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger } from "pino";

/** Fields that could hold a program, its output, or a secret: dropped wherever they appear. */
const SECRET_PATHS = [
  "token",
  "*.token",
  "source",
  "*.source",
  "code",
  "*.code",
  "content",
  "*.content",
  "authorization",
  "*.authorization",
  "headers",
  "*.headers",
];

export interface LoggerOptions {
  level?: string;
  /** where lines go (default standard output) */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const settings = {
    level: options.level ?? "info",
    base: { app: "memsim" },
    redact: { paths: SECRET_PATHS, remove: true },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** A logger that writes nothing (tests and the console, where output is the conversation). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
