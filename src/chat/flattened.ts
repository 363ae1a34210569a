/**
 * A program of several lines pasted into a one-line option (Discord turns its line breaks
 * into spaces): `def f(): x = 1 return x`. Python cannot read it as given; it is told apart
 * from a plain mistake by breaking it into lines where statements start (after a block's
 * colon, and between two operands that nothing joins) and asking Python's parser again.
 */
import type { ParseProgram } from "../advisor/index.js";

type Token = { text: string; start: number; kind: "name" | "number" | "string" | "op" };

const TOKEN = /\s+|#.*$|(?:[rRbBuUfF]{1,2})?(?:'''[\s\S]*?'''|"""[\s\S]*?"""|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")|\d[\w.]*|\.\d[\w.]*|[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*|\*\*=?|\/\/=?|<<=?|>>=?|->|:=|[=!<>+\-*/%&|^@]=|\.\.\.|[^\s]/y;

/** Words that join what comes before them to what follows, inside one statement. */
const JOINERS = new Set(["and", "or", "not", "in", "is", "as", "if", "else", "for", "from", "import", "lambda"]);
/** Statements whose colon opens a block. */
const HEADERS = new Set(["if", "elif", "else", "for", "while", "with", "try", "except", "finally", "def", "class", "async"]);
/** Statements that continue the block a header above opened, at that header's depth. */
const CONTINUATIONS = new Set(["elif", "else", "except", "finally"]);
const NOT_OPERANDS = new Set([
  ...JOINERS,
  ...HEADERS,
  "return", "pass", "break", "continue", "raise", "del", "global", "nonlocal", "assert", "yield", "await",
]);

function tokens(line: string): Token[] | undefined {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < line.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(line);
    if (!m) return undefined;
    const text = m[0];
    if (/^\s/.test(text) || text.startsWith("#")) continue;
    const kind = /^(?:[rRbBuUfF]{1,2})?['"]/.test(text) ? "string" : /^\.?\d/.test(text) ? "number" : /^[A-Za-z_\u0080-\uffff]/.test(text) ? "name" : "op";
    out.push({ text, start, kind });
  }
  return out;
}

const endsOperand = (t: Token) => t.kind === "number" || t.kind === "string" || (t.kind === "name" && !NOT_OPERANDS.has(t.text)) || t.text === ")" || t.text === "]" || t.text === "}";
const startsStatement = (t: Token) => t.kind === "number" || t.kind === "name";

/**
 * Whether an `if` at `i` is a conditional expression: an `else` comes before any block colon.
 * Every `if` passed at the same depth has the same answer, kept in `known` (a line of many
 * `if`s is read once, not once per `if`: this runs before a command is acknowledged).
 */
function conditional(list: Token[], i: number, known: Map<number, boolean>): boolean {
  const cached = known.get(i);
  if (cached !== undefined) return cached;
  const passed = [i];
  let depth = 0;
  let answer = false;
  for (let k = i + 1; k < list.length; k++) {
    const t = list[k]!.text;
    if ("([{".includes(t)) depth++;
    else if (")]}".includes(t)) depth--;
    else if (depth === 0 && t === "if") passed.push(k);
    else if (depth === 0 && (t === "else" || t === ":")) {
      answer = t === "else";
      break;
    }
  }
  for (const k of passed) known.set(k, answer);
  return answer;
}

/** The line broken into indented lines where statements start, or undefined when it holds one statement. */
export function reflow(line: string): string | undefined {
  const list = tokens(line);
  if (!list || list.length === 0) return undefined;
  const lines: string[] = [];
  const open: number[] = [];
  let level = 0;
  let begin = 0;
  let depth = 0;
  let lambdas = 0;
  let pendingIfs = 0;
  const ifs = new Map<number, boolean>();
  const first = () => list[begin]!.text;
  const cut = (end: number, next: number) => {
    lines.push("    ".repeat(level) + line.slice(list[begin]!.start, end).trim());
    begin = next;
    lambdas = 0;
    pendingIfs = 0;
  };
  /** the depth the statement starting at `begin` is written at */
  const place = () => {
    if (CONTINUATIONS.has(first()) && open.length) level = open.pop()!;
  };
  for (let i = 0; i < list.length; i++) {
    const t = list[i]!;
    if ("([{".includes(t.text)) depth++;
    else if (")]}".includes(t.text)) depth = Math.max(0, depth - 1);
    if (depth > 0 || i === begin) continue;
    if (t.text === "lambda") lambdas++;
    else if (t.text === ":" && lambdas > 0) lambdas--;
    else if (t.text === ":" && HEADERS.has(first()) && i + 1 < list.length) {
      cut(t.start + 1, i + 1);
      open.push(level);
      level++;
      place();
      continue;
    }
    const prev = list[i - 1]!;
    if (t.text === "if" && endsOperand(prev) && conditional(list, i, ifs)) {
      pendingIfs++;
      continue;
    }
    if (t.text === "else" && pendingIfs > 0) {
      pendingIfs--;
      continue;
    }
    const joined = (t.text === "from" && first() === "raise") || (t.text === "import" && first() === "from") || (JOINERS.has(t.text) && t.text !== "if" && t.text !== "else" && t.text !== "for" && t.text !== "from" && t.text !== "import");
    // two strings side by side are one string
    const concatenated = t.kind === "string" && prev.kind === "string";
    if (endsOperand(prev) && (startsStatement(t) || t.kind === "string") && !joined && !concatenated) {
      cut(t.start, i);
      place();
    }
  }
  if (lines.length === 0) return undefined;
  lines.push("    ".repeat(level) + line.slice(list[begin]!.start).trim());
  return lines.join("\n") + "\n";
}

/**
 * The lines a one-line program would be broken into, were it several statements squeezed
 * together; undefined when it could not be (no parser needed: the command layer asks this
 * before acknowledging, to know whether the answer may turn out to be a private note).
 */
export function flattenedCandidate(source: string): string | undefined {
  const line = source.trim();
  if (!line || line.includes("\n")) return undefined;
  const candidate = reflow(line);
  // words side by side ("hello there") split into bare names: a sentence, not a program
  if (!candidate || candidate.split("\n").some((l) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(l.trim()) && !NOT_OPERANDS.has(l.trim()))) return undefined;
  return candidate;
}

/**
 * Whether a one-line program Python could not read would read as several lines: the program
 * broken where its statements start (undefined when it would not).
 */
export function flattenedProgram(source: string, parse: ParseProgram): string | undefined {
  const candidate = flattenedCandidate(source);
  if (!candidate) return undefined;
  try {
    return "ast" in parse(candidate) ? candidate : undefined;
  } catch {
    return undefined;
  }
}
