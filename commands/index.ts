/** The /memsim commands, described once for every platform, and their registration with Discord. */
export * from "./memsim.js";
export { registerCommands, type RegisterOptions } from "./register.js";
