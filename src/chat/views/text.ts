/** Small pieces every view uses: clipping, program output, alt text, code found in a message. */
import { isProgramObject } from "../../core/state.js";
import { TraceView } from "../../core/view.js";
import type { Trace } from "../../core/trace.js";
import type { Translator } from "../../i18n/index.js";
import type { Block, ReplyFile } from "../reply.js";
import { languageOfTag } from "../language.js";

/** Output lines and characters shown in a reply; more goes into a file. */
export const OUTPUT_LINES = 8;
export const OUTPUT_CHARS = 500;
const ALT_ITEMS = 6;

/** `text` cut to `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** The program's output: a few lines in the reply, all of it in a file when longer. */
export function outputSection(trace: Trace, tr: Translator, fileName = "output.txt"): { blocks: Block[]; files: ReplyFile[] } {
  const out = trace.stdout.replace(/\n$/, "");
  if (!out) return { blocks: [], files: [] };
  const lines = out.split("\n");
  const shown = clip(lines.slice(0, OUTPUT_LINES).join("\n"), OUTPUT_CHARS);
  const cut = shown.length < out.length;
  const blocks: Block[] = [{ kind: "title", spans: [tr.t("chat.run.output")] }, { kind: "code", code: shown, language: "text" }];
  const files: ReplyFile[] = [];
  if (cut) {
    blocks.push({ kind: "note", spans: [tr.t("chat.run.outputCut", { lines: lines.length, file: fileName })] });
    files.push({ name: fileName, data: Buffer.from(trace.stdout, "utf8"), description: tr.t("chat.file.output") });
  }
  return { blocks, files };
}

function listed(items: string[], tr: Translator): string {
  const shown = items.slice(0, ALT_ITEMS);
  if (items.length > ALT_ITEMS) shown.push(tr.t("chat.alt.more", { n: items.length - ALT_ITEMS }));
  return shown.join(tr.t("chat.alt.separator"));
}

/** What the diagram of one step shows, in words (alt text: Discord and Slack show it). */
export function altText(trace: Trace, index: number, tr: Translator): string {
  if (trace.steps.length === 0) {
    const o = trace.outcome;
    return o.status === "limit" && o.line !== undefined ? tr.t("chat.alt.stoppedNoSteps", { line: o.line }) : tr.t("chat.alt.noSteps");
  }
  const state = TraceView.of(trace).state(index);
  const frames = [...state.frames]
    .reverse()
    .map((f) => {
      const names = Object.keys(f.vars);
      return names.length ? tr.t("chat.alt.frame", { name: f.name, names: clip(names.join(", "), 120) }) : tr.t("chat.alt.frameEmpty", { name: f.name });
    });
  // what an earlier run of the session made is drawn too, and said as such
  const objects = [...state.objects.values()]
    .filter((o) => isProgramObject(o.base) || o.base.origin === "earlier")
    .map((o) => tr.t(o.base.origin === "earlier" ? "chat.alt.objectEarlier" : "chat.alt.object", { type: o.base.type, size: tr.bytes(o.size) }));
  return clip(
    tr.t("chat.alt.step", {
      step: index + 1,
      steps: trace.steps.length,
      line: state.step.line,
      frames: frames.length ? listed(frames, tr) : tr.t("chat.alt.none"),
      objects: objects.length ? listed(objects, tr) : tr.t("chat.alt.none"),
      bytes: tr.bytes(state.liveBytes),
    }),
    1000,
  );
}

const FENCE = /```([A-Za-z0-9_+-]*)[ \t]*\n([\s\S]*?)```/g;

/** A program found in a message: its code, and the tag of the code block it was in ("" for none). */
export interface FoundProgram {
  code: string;
  tag: string;
}

/**
 * The program a message holds: its first code block tagged with a language memsim runs
 * (```py … ```, ```c … ```), else its first untagged block, else the whole message as plain
 * code. Undefined when it holds none.
 */
export function programInMessage(content: string): FoundProgram | undefined {
  const blocks = [...content.matchAll(FENCE)].map((m) => ({ tag: m[1] ?? "", code: m[2] ?? "" }));
  const found = blocks.find((b) => languageOfTag(b.tag) !== undefined) ?? blocks.find((b) => b.tag === "");
  if (found) return found.code.trim() ? { code: found.code.replace(/\s+$/, "") + "\n", tag: found.tag } : undefined;
  if (blocks.length > 0) return undefined;
  // a single inline `code` span, or the text itself
  const inline = /^`([^`]+)`$/.exec(content.trim());
  const text = (inline?.[1] ?? content).trim();
  return text ? { code: text + "\n", tag: "" } : undefined;
}

/** The code of the program a message holds (see `programInMessage`). */
export function codeInMessage(content: string): string | undefined {
  return programInMessage(content)?.code;
}
