/**
 * The chat command layer: the `/memsim` commands' handlers, shared by every chat front end
 * (Discord, Slack, the console). Adapters implement `ChatAdapter`, send an `Invocation` to
 * `ChatCore.accept` and show the `Reply` they get back; typed commands are parsed here too.
 */
export { createChatCore, type ChatCore, type ChatCoreOptions } from "./core.js";
export type { Invocation, Who, ChatAttachment, ChatMessage } from "./invocation.js";
export { editOn, PostError, postTo, readChannelRef, requirePlatform, type ChannelRef, type ChatAdapter, type PostedRef } from "./adapter.js";
export { COMMAND_PREFIX, parseTextCommand, tokenize, type TextCommand, type TextCommandOptions } from "./text-command.js";
export type { Acceptance, Answer, Block, Form, FormField, Placement, Reply, ReplyButton, ReplyFile, ReplyImage, Span } from "./reply.js";
export { notice, plainText, spanText } from "./reply.js";
export { encodeAction, decodeAction, type Action, type ActionName } from "./actions.js";
export { openRunStore, type RunStore, type StoredRun } from "./store.js";
export { DEFAULT_LIMITS, NO_LIMITS, type LimitSettings } from "./limits.js";
export { createLogger, silentLogger, type Logger } from "./log.js";
export {
  canvasDrawer,
  sessionSimulator,
  noAdvisor,
  CHAT_SIMULATION_LIMITS,
  type Advice,
  type Advisor,
  type Drawer,
  type SessionsLike,
  type SimulationLimits,
  type SimulationRequest,
  type SimulationResult,
  type Simulator,
} from "./services.js";
export { findingsAdvisor } from "./advice.js";
export { codeInMessage } from "./views/text.js";
export { TOPIC_CARDS } from "./topics.js";
export { PRACTICE_PAIRS } from "./practices.js";
