/** memsim's own failures (never a learner's program failing: that is a Trace outcome). */
export class MemsimError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = "MemsimError";
  }
}

/** The input cannot be run at all (unreadable file, unsupported language, …). */
export class InputError extends MemsimError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "InputError";
  }
}

/** A runner broke down (its engine failed to start or returned nonsense). */
export class RunnerError extends MemsimError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "RunnerError";
  }
}
