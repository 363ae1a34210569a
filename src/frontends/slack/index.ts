/** The Slack front end: the adapter on Bolt, and its Block Kit translation. */
export { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions, type SlackReceiver } from "./adapter.js";
export * from "./names.js";
export * from "./mrkdwn.js";
export * from "./blocks.js";
