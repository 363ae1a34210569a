/** memsim's own failures in the sandbox: the pool could not start or cannot keep its promise. */
import { MemsimError } from "../core/errors.js";

export class SandboxError extends MemsimError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "SandboxError";
  }
}
