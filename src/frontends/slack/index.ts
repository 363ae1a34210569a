export * from "./names.js";
export * from "./mrkdwn.js";
export * from "./blocks.js";
