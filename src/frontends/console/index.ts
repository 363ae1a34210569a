/** The console front end: `/memsim` commands in a terminal, through the same command layer. */
export { createConsoleAdapter, CONSOLE_CHANNEL, END_OF_PASTE, type ConsoleAdapter, type ConsoleAdapterOptions } from "./adapter.js";
export { toTerminal, ANSI, PLAIN } from "./render.js";
