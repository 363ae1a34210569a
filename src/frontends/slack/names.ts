/** The names Slack knows memsim by: the app manifest (assets/slack/manifest.json) declares the same. */

/** The platform name in channel references. */
export const SLACK = "slack";

/** The one slash command; its text is parsed by the chat layer's text-command parser. */
export const SLACK_COMMAND = "/memsim";

/** The message shortcut that simulates the code a message holds. */
export const SHORTCUT_CALLBACK_ID = "memsim_simulate";

/**
 * The bot token's scopes, and no more: the slash command, posting and updating replies,
 * uploading diagrams, reading a shared .py file, the asker's locale and whether they are a
 * workspace admin, opening a direct message, hearing a message that mentions memsim (`@memsim
 * run` with a .py file attached), and a public channel's creator and name (who may set its quiz,
 * `channel:#name`).
 */
export const BOT_SCOPES: readonly string[] = ["commands", "chat:write", "files:write", "files:read", "users:read", "im:write", "app_mentions:read", "channels:read"];

/** The events the bot subscribes to: only messages that mention it. */
export const BOT_EVENTS: readonly string[] = ["app_mention"];

/** Every button's action_id starts so (then row:col, unique in a message); its value is the persisted action id. */
export const BUTTON_ACTION = /^memsim-button:/;
