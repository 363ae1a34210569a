/** A RequestIO that records what a handler publishes and answers input() from a list. */
import type { Channel, JupyterMessage, KernelHandler, Reply, RequestIO } from "../../../../src/frontends/jupyter/types.js";

export interface Published {
  msgType: string;
  content: Record<string, unknown>;
  metadata?: Record<string, unknown> | undefined;
}

export class FakeIO implements RequestIO {
  readonly published: Published[] = [];
  readonly prompts: string[] = [];
  /** what had been written to stdout when each prompt was asked */
  readonly stdoutAtPrompt: string[] = [];
  /** called with each thing published, as it is published */
  onPublish?: (published: Published) => void;
  constructor(
    readonly allowStdin = false,
    private readonly answers: string[] = [],
  ) {}
  publish(msgType: string, content: Record<string, unknown>, metadata?: Record<string, unknown>): void {
    this.published.push({ msgType, content, metadata });
    this.onPublish?.(this.published.at(-1)!);
  }
  async input(prompt: string): Promise<string | null> {
    this.prompts.push(prompt);
    this.stdoutAtPrompt.push(this.stream("stdout"));
    if (!this.allowStdin) return null;
    return this.answers.shift() ?? null;
  }
  of(msgType: string): Published[] {
    return this.published.filter((p) => p.msgType === msgType);
  }
  /** everything written to a stream of that name */
  stream(name: "stdout" | "stderr"): string {
    return this.of("stream")
      .filter((p) => p.content.name === name)
      .map((p) => String(p.content.text))
      .join("");
  }
}

let n = 0;
export function message(msgType: string, content: Record<string, unknown>): JupyterMessage {
  return {
    header: { msg_id: `m${++n}`, session: "test", username: "learner", date: new Date(0).toISOString(), msg_type: msgType, version: "5.3" },
    parent_header: {},
    metadata: {},
    content,
    buffers: [],
  };
}

export async function request(handler: KernelHandler, msgType: string, content: Record<string, unknown>, io = new FakeIO(), channel: Channel = "shell"): Promise<{ reply: Reply | null; io: FakeIO }> {
  const reply = await handler.handle(channel, message(msgType, content), io);
  return { reply, io };
}

/** An execute_request as a notebook sends it. */
export async function execute(handler: KernelHandler, code: string, extra: Record<string, unknown> = {}, io = new FakeIO()): Promise<{ reply: Reply; io: FakeIO }> {
  const content = { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: io.allowStdin, stop_on_error: true, ...extra };
  const { reply } = await request(handler, "execute_request", content, io);
  if (!reply) throw new Error("no execute_reply");
  return { reply, io };
}
