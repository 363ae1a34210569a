/** The run store the command layer keeps button state in: it lives in `src/storage/`. */
export { newRunId, openRunStore, runStore, type NewRun, type RunStore, type StoredRun, type StoreOptions } from "../storage/runs.js";
