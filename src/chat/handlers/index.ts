/**
 * The registry: one handler per command, per button action and per message action.
 * A test checks that every command described in commands/ has its handler here.
 */
import type { SubcommandName } from "../../../commands/memsim.js";
import type { ActionName, ActionOf } from "../actions.js";
import type { Context, Plan } from "../context.js";
import type { ParsedOptions } from "../options.js";
import * as buttons from "./buttons.js";
import { compareCommand, compareForm } from "./compare.js";
import { card, explainCommand } from "./explain.js";
import { helpCommand } from "./help.js";
import { closeCommand, leaderboardCommand, meCommand, nowCommand, quizAnswer, scheduleCommand, stopCommand } from "./quiz.js";
import { runCommand, runForm, simulateMessage } from "./run.js";

export type CommandHandler = (ctx: Context, options: ParsedOptions) => Plan;
export type ActionHandler<K extends ActionName> = (ctx: Context, action: ActionOf<K>, values: Record<string, string>) => Plan;

export const COMMANDS: Record<SubcommandName, CommandHandler> = {
  run: runCommand,
  explain: explainCommand,
  compare: compareCommand,
  help: helpCommand,
  "quiz schedule": scheduleCommand,
  "quiz stop": stopCommand,
  "quiz now": nowCommand,
  "quiz close": closeCommand,
  "quiz leaderboard": leaderboardCommand,
  "quiz me": meCommand,
};

export const ACTIONS: { [K in ActionName]: ActionHandler<K> } = {
  step: buttons.step,
  lang: buttons.lang,
  gif: buttons.gif,
  more: buttons.more,
  page: buttons.page,
  open: buttons.open,
  compare: buttons.compare,
  example: buttons.example,
  card,
  "form-run": runForm,
  "form-compare": compareForm,
  quiz: quizAnswer,
};

export { simulateMessage };
