/**
 * Reply blocks as Discord message text. Learner text is escaped so it shows as written;
 * code goes in fences it cannot close early; the whole stays within Discord's 2,000
 * characters, the rest moving into an attached file.
 */
import type { Block, Span } from "../../chat/index.js";

/** Discord's limit on a message's text. */
export const CONTENT_LIMIT = 2000;

const ZWSP = "\u200b";

/** Plain text with Discord markdown made literal (so `a_b_c` and `x * y` show as typed). */
export function escapeText(text: string): string {
  return text
    .replace(/([\\*_~\x60|[\]<>])/g, "\\$1")
    .replace(/^(\s*)([#>-]|-#|\d+\.)(?=\s)/gm, "$1\\$2")
    .replace(/@(everyone|here)/g, `@${ZWSP}$1`);
}

/** An inline code span that no backtick inside can end early. */
export function inlineCode(code: string): string {
  const flat = code.replace(/\s*\n\s*/g, " ");
  if (!flat.includes("`")) return `\`${flat}\``;
  // double-backtick spans hold single backticks; longer runs are split with zero-width spaces
  const safe = flat.replace(/``/g, `\`${ZWSP}\``);
  return `\`\` ${safe} \`\``;
}

/** A fenced code block that output containing ``` cannot break out of. */
export function codeBlock(code: string, language = ""): string {
  let safe = code.replace(/```/g, `\`${ZWSP}\`\``);
  if (safe.endsWith("`")) safe += ZWSP;
  return `\`\`\`${language}\n${safe}\n\`\`\``;
}

function spans(list: Span[], bold = false): string {
  return list
    .map((s) => {
      if (typeof s === "string") return bold && s.trim() ? `**${escapeText(s)}**` : escapeText(s);
      if ("code" in s) return inlineCode(s.code);
      // a mention shows the person's name; replies allow no mentions, so nobody is notified
      if ("user" in s) return /^\d{1,24}$/.test(s.user) ? `<@${s.user}>` : escapeText(`@${s.user}`);
      return `**${escapeText(s.strong)}**`;
    })
    .join("");
}

function block(b: Block): string {
  switch (b.kind) {
    case "title":
      return spans(b.spans, true);
    case "text":
      return spans(b.spans);
    case "bullets":
      return b.items.map((item) => `- ${spans(item)}`).join("\n");
    case "code":
      return codeBlock(b.code, b.language);
    case "note":
      return spans(b.spans)
        .split("\n")
        .map((line) => `-# ${line}`)
        .join("\n");
  }
}

/** The blocks as one message text; titles start a new paragraph. */
export function toMarkdown(blocks: Block[]): string {
  return blocks.map((b, i) => (i > 0 && b.kind === "title" ? `\n${block(b)}` : block(b))).join("\n");
}

/**
 * The blocks as message text within `limit` characters: whole blocks while they fit,
 * then `cutNote`. `cut` is true when something was left out.
 */
export function fitMarkdown(blocks: Block[], cutNote: string, limit = CONTENT_LIMIT): { text: string; cut: boolean } {
  const whole = toMarkdown(blocks);
  if (whole.length <= limit) return { text: whole, cut: false };
  const note = `-# ${escapeText(cutNote)}`;
  const kept: Block[] = [];
  for (const b of blocks) {
    const next = toMarkdown([...kept, b]);
    if (next.length + note.length + 2 > limit) break;
    kept.push(b);
  }
  const head = toMarkdown(kept);
  const text = head ? `${head}\n${note}` : note;
  return { text: text.slice(0, limit), cut: true };
}
