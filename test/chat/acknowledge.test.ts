/**
 * How the command layer has each request acknowledged, decided before any slow work: work
 * whose answer may still turn out a private note is acknowledged privately (nothing shows in
 * the channel before the answer does); work sure to answer in public is acknowledged publicly;
 * what is known at once is answered at once.
 */
import { describe, expect, it } from "vitest";
import { canvasDrawer, createChatCore, encodeAction, NO_LIMITS, openRunStore, type Acceptance, type ChatAttachment, type Invocation, type Simulator } from "../../src/chat/index.js";
import { translator } from "../../src/i18n/index.js";

let serial = 0;
/** a new person each time: a work accepted holds its person's one running simulation until it ends */
const who = () => ({ userId: `u${++serial}`, channelId: "c1", locale: "en-US" });
/** acknowledging is all these tests look at: no run needs to happen */
const idle: Simulator = { run: async () => ({ ok: false, error: { code: "busy" } }) };
const core = createChatCore({ simulator: idle, drawer: canvasDrawer(), store: openRunStore(":memory:"), limits: NO_LIMITS });

const file = (name: string, text: string): ChatAttachment => ({ name, size: Buffer.byteLength(text), read: async () => text });
const message = (content: string, attachments: ChatAttachment[] = []): Invocation => ({ kind: "message", action: "simulate", message: { content, attachments }, who: who() });
const run = (options: Record<string, unknown>): Invocation => ({ kind: "command", command: "run", options, who: who() });

/** How the acceptance would be acknowledged: "private" or "public" work, or the answer given at once. */
async function acknowledged(invocation: Invocation): Promise<string> {
  const a: Acceptance = core.accept(invocation);
  if (a.kind === "form") return "form";
  if (a.kind === "answer") return `answer${a.answer.reply.private ? " (private)" : ""}`;
  await a.finish();
  return a.private ? "private" : "public";
}

describe("how a request is acknowledged", () => {
  it("acknowledges Simulate memory on a message's plain words privately: they may be no program", async () => {
    expect(await acknowledged(message("hello there, how are you?"))).toBe("private");
    expect(await acknowledged(message("for each item in my list: print it"))).toBe("private");
    expect(await acknowledged(message("nums = [1, 2, 3]"))).toBe("private");
  });

  it("acknowledges a message's code, marked as code, publicly: its answer is for everyone", async () => {
    expect(await acknowledged(message("look:\n```py\nx = = 1\n```"))).toBe("public");
    expect(await acknowledged(message("`x = [1, 2]`"))).toBe("public");
  });

  it("acknowledges a file privately, on a message or with /memsim run: it may be refused once read", async () => {
    expect(await acknowledged(message("see attached", [file("prog.py", "x = 1\n")]))).toBe("private");
    expect(await acknowledged(run({ file: file("prog.py", "x = 1\n") }))).toBe("private");
  });

  it("acknowledges the one-line code option privately only when it could be a flattened program", async () => {
    expect(await acknowledged(run({ code: "def f(): x = 1 return x" }))).toBe("private");
    expect(await acknowledged(run({ code: "x = 1 y = 2" }))).toBe("private");
    expect(await acknowledged(run({ code: "x = [1, 2, 3]" }))).toBe("public");
    expect(await acknowledged(run({ code: "x = = 1" }))).toBe("public");
    expect(await acknowledged(run({ code: "y = a if c else b" }))).toBe("public");
    // line breaks kept (a console, a form): nothing was flattened
    expect(await acknowledged(run({ code: "x = 1\ny = 2\n" }))).toBe("public");
  });

  it("answers an empty program at once, privately, with nothing acknowledged first", async () => {
    const form: Invocation = { kind: "form", formId: encodeAction({ do: "form-run", language: "python" }), values: { code: "  \n \n" }, who: who() };
    expect(await acknowledged(form)).toBe("answer (private)");
    const fenced = core.accept(run({ code: "```py\n```" }));
    expect(fenced.kind === "answer" && fenced.answer.reply.blocks[0]).toEqual({ kind: "text", spans: [translator("en").t("chat.run.empty")] });
  });
});
