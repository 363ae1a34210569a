/** The Trace's schema version (./trace.ts), in a module of its own: an interpreter thread writes it without loading the schema. */
export const SCHEMA_VERSION = 2 as const;
