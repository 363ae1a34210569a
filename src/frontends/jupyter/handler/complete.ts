/**
 * is_complete and complete, read from the text alone: no learner code runs. Whether a cell
 * is complete follows CPython's interactive rule (`codeop`): open brackets, an open
 * triple-quoted string, a trailing backslash or a block not yet closed by a blank line ask
 * for more; the rest is complete when Python's parser accepts it, else invalid.
 */
import { codePoints } from "./output.js";
import type { ParseResult } from "../../../runners/python/index.js";

/** CPython 3.14's keywords and soft keywords */
export const KEYWORDS = [
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "case", "class", "continue", "def", "del", "elif", "else",
  "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "match", "nonlocal", "not", "or", "pass", "raise",
  "return", "try", "type", "while", "with", "yield",
];

/** CPython 3.14's builtins a program can name */
export const BUILTINS = [
  "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup", "BlockingIOError", "BrokenPipeError",
  "BufferError", "BytesWarning", "ChildProcessError", "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError",
  "ConnectionResetError", "DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning", "EnvironmentError", "Exception",
  "ExceptionGroup", "FileExistsError", "FileNotFoundError", "FloatingPointError", "FutureWarning", "GeneratorExit", "IOError",
  "ImportError", "ImportWarning", "IndentationError", "IndexError", "InterruptedError", "IsADirectoryError", "KeyError",
  "KeyboardInterrupt", "LookupError", "MemoryError", "ModuleNotFoundError", "NameError", "NotADirectoryError", "NotImplemented",
  "NotImplementedError", "OSError", "OverflowError", "PendingDeprecationWarning", "PermissionError", "ProcessLookupError",
  "PythonFinalizationError", "RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError", "RuntimeWarning",
  "StopAsyncIteration", "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit", "TabError", "TimeoutError",
  "TypeError", "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError",
  "UnicodeWarning", "UserWarning", "ValueError", "Warning", "ZeroDivisionError", "abs", "aiter", "all", "anext", "any", "ascii", "bin",
  "bool", "breakpoint", "bytearray", "bytes", "callable", "chr", "classmethod", "compile", "complex", "copyright", "credits", "delattr",
  "dict", "dir", "divmod", "enumerate", "eval", "exec", "exit", "filter", "float", "format", "frozenset", "getattr", "globals", "hasattr",
  "hash", "help", "hex", "id", "input", "int", "isinstance", "issubclass", "iter", "len", "license", "list", "locals", "map", "max",
  "memoryview", "min", "next", "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr", "reversed", "round",
  "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip",
];

/** C17's keywords, and the names `stdbool.h` gives (what a %%c cell completes: C has no session names) */
export const C_KEYWORDS = [
  "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn", "_Static_assert", "_Thread_local", "auto",
  "bool", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern", "false", "float", "for", "goto",
  "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch", "true",
  "typedef", "union", "unsigned", "void", "volatile", "while",
];

export type Completeness = { status: "complete" } | { status: "incomplete"; indent: string } | { status: "invalid" };

const OPENERS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
const CLOSERS = new Set([")", "]", "}"]);

interface Scan {
  /** a closing bracket with no opener, or a one-line string left open */
  broken: boolean;
  open: boolean;
  inTriple: boolean;
  backslash: boolean;
  /** the logical lines' code (comments and strings blanked), and where each starts */
  lines: { code: string; indent: string }[];
}

/** Reads brackets, strings and comments as Python's tokenizer does. */
function scan(text: string): Scan {
  const stack: string[] = [];
  const lines: { code: string; indent: string }[] = [];
  let quote = "";
  let triple = false;
  let current = "";
  let indent: string | undefined;
  let broken = false;
  let backslash = false;
  const endLine = () => {
    if (current.trim() !== "") lines.push({ code: current, indent: indent ?? "" });
    current = "";
    indent = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    backslash = false;
    if (quote) {
      if (ch === "\\") {
        i++;
        if (i >= text.length) backslash = true;
        continue;
      }
      if (ch === "\n" && !triple) {
        broken = true;
        quote = "";
        endLine();
        continue;
      }
      if (ch === quote[0] && (!triple || text.startsWith(quote, i))) {
        i += quote.length - 1;
        quote = "";
        triple = false;
        current += '""';
      }
      continue;
    }
    if (indent === undefined && current === "" && ch !== "\n") {
      const m = /^[ \t]*/.exec(text.slice(i))![0];
      indent = stack.length ? "" : m;
      i += m.length - 1;
      if (m.length) continue;
    }
    if (ch === "#") {
      while (i + 1 < text.length && text[i + 1] !== "\n") i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      triple = text.startsWith(ch.repeat(3), i);
      quote = triple ? ch.repeat(3) : ch;
      i += quote.length - 1;
      continue;
    }
    if (ch === "\\" && text[i + 1] === "\n") {
      i++;
      if (i === text.length - 1) backslash = true;
      continue;
    }
    if (ch === "\\" && i === text.length - 1) {
      backslash = true;
      continue;
    }
    if (ch in OPENERS) stack.push(OPENERS[ch]!);
    else if (CLOSERS.has(ch) && stack.pop() !== ch) broken = true;
    if (ch === "\n" && stack.length === 0) {
      endLine();
      continue;
    }
    current += ch === "\n" ? " " : ch;
  }
  const open = stack.length > 0;
  const inTriple = quote !== "" && triple;
  if (quote && !triple) broken = true;
  endLine();
  return { broken, open, inTriple, backslash, lines };
}

/** Parser errors that mean the text stopped too soon, not that it is wrong. */
const TOO_SOON = /unexpected EOF|was never closed|expected an indented block|unterminated triple-quoted/i;

export function isComplete(code: string, parse: (source: string) => ParseResult): Completeness {
  const s = scan(code);
  if (s.broken) return { status: "invalid" };
  if (s.open || s.inTriple || s.backslash) return { status: "incomplete", indent: "" };
  const last = s.lines.at(-1);
  if (!last) return { status: "complete" };
  const opensBlock = /:\s*$/.test(last.code) || /^\s*@/.test(last.code);
  if (opensBlock) return { status: "incomplete", indent: last.indent + (/^\s*@/.test(last.code) ? "" : "    ") };
  // a block is closed by a blank line, as at Python's prompt
  const inBlock = s.lines.some((l) => l.indent !== "") && !/\n[ \t]*\n\s*$/.test(code);
  if (inBlock) return { status: "incomplete", indent: last.indent };
  const parsed = parse(code);
  if ("error" in parsed) return TOO_SOON.test(parsed.error.message) ? { status: "incomplete", indent: "" } : { status: "invalid" };
  return { status: "complete" };
}

/** Index in UTF-16 units of a cursor counted, as Jupyter counts it, in code points. */
export function cursorIndex(code: string, cursorPos: number): number {
  let units = 0;
  let points = 0;
  for (const ch of code) {
    if (points >= cursorPos) break;
    units += ch.length;
    points++;
  }
  return units;
}

const NAME_TAIL = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;
const NAME_HEAD = /^[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/u;

/** The name being typed at the cursor: its text and where it starts (UTF-16). Not after a dot: attributes are not names. */
export function nameBefore(code: string, at: number): { prefix: string; start: number } | undefined {
  const before = code.slice(0, at);
  const m = NAME_TAIL.exec(before);
  const prefix = m ? m[0] : "";
  const start = at - prefix.length;
  if (/\.\s*$/.test(code.slice(0, start))) return undefined;
  return { prefix, start };
}

/** The whole name the cursor is in or just after (inspect_request). */
export function nameAt(code: string, at: number): string | undefined {
  const head = NAME_TAIL.exec(code.slice(0, at))?.[0] ?? "";
  const tail = NAME_HEAD.exec(code.slice(at))?.[0] ?? "";
  const name = head + tail;
  return name && !/^\d/.test(name) ? name : undefined;
}

/**
 * complete_reply's content: session names first, then builtins and keywords, each matching the
 * prefix; in a %%c cell (`c`), C's keywords only.
 */
export function completeReply(code: string, cursorPos: number, sessionNames: readonly string[], c = false): Record<string, unknown> {
  const at = cursorIndex(code, cursorPos);
  const found = nameBefore(code, at);
  const known = c ? C_KEYWORDS : [...new Set([...sessionNames, ...BUILTINS, ...KEYWORDS])];
  const matches = found ? known.filter((n) => n.startsWith(found.prefix)) : [];
  const start = found ? codePoints(code.slice(0, found.start)) : cursorPos;
  return { status: "ok", matches, cursor_start: start, cursor_end: cursorPos, metadata: {} };
}
