/**
 * Reply text as Slack mrkdwn. Learner text shows as written: &, < and > become entities (so
 * `<!channel>` or `<@U123>` in a program is shown, never delivered as a mention), and marks
 * that would start formatting are made inert; code goes in fences it cannot close early.
 */
import type { Span } from "../../chat/index.js";

const ZWSP = "\u200b";
/** Slack's code spans cannot hold a backtick (no doubled fences, no escapes): a look-alike stands in. */
const GRAVE_LOOKALIKE = "\u02cb";
const MARKS = new Set(["*", "_", "~", "`"]);
const WORDY = /[\p{L}\p{N}]/u;

/** The three characters Slack reads as markup, as the entities Slack shows as text. */
export function escapeEntities(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Plain text for a mrkdwn field, shown as typed. Slack has no backslash escapes, so a mark
 * (`*`, `_`, `~`, `` ` ``) on a side where it could open or close formatting (not inside a
 * word, as in `my_list`) gets a zero-width space on that side; a line starting with `>`
 * (a quote), and `:name:` (an emoji), are broken the same way.
 */
export function escapeMrkdwn(text: string): string {
  const chars = [...text];
  let out = "";
  chars.forEach((c, i) => {
    if (!MARKS.has(c)) {
      out += c;
      return;
    }
    const before = chars[i - 1];
    const after = chars[i + 1];
    const canOpen = before === undefined || !WORDY.test(before);
    const canClose = after === undefined || !WORDY.test(after);
    out += (canOpen ? ZWSP : "") + c + (canClose ? ZWSP : "");
  });
  return escapeEntities(out)
    .replace(/^([ \t]*)(&gt;|\uff1e)/gm, `$1${ZWSP}$2`)
    .replace(/:(?=[\w+'-]+:)/g, `:${ZWSP}`);
}

/** An inline code span, on one line, that nothing inside can end early. */
export function inlineCode(code: string): string {
  const flat = code.replace(/\s*\n\s*/g, " ").replaceAll("`", GRAVE_LOOKALIKE);
  return `\`${escapeEntities(flat) || ZWSP}\``;
}

/** A fenced code block that output containing ``` cannot break out of (mrkdwn fences name no language). */
export function codeBlock(code: string): string {
  // no two backticks meet, so no run of them can close the fence
  let safe = escapeEntities(code).replace(/`(?=`)/g, `\`${ZWSP}`);
  if (safe.startsWith("`")) safe = ZWSP + safe;
  if (safe.endsWith("`")) safe += ZWSP;
  return `\`\`\`\n${safe || ZWSP}\n\`\`\``;
}

/** Bold text, its spaces left outside the marks (Slack reads `* x*` as no bold at all). */
/** A person by their Slack id, which Slack shows as their name; anything else as plain text. */
function person(id: string): string {
  return /^[UW][A-Z0-9]{2,20}$/.test(id) ? `<@${id}>` : escapeMrkdwn(`@${id}`);
}

function bold(text: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  return m[2] ? `${m[1]}*${escapeMrkdwn(m[2])}*${m[3]}` : text;
}

/**
 * Spans as mrkdwn; with `strong`, plain words are bold too (titles). A bold or code mark
 * touching a letter (a Chinese character, say) does not render in Slack, so a space
 * stands between them; punctuation may touch a mark.
 */
export function spansToMrkdwn(spans: Span[], options: { strong?: boolean } = {}): string {
  let out = "";
  let lastMarked = false;
  for (const s of spans) {
    const marked = typeof s !== "string" || (options.strong === true && s.trim() !== "");
    const piece = typeof s === "string" ? (marked ? bold(s) : escapeMrkdwn(s)) : "code" in s ? inlineCode(s.code) : "user" in s ? person(s.user) : bold(s.strong);
    if (!piece) continue;
    const last = out.at(-1);
    const first = piece[0]!;
    const seam = last !== undefined && !/\s/.test(last) && !/^\s/.test(piece);
    const touches = seam && ((marked && (lastMarked || WORDY.test(last))) || (lastMarked && WORDY.test(first)));
    out += (touches ? " " : "") + piece;
    lastMarked = marked && !/\s$/.test(piece);
  }
  return out;
}
