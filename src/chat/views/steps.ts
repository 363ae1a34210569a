/** "Explain more": every step's explanation, a page at a time, with the whole list as a file. */
import type { Trace } from "../../core/trace.js";
import { outcomeSentences } from "../../explain/index.js";
import { encodeAction } from "../actions.js";
import type { ViewContext } from "../context.js";
import { reply, spanText, type Block, type Reply } from "../reply.js";
import type { StoredRun } from "../store.js";
import { stepSentences } from "./run.js";
import { clip } from "./text.js";

/** Characters of step text on one page (a chat message holds 2,000 with everything else). */
const PAGE_CHARS = 1500;

interface Entry {
  blocks: Block[];
  size: number;
}

function entries(ctx: ViewContext, trace: Trace): Entry[] {
  const { tr } = ctx;
  return stepSentences(trace, tr, true).map((s) => {
    const blocks: Block[] = [{ kind: "title", spans: [tr.t("chat.more.step", { step: s.index + 1, line: s.line }), " ", { code: clip(s.code, 100) }] }];
    if (s.sentences.length) blocks.push({ kind: "text", spans: [clip(tr.sentences(s.sentences), 700)] });
    return { blocks, size: blocks.reduce((n, b) => n + ("spans" in b ? spanText(b.spans).length : 0) + 8, 0) };
  });
}

/** Steps grouped into pages that fit a message. */
export function pages(ctx: ViewContext, trace: Trace): Entry[][] {
  const out: Entry[][] = [[]];
  let used = 0;
  for (const entry of entries(ctx, trace)) {
    const page = out[out.length - 1]!;
    if (page.length > 0 && used + entry.size > PAGE_CHARS) {
      out.push([entry]);
      used = entry.size;
    } else {
      page.push(entry);
      used += entry.size;
    }
  }
  return out;
}

/** The whole account as plain text, for the attached file. */
function account(ctx: ViewContext, trace: Trace): string {
  const { tr } = ctx;
  const lines: string[] = [];
  for (const s of stepSentences(trace, tr, true)) {
    lines.push(`${tr.t("chat.more.step", { step: s.index + 1, line: s.line })} ${s.code}`);
    for (const sentence of s.sentences) lines.push(`    ${sentence}`);
  }
  lines.push("", ...outcomeSentences(trace, tr));
  return lines.join("\n") + "\n";
}

/** One page of the step list. */
export function stepsReply(ctx: ViewContext, run: StoredRun, trace: Trace, page: number): Reply {
  const { tr, locale } = ctx;
  const all = pages(ctx, trace);
  const at = Math.min(Math.max(0, page), all.length - 1);
  const blocks: Block[] = [{ kind: "title", spans: [{ strong: tr.t("chat.more.title", { page: at + 1, pages: all.length, steps: trace.steps.length }) }] }];
  for (const entry of all[at]!) blocks.push(...entry.blocks);
  const files =
    all.length > 1
      ? [{ name: `memsim-steps-${locale}.txt`, data: Buffer.from(account(ctx, trace), "utf8"), description: tr.t("chat.file.steps") }]
      : [];
  const buttons =
    all.length > 1
      ? [
          [
            { id: encodeAction({ do: "page", run: run.id, page: Math.max(0, at - 1), locale }), label: tr.t("chat.button.pageBack"), style: "secondary" as const, disabled: at === 0 },
            { id: encodeAction({ do: "page", run: run.id, page: at + 1, locale }), label: tr.t("chat.button.pageNext"), style: "primary" as const, disabled: at >= all.length - 1 },
          ],
        ]
      : [];
  return reply(blocks, { files, buttons, private: true });
}
