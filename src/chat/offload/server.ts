/**
 * What serves a reply job, in a reply worker or in this thread: it reads the job's Traces
 * (validating sealed ones, once, then keeping them by key), and calls the view the job names.
 */
import type { Notice } from "../../core/notice.js";
import type { Language, Trace } from "../../core/trace.js";
import { translator } from "../../i18n/index.js";
import { noticeText } from "../../session/notices.js";
import { openSimulation } from "../../session/python.js";
import type { ViewContext } from "../context.js";
import { notice, reply, type Answer } from "../reply.js";
import { generateDaily, QuizError } from "../../quiz/questions/index.js";
import { answerReply } from "../views/quiz.js";
import { openResult, type Advisor, type Drawer, type Simulator } from "../services.js";
import type { ParseProgram } from "../../advisor/index.js";
import { flattenedProgram } from "../flattened.js";
import { compareReply } from "../views/compare.js";
import { clampStep, runReply } from "../views/run.js";
import { stepsReply } from "../views/steps.js";
import { topicReply } from "../views/topic.js";
import { platformWords } from "../wording.js";
import { refsOf, type HeldTrace, type Job, type JobResult } from "./jobs.js";

/** The parts a reply is made with: loaded once where jobs are served. */
export interface ReplyTools {
  drawer: Drawer;
  advisor: Advisor;
  /** Python's own parser (no code runs), where it is loaded: tells a flattened program apart */
  parse?: ParseProgram;
  /** runs the programs a quiz question is made from (in a worker: the main thread's simulator) */
  simulator?: Simulator;
}

/** What a job may ask of the one who sent it: a clock for its budget, and a charge per rewrite run. */
export interface JobHost {
  now(): number;
  charge(): boolean;
}

export interface Opened {
  trace: Trace;
  notices: Notice[];
}

/** Traces read so far, by key, the most recently used last (a Map keeps insertion order). */
class Lru {
  private entries = new Map<string, Opened>();
  constructor(private readonly size: number) {}

  get(key: string): Opened | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: Opened): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** Reads a held Trace: validates a sealed one (undefined when it is not a Trace). */
function open(held: HeldTrace): Opened | undefined {
  if ("trace" in held) return held;
  const simulation = openSimulation(held);
  return simulation?.ok ? { trace: simulation.trace, notices: simulation.notices } : undefined;
}

/**
 * A drawer that draws each step of a Trace once per language and caption, and hands out a copy
 * each time (a reply's bytes may be moved to another thread): everyone answering a quiz sees the
 * same deciding step.
 */
function drawnOnce(drawer: Drawer): Drawer {
  const drawn = new WeakMap<Trace, Map<string, Promise<Buffer>>>();
  return {
    animation: (trace, options) => drawer.animation(trace, options),
    async step(trace, stepIndex, options) {
      let steps = drawn.get(trace);
      if (!steps) drawn.set(trace, (steps = new Map()));
      const key = JSON.stringify([stepIndex, options.locale, options.caption ?? null, options.inlineScalars ?? null]);
      let png = steps.get(key);
      if (!png) {
        png = drawer.step(trace, stepIndex, options);
        steps.set(key, png);
        png.catch(() => steps.delete(key));
      }
      return Buffer.from(await png);
    },
  };
}

export class ReplyServer {
  private traces: Lru;
  private readonly quizTools: ReplyTools;

  constructor(
    private readonly tools: ReplyTools,
    keep = 16,
  ) {
    this.traces = new Lru(keep);
    this.quizTools = { ...tools, drawer: drawnOnce(tools.drawer) };
  }

  async serve(job: Job, host: JobHost): Promise<JobResult> {
    if (job.view === "quiz-question") return { kind: "question", question: await generateDaily(job.day, job.channelSeed, (p, language) => this.quizTrace(p, language)) };
    const opened = new Map<string, Opened>();
    const missing: string[] = [];
    for (const ref of refsOf(job)) {
      let got = this.traces.get(ref.key);
      if (!got && ref.held) {
        got = open(ref.held);
        if (!got) return { kind: "untrusted", key: ref.key };
        this.traces.set(ref.key, got);
      }
      if (got) opened.set(ref.key, got);
      else missing.push(ref.key);
    }
    if (missing.length) return { kind: "missing", keys: missing };
    return { kind: "answer", answer: await this.view(job, (key) => opened.get(key)!, host) };
  }

  /** A quiz program's Trace, read here (a question is made from it, never from the program's words). */
  private async quizTrace(program: string, language: Language): Promise<Trace> {
    const simulator = this.tools.simulator;
    if (!simulator) throw new QuizError("quiz-no-simulator", "quiz questions are made where a simulator is at hand");
    const result = await simulator.run(program, { language });
    if (!result.ok) throw new QuizError("quiz-simulate", `a quiz program could not be run (${result.error.code})`);
    const opened = openResult(result);
    if (!opened) throw new QuizError("quiz-simulate", "what the sandbox sent for a quiz program is not a Trace");
    return opened.trace;
  }

  private async view(job: Exclude<Job, { view: "quiz-question" }>, traceOf: (key: string) => Opened, host: JobHost): Promise<Answer> {
    const tr = platformWords(translator(job.locale), job.platform);
    const budget = job.view === "run" ? (job.budget?.ms ?? 0) : 0;
    const ctx: ViewContext = { locale: job.locale, tr, services: this.tools, rewriteBudget: () => ({ ms: budget, now: host.now, charge: host.charge }) };
    switch (job.view) {
      case "run": {
        const { trace, notices } = traceOf(job.trace.key);
        // (a Python program only: what Python could not read may be words, or lines run together)
        if (trace.outcome.status === "syntax-error" && trace.language === "python") {
          // ordinary words in a message are no program; a program squeezed onto one line is told how to send it
          if (job.from === "text") return notice(tr.t("chat.message.noCodeText"));
          if (job.from === "option" && this.tools.parse && flattenedProgram(trace.source, this.tools.parse)) return notice(tr.t("chat.run.flattened"));
        }
        // a stop the sandbox reports says more than the outcome's own sentence, and replaces it
        const stops = notices.filter((n) => n.code.startsWith("stopped.")).map((n) => noticeText(n, tr));
        const notes = [...(job.notes ?? []), ...notices.filter((n) => !n.code.startsWith("stopped.")).map((n) => noticeText(n, tr))];
        const steps = trace.steps.length;
        if (job.asked !== undefined && job.asked > steps && steps > 0) notes.push(tr.t("chat.run.stepClamped", { step: job.asked, steps }));
        return { reply: await runReply(ctx, job.run, trace, notes, clampStep(trace, job.step), stops), placement: job.placement };
      }
      case "gif": {
        const { trace } = traceOf(job.trace.key);
        const { gif: data, note } = await this.tools.drawer.animation(trace, { locale: job.locale });
        const blocks = [{ kind: "text" as const, spans: [tr.t("chat.gif.title", { steps: trace.steps.length })] }];
        if (note) blocks.push({ kind: "text", spans: [note] });
        const image = { name: "memsim-steps.gif", data, alt: tr.t("chat.alt.gif", { steps: trace.steps.length }) };
        return { reply: reply(blocks, { images: [image], private: true }), placement: "new" };
      }
      case "steps":
        return { reply: stepsReply(ctx, job.run, traceOf(job.trace.key).trace, job.page), placement: job.placement };
      case "compare":
        return compareReply(ctx, job.pair, { before: traceOf(job.before.key), after: traceOf(job.after.key) }, job.placement);
      case "topic":
        return { reply: await topicReply(ctx, job.topic, traceOf(job.trace.key).trace), placement: job.placement };
      case "quiz-answer":
        return { reply: await answerReply({ ...ctx, services: this.quizTools }, job.question, job.choice, traceOf(job.trace.key).trace), placement: "new" };
    }
  }
}
