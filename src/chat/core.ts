/**
 * The command layer: one entry point for every adapter. It checks options, applies the
 * cooldowns, routes to the one handler for the command or button, and turns every failure
 * into a kind answer. Adapters translate what it returns; they decide nothing.
 */
import { MEMSIM } from "../../commands/memsim.js";
import type { ParseProgram } from "../advisor/index.js";
import { MemsimError } from "../core/errors.js";
import { resolveLocale, type Locale } from "../i18n/index.js";
import { decodeAction, type Action } from "./actions.js";
import { makeContext, TraceCache, type Context, type FairUse, type Plan, type Services } from "./context.js";
import { ACTIONS, COMMANDS, simulateMessage } from "./handlers/index.js";
import type { Invocation } from "./invocation.js";
import { DEFAULT_LIMITS, Limits, rewriteBudgetMs, type LimitSettings } from "./limits.js";
import { silentLogger, type Logger } from "./log.js";
import { parseOptions } from "./options.js";
import { inlineReplier, type Replier } from "./offload/replier.js";
import { notice, type Acceptance, type Answer } from "./reply.js";
import { noAdvisor, type Advisor, type Drawer, type Simulator } from "./services.js";
import type { RunStore } from "./store.js";
import { QuizError } from "../quiz/questions/index.js";
import type { Clock } from "../quiz/schedule/index.js";
import { createQuizService, type QuizService } from "../quiz/service.js";
import type { QuizStore } from "../quiz/store/index.js";

export interface ChatCoreOptions {
  simulator: Simulator;
  drawer: Drawer;
  store: RunStore;
  advisor?: Advisor;
  logger?: Logger;
  limits?: LimitSettings;
  now?: () => number;
  /** the clock runs are timed with, in ms (default performance.now): the advisor's rewrites of a
   * run may take twice the time its run took */
  clock?: () => number;
  /** the language for people whose platform gives none (default en) */
  defaultLocale?: Locale;
  /** the longest an answer may take before the person is told it took too long (default 60 s) */
  workTimeoutMs?: number;
  /** who makes the replies that read Traces (default: this thread, with `drawer`, `advisor` and
   * `parse`; the bot gives its reply workers) */
  replier?: Replier;
  /** Python's parser, for the replies made in this thread (it tells a flattened program apart) */
  parse?: ParseProgram;
  /** the daily quiz's store: with it, `/memsim quiz` works (its questions are made by `replier`) */
  quiz?: { store: QuizStore; clock?: Clock };
}

export interface ChatCore {
  /** Decides at once what to do with an invocation; slow work waits in the acceptance's `finish`. */
  accept(invocation: Invocation): Acceptance;
  /** the daily quiz, when the core was given its store (connect adapters to it, then start it) */
  readonly quiz?: QuizService;
}

/** The locale an invocation asks for: an explicit choice, else the person's own, else the default. */
export function chosenLocale(explicit: unknown, personal: string | undefined, fallback: Locale): Locale {
  if (explicit === "en" || explicit === "zh-CN") return explicit;
  return personal ? resolveLocale(personal) : fallback;
}

/** The answer, marked with the language it is written in. */
function stamp(answer: Answer, locale: Locale): Answer {
  return { ...answer, reply: { ...answer.reply, locale: answer.reply.locale ?? locale } };
}

function nameOf(invocation: Invocation): string {
  switch (invocation.kind) {
    case "command":
      return invocation.command;
    case "form":
    case "button":
      return decodeAction(invocation.kind === "form" ? invocation.formId : invocation.actionId)?.do ?? "unknown";
    case "message":
      return invocation.action;
  }
}

export function createChatCore(options: ChatCoreOptions): ChatCore {
  const logger = options.logger ?? silentLogger();
  const advisor = options.advisor ?? noAdvisor;
  const replier = options.replier ?? inlineReplier({ drawer: options.drawer, advisor, simulator: options.simulator, ...(options.parse ? { parse: options.parse } : {}) });
  const settings = options.limits ?? DEFAULT_LIMITS;
  const services: Services = { simulator: options.simulator, drawer: options.drawer, advisor, store: options.store, logger, replier, limits: settings };
  const now = options.now ?? Date.now;
  const limits = new Limits(settings, now);
  const cache = new TraceCache();
  const fair: FairUse = {
    clock: options.clock ?? (() => performance.now()),
    charge: (who) => limits.charge(who.userId, who.channelId),
    available: (who) => limits.available(who.userId, who.channelId),
    rewriteMs: (runMs) => rewriteBudgetMs(runMs, settings),
  };
  const fallback = options.defaultLocale ?? "en";
  if (options.quiz) services.quiz = quizService(options.quiz, replier, options.simulator, fair.clock, logger, fallback);
  const workTimeoutMs = options.workTimeoutMs ?? 60_000;

  /** The handler's plan for an invocation, with the context it runs in. */
  function plan(invocation: Invocation): { ctx: Context; plan: Plan } {
    const who = invocation.who;
    if (invocation.kind === "command") {
      const ctx0 = makeContext(services, cache, fair, who, chosenLocale(invocation.options.locale, who.locale, fallback));
      const spec = MEMSIM.subcommands.find((s) => s.name === invocation.command);
      if (!spec) return { ctx: ctx0, plan: { kind: "answer", answer: notice(ctx0.tr.t("chat.error.unknownCommand")) } };
      const parsed = parseOptions(spec, invocation.options, ctx0.tr);
      if (!parsed.ok) return { ctx: ctx0, plan: { kind: "answer", answer: notice(parsed.message) } };
      return { ctx: ctx0, plan: COMMANDS[invocation.command](ctx0, parsed.options) };
    }
    if (invocation.kind === "message") {
      const ctx = makeContext(services, cache, fair, who, chosenLocale(undefined, who.locale, fallback));
      return { ctx, plan: simulateMessage(ctx, invocation.message) };
    }
    const id = invocation.kind === "form" ? invocation.formId : invocation.actionId;
    const action = decodeAction(id);
    const ctx = makeContext(services, cache, fair, who, chosenLocale(action && "locale" in action ? action.locale : undefined, who.locale, fallback));
    if (invocation.kind === "button" && invocation.onPrivate) ctx.onPrivate = true;
    if (invocation.kind === "button" && invocation.askedBy) ctx.askedBy = invocation.askedBy;
    if (!action || (invocation.kind === "form") !== action.do.startsWith("form-")) {
      return { ctx, plan: { kind: "answer", answer: notice(ctx.tr.t("chat.error.unknownButton")) } };
    }
    const handler = ACTIONS[action.do] as (ctx: Context, action: Action, values: Record<string, string>) => Plan;
    return { ctx, plan: handler(ctx, action, invocation.kind === "form" ? invocation.values : {}) };
  }

  function failure(ctx: Context, error: unknown, name: string): Answer {
    const code = error instanceof MemsimError ? error.code : "internal";
    logger.error({ evt: "failure", name, code, err: error instanceof Error ? { type: error.name, message: error.message } : String(error) });
    return notice(ctx.tr.t("chat.error.internal", { code }));
  }

  /** Runs the plan's work with the one-at-a-time guard, a deadline and kind failures. */
  function guarded(ctx: Context, work: Extract<Plan, { kind: "work" }>, name: string, started: number): () => Promise<Answer> {
    const userId = ctx.who.userId;
    const holds = work.cost === "simulate" && limits.begin(userId);
    let done: Promise<Answer> | undefined;
    return () => {
      done ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        try {
          const deadline = new Promise<Answer>((resolve) => {
            timer = setTimeout(() => resolve(notice(ctx.tr.t("chat.error.tooSlow"))), workTimeoutMs);
            timer.unref();
          });
          const answer = stamp(await Promise.race([work.finish(), deadline]), ctx.locale);
          logger.info({ evt: "answered", name, user: userId, ms: Math.round(now() - started), images: answer.reply.images.length, private: !!answer.reply.private });
          return answer;
        } catch (error) {
          return stamp(failure(ctx, error, name), ctx.locale);
        } finally {
          if (timer) clearTimeout(timer);
          if (holds) limits.end(userId);
        }
      })();
      return done;
    };
  }

  return {
    ...(services.quiz ? { quiz: services.quiz } : {}),
    accept(invocation) {
      const started = now();
      const name = nameOf(invocation);
      const who = invocation.who;
      const log = { evt: "invocation", kind: invocation.kind, name, user: who.userId, channel: who.channelId, workspace: who.workspaceId };
      let ctx: Context | undefined;
      try {
        const planned = plan(invocation);
        ctx = planned.ctx;
        const p = planned.plan;
        if (p.kind !== "work") {
          logger.info({ ...log, result: p.kind, locale: ctx.locale });
          return p.kind === "form" ? { kind: "form", form: { ...p.form, locale: p.form.locale ?? ctx.locale } } : { kind: "answer", answer: stamp(p.answer, ctx.locale) };
        }
        const verdict = limits.take(p.cost, who.userId, who.channelId);
        if (!verdict.ok) {
          logger.info({ ...log, result: "limited", scope: verdict.scope, waitMs: verdict.waitMs });
          const seconds = Math.max(1, Math.ceil(verdict.waitMs / 1000));
          return { kind: "answer", answer: stamp(notice(ctx.tr.t(`chat.limit.${verdict.scope}`, { seconds }), "new"), ctx.locale) };
        }
        logger.info({ ...log, result: "work", locale: ctx.locale });
        return { kind: "work", placement: p.placement, private: p.private, finish: guarded(ctx, p, name, started) };
      } catch (error) {
        const fallbackCtx = ctx ?? makeContext(services, cache, fair, who, fallback);
        return { kind: "answer", answer: stamp(failure(fallbackCtx, error, name), fallbackCtx.locale) };
      }
    },
  };
}


/** The quiz over the core's replier: questions are made where replies are, their programs run by the simulator. */
function quizService(
  quiz: NonNullable<ChatCoreOptions["quiz"]>,
  replier: Replier,
  simulator: Simulator,
  now: () => number,
  logger: Logger,
  defaultLocale: Locale,
): QuizService {
  const host = { now, charge: () => true, run: (source: string, request: Parameters<Simulator["run"]>[1]) => simulator.run(source, request) };
  return createQuizService({
    store: quiz.store,
    logger,
    defaultLocale,
    ...(quiz.clock ? { clock: quiz.clock } : {}),
    async generate(day, channelSeed) {
      const done = await replier.serve({ view: "quiz-question", day, channelSeed, locale: defaultLocale }, host);
      if (done.kind === "question") return done.question;
      throw new QuizError("quiz-generate", `the question of ${day} could not be made (${done.kind === "failed" ? `${done.code}: ${done.message}` : done.kind})`);
    },
  });
}
