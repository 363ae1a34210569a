import { MemsimError } from "../../core/errors.js";

/** The quiz store was asked something it cannot do: a bad zone or day, an unknown post or choice. */
export class QuizStoreError extends MemsimError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "QuizStoreError";
  }
}
