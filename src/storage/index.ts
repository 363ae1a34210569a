/**
 * memsim's one SQLite database: every table lives here, made and changed by the migrations
 * in `migrations/`. Open it once and hand the same `Storage` to every module that keeps data.
 */
export { databasePath, defaultDatabasePath, openStorage, type Storage, type StorageOptions } from "./database.js";
export { StorageError } from "./errors.js";
export { migrate, schemaVersion, type MigrationResult } from "./migrate.js";
export { MIGRATIONS, type Migration } from "./migrations/index.js";
export { newRunId, openRunStore, runStore, type NewRun, type RunStore, type StoredRun, type StoreOptions } from "./runs.js";
