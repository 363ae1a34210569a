/**
 * The memsim Jupyter kernel's handler: each request turned into its reply and the outputs it
 * publishes, as data (the protocol server, src/frontends/jupyter/protocol/, owns the sockets).
 * One session of the session layer per kernel keeps the notebook's names from cell to cell.
 */
import { randomUUID } from "node:crypto";
import type { ParseProgram } from "../../../advisor/index.js";
import { TraceView } from "../../../core/view.js";
import { localeFromEnv, translator, type Locale } from "../../../i18n/index.js";
import { sharedPythonEngine } from "../../../runners/python/index.js";
import { CHAT_SIMULATION_LIMITS } from "../../../chat/services.js";
import { readConfig } from "../../config.js";
import { createSessionLayer, type Limits, type SessionLayer } from "../../../session/index.js";
import type { Channel, JupyterMessage, KernelHandler, Reply, RequestIO } from "../types.js";
import { executeCell, type KernelState } from "./cell.js";
import { kernelEngine } from "./engine.js";
import { completeReply, cursorIndex, isComplete, nameAt } from "./complete.js";
import { historyReply } from "./history.js";
import { kernelInfo } from "./info.js";
import { inspectReply, sessionNames } from "./inspect.js";
import { readCell } from "./magics.js";

export interface KernelHandlerOptions {
  env: NodeJS.ProcessEnv;
  /** the language of everything the kernel writes (default: from the environment) */
  locale?: Locale;
  /** the session layer to run cells in (default: one made from the environment, closed at shutdown) */
  layer?: SessionLayer;
  /** each cell's limits (default: the chat's, from the same settings) */
  limits?: Limits;
}

/** Each cell's limits, as the chat's: MEMSIM_TIME_LIMIT_S and MEMSIM_MAX_STEPS, else its defaults. */
function limitsFromEnv(env: NodeJS.ProcessEnv): Limits {
  const read = readConfig(env);
  return read.ok ? { timeLimitMs: read.config.timeLimitMs, maxSteps: read.config.maxSteps } : { ...CHAT_SIMULATION_LIMITS };
}

/** A fresh session's id: the notebook's names live there until restart or shutdown. */
function newSessionId(): string {
  return `kernel-${randomUUID()}`;
}

export function createKernelHandler(options: KernelHandlerOptions): KernelHandler {
  const limits: Limits = options.limits ?? limitsFromEnv(options.env);
  const owned = options.layer === undefined;
  const layer: SessionLayer = options.layer ?? createSessionLayer(kernelEngine(options.env, limits));
  let parsing: Promise<ParseProgram> | undefined;
  const parser = (): Promise<ParseProgram> => {
    // Python's parser in this process: it runs no code, and loading it leaves the event loop free but for moments
    if (!parsing) {
      parsing = sharedPythonEngine().then((engine) => (source: string) => engine.parse(source));
      // a parser that failed to load is tried again by the next request
      parsing.catch(() => (parsing = undefined));
    }
    return parsing;
  };
  // the interpreter starts loading now; kernel_info does not wait for it
  // (a failure to load is met again, and told, by the request that needs it)
  void layer.warm("python").then(parser).catch(() => undefined);
  const state: KernelState = {
    layer,
    tr: translator(options.locale ?? localeFromEnv(options.env)),
    memsim: true,
    sessionId: newSessionId(),
    limits,
    count: 0,
    session: 1,
    history: [],
    parser,
  };
  // the session's names are read at the last step of the last cell that had one
  const namesReady = async (): Promise<void> => {
    const trace = state.names;
    if (trace) await TraceView.of(trace).prepareAsync({ steps: [trace.steps.length - 1] });
  };
  const reply = (msgType: string, content: Record<string, unknown>): Reply => ({ msgType, content });
  const code = (content: Record<string, unknown>): string => (typeof content.code === "string" ? content.code : "");
  const cursor = (content: Record<string, unknown>): number => (typeof content.cursor_pos === "number" ? content.cursor_pos : [...code(content)].length);

  return {
    kernelInfo: () => kernelInfo(state.tr),
    async handle(_channel: Channel, request: JupyterMessage, io: RequestIO): Promise<Reply | null> {
      const content = request.content;
      switch (request.header.msg_type) {
        case "kernel_info_request":
          return reply("kernel_info_reply", kernelInfo(state.tr));
        case "execute_request":
          return executeCell(state, content, io);
        case "is_complete_request": {
          // a %%c cell is a whole C program: it runs as it stands
          if (readCell(code(content)).c) return reply("is_complete_reply", { status: "complete" });
          // without Python's parser the answer is not known, which the protocol allows
          const parse = await parser().catch(() => undefined);
          return reply("is_complete_reply", parse ? isComplete(code(content), parse) : { status: "unknown" });
        }
        case "complete_request": {
          if (readCell(code(content)).c) return reply("complete_reply", completeReply(code(content), cursor(content), [], true));
          await namesReady();
          return reply("complete_reply", completeReply(code(content), cursor(content), sessionNames(state.names)));
        }
        case "inspect_request": {
          const text = code(content);
          // a %%c cell's names are not the Python session's
          if (readCell(text).c) return reply("inspect_reply", inspectReply(undefined, undefined, state.tr));
          await namesReady();
          return reply("inspect_reply", inspectReply(state.names, nameAt(text, cursorIndex(text, cursor(content))), state.tr));
        }
        case "history_request":
          return reply("history_reply", historyReply(state.history, state.session, content));
        case "comm_info_request":
          return reply("comm_info_reply", { status: "ok", comms: {} });
        default:
          return null;
      }
    },
    async interrupt() {
      layer.interrupt(state.sessionId);
    },
    async shutdown(restart: boolean) {
      // the running cell, if any, stops, and the old session's interpreter ends now
      layer.endSession(state.sessionId);
      if (restart) {
        state.sessionId = newSessionId();
        state.count = 0;
        state.session++;
        delete state.last;
        delete state.names;
        return;
      }
      if (owned) await layer.close();
    },
  };
}
