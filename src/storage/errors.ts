import { MemsimError } from "../core/errors.js";

/** The database cannot be opened, is from a newer memsim, or a migration failed (for whoever runs memsim). */
export class StorageError extends MemsimError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "StorageError";
  }
}
