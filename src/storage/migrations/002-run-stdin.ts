/** The lines a run's program reads with input(): a button press runs it again with the same ones. */
import type { Migration } from "./index.js";

export const runStdin: Migration = {
  version: 2,
  name: "run-stdin",
  up(db) {
    // one line per line of text (a line of input never holds a newline); NULL: none given
    db.exec("ALTER TABLE runs ADD COLUMN stdin TEXT");
  },
};
