/**
 * The sandbox: every Python run in a pool of isolated, warm worker processes.
 * See shared/DESIGN.md, "The sandbox".
 */
export { createPool } from "./pool.js";
export type { Pool, PoolStats } from "./pool.js";
export { sandboxMode, requireStrongSandbox } from "./mode.js";
export type { SandboxInfo } from "./mode.js";
export { DEFAULTS as SANDBOX_DEFAULTS } from "./options.js";
export type { PoolOptions, RunOptions, SandboxMode } from "./options.js";
export type { RunResult, RunSuccess, RunFailure, PoolErrorCode, StopReport, SessionInfo } from "./result.js";
export { SandboxError } from "./errors.js";
export { createLocalRunner } from "./local.js";
export type { Runner } from "./local.js";
