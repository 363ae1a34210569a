/** Reply blocks as terminal text: bold titles, indented code, dim notes (colour only on a TTY). */
import { spanText, type Block, type Span } from "../../chat/index.js";
import { terminalSafe } from "../../core/terminal.js";

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  code(text: string): string;
}

export const PLAIN: Style = { bold: (t) => t, dim: (t) => t, code: (t) => t };
export const ANSI: Style = {
  bold: (t) => `\u001b[1m${t}\u001b[22m`,
  dim: (t) => `\u001b[2m${t}\u001b[22m`,
  code: (t) => `\u001b[36m${t}\u001b[39m`,
};

/** Removes terminal control and bidirectional-override characters from learner text. */
export function safe(text: string): string {
  return terminalSafe(text);
}

function spans(list: Span[], style: Style): string {
  return list.map((s) => (typeof s === "string" ? safe(s) : "code" in s ? style.code(safe(s.code)) : "user" in s ? style.bold(safe(`@${s.user}`)) : style.bold(safe(s.strong)))).join("");
}

function block(b: Block, style: Style): string {
  switch (b.kind) {
    case "title":
      return style.bold(spanText(b.spans).length ? spans(b.spans, style) : "");
    case "text":
      return spans(b.spans, style);
    case "bullets":
      return b.items.map((item) => `  • ${spans(item, style)}`).join("\n");
    case "code":
      return safe(b.code)
        .split("\n")
        .map((line) => style.code(`    ${line}`))
        .join("\n");
    case "note":
      return style.dim(spans(b.spans, style));
  }
}

/** The blocks as terminal text; a title starts a new paragraph. */
export function toTerminal(blocks: Block[], style: Style): string {
  return blocks.map((b, i) => (i > 0 && b.kind === "title" ? `\n${block(b, style)}` : block(b, style))).join("\n");
}
