/** The session layer (see layer.ts): the one way every front end runs a program. */
export { createSessionLayer, configureSessions, sessions, simulate, closeSessions, engineFromEnv } from "./layer.js";
export type { SessionLayer } from "./layer.js";
export { registerRunner, registeredLanguages } from "./registry.js";
export { noticeText, NOTICE_KEYS } from "./notices.js";
export { within } from "./limits.js";
export type { EngineConfig, EngineName, LanguageRunner, Limits, OutputPiece, SealedSimulation, Simulation, SimulateOptions, RunnerFactory } from "./types.js";
export { openSimulation } from "./python.js";
export type { Notice, NoticeCode } from "../core/notice.js";
