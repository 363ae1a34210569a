/** The Discord front end: the adapter over discord.js, the commands as Discord registers them, and their registration. */
export { createDiscordAdapter, type DiscordAdapter, type DiscordAdapterOptions } from "./adapter.js";
export { discordCommands, simulateCommandName } from "./commands.js";
export { toInvocation, toModal, toPayload, download, type Download } from "./translate.js";
export { fitMarkdown, toMarkdown, escapeText, codeBlock, inlineCode, CONTENT_LIMIT } from "./markdown.js";
export { registerCommands, type RegisterOptions } from "./register.js";
