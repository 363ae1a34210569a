/** The /memsim commands, described once for every platform (each front end registers them its own way). */
export * from "./memsim.js";
