/**
 * A small C preprocessor run before parsing: the covered standard headers recorded, object-like
 * and simple function-like macros, and conditional blocks. Directives become empty lines, so a
 * line of the output is the same line of the learner's source; `position` maps columns back
 * through macro expansions.
 */
import type { Diagnostic } from "../../../core/trace.js";
import { HEADER_MACROS, isHeader, type Header } from "./headers.js";

interface Macro {
  params?: string[];
  body: string;
}

/** A piece of an output line: `length` characters from `out` came from the source at `src` (or from a macro used there). */
interface Segment {
  out: number;
  src: number;
  length: number;
  expanded: boolean;
}

export interface Preprocessed {
  text: string;
  /** the standard headers included, in order, with their line */
  headers: { name: Header; line: number }[];
  diagnostics: Diagnostic[];
  /** the learner's line and column (1-based) for a 0-based row and column of `text` */
  position(row: number, column: number): { line: number; column: number };
}

const IDENT = /[A-Za-z_]\w*/y;

/**
 * Comments become spaces (newlines kept), so columns and lines stay where they were; a string
 * or character constant left open at the end of its line is noted where it starts.
 */
function blankComments(source: string, unterminated: { index: number; quote: string }[]): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== "\n") j += source[j] === "\\" ? 2 : 1;
      if (source[j] !== c) {
        unterminated.push({ index: i, quote: c });
        out += source.slice(i, j);
        i = j;
        continue;
      }
      out += source.slice(i, j + 1);
      i = j + 1;
    } else if (c === "/" && source[i + 1] === "/") {
      let j = i;
      while (j < source.length && source[j] !== "\n") j++;
      out += " ".repeat(j - i);
      i = j;
    } else if (c === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      const j = end < 0 ? source.length : end + 2;
      out += source.slice(i, j).replace(/[^\n]/g, " ");
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

export function preprocess(source: string): Preprocessed {
  const text0 = source.replace(/\r\n?/g, "\n");
  const unterminated: { index: number; quote: string }[] = [];
  const lines = blankComments(text0, unterminated).split("\n");
  const macros = new Map<string, Macro>();
  const headers: Preprocessed["headers"] = [];
  const diagnostics: Diagnostic[] = [];
  const outLines: string[] = [];
  const maps: Segment[][] = [];
  // one entry per open #if: whether its lines are kept, whether a branch was taken, whether the outer block is kept
  const conditions: { active: boolean; taken: boolean; outer: boolean; line: number }[] = [];
  const active = () => conditions.every((c) => c.active);
  const error = (code: string, line: number, column: number, params?: Diagnostic["params"]) =>
    diagnostics.push({ code, severity: "error", line, column, ...(params ? { params } : {}) });

  for (let row = 0; row < lines.length; row++) {
    let text = lines[row]!;
    const line = row + 1;
    const directive = /^\s*#\s*(\w*)(.*)$/.exec(text);
    if (!directive) {
      if (active()) {
        const { text: expanded, segments } = expandLine(text, macros);
        outLines.push(expanded);
        maps.push(segments);
      } else {
        outLines.push("");
        maps.push([]);
      }
      continue;
    }
    // a directive continued over several lines with backslashes: the following lines become empty too
    let extra = 0;
    while (text.endsWith("\\") && row + 1 + extra < lines.length) {
      text = text.slice(0, -1) + " " + lines[row + 1 + extra]!;
      extra++;
    }
    const [, name = "", rest0 = ""] = /^\s*#\s*(\w*)(.*)$/.exec(text)!;
    const rest = rest0.trim();
    const column = text.indexOf("#") + 1;
    for (let k = 0; k <= extra; k++) {
      outLines.push("");
      maps.push([]);
    }
    row += extra;
    switch (name) {
      case "ifdef":
      case "ifndef": {
        const outer = active();
        const isDefined = macros.has(rest.split(/\s+/)[0] ?? "");
        const on = name === "ifdef" ? isDefined : !isDefined;
        conditions.push({ active: on, taken: on, outer, line });
        continue;
      }
      case "if": {
        const outer = active();
        const value = outer ? evaluateCondition(rest, macros) : 0;
        if (value === undefined) error("c.pp.condition", line, column, { text: rest });
        const on = value !== undefined && value !== 0;
        conditions.push({ active: on, taken: on, outer, line });
        continue;
      }
      case "elif":
      case "else": {
        const top = conditions.at(-1);
        if (!top) {
          error("c.pp.unmatched", line, column, { directive: `#${name}` });
          continue;
        }
        if (top.taken) {
          top.active = false;
        } else if (name === "else") {
          top.active = top.taken = true;
        } else {
          const value = evaluateCondition(rest, macros);
          if (value === undefined) error("c.pp.condition", line, column, { text: rest });
          top.active = top.taken = value !== undefined && value !== 0;
        }
        continue;
      }
      case "endif":
        if (!conditions.pop()) error("c.pp.unmatched", line, column, { directive: "#endif" });
        continue;
    }
    if (!active()) continue;
    switch (name) {
      case "include": {
        const system = /^<([^>]+)>$/.exec(rest);
        const local = /^"([^"]+)"$/.exec(rest);
        const header = system?.[1] ?? local?.[1] ?? rest;
        if (system && isHeader(header)) {
          headers.push({ name: header, line });
          for (const [macro, body] of Object.entries(HEADER_MACROS[header])) macros.set(macro, { body });
        } else {
          // gcc points at the header's name
          error("c.pp.header", line, text.indexOf(rest, column) + 1, { header });
        }
        break;
      }
      case "define": {
        const m = /^([A-Za-z_]\w*)(\(([^)]*)\))?\s*(.*)$/.exec(rest);
        if (!m) {
          error("c.pp.define", line, column);
          break;
        }
        const params = m[2] === undefined ? undefined : m[3]!.split(",").map((p) => p.trim()).filter((p) => p !== "");
        if (params && (params.some((p) => !/^[A-Za-z_]\w*$/.test(p)) || /#/.test(m[4]!))) {
          error("c.unsupported.macroOperator", line, column);
          break;
        }
        macros.set(m[1]!, { ...(params ? { params } : {}), body: m[4]!.trim() });
        break;
      }
      case "undef":
        macros.delete(rest.split(/\s+/)[0] ?? "");
        break;
      case "":
        break;
      case "error":
        error("c.pp.error", line, column, { text: rest });
        break;
      default:
        error("c.pp.directive", line, column, { directive: `#${name}` });
    }
  }
  for (const open of conditions) error("c.pp.unterminated", open.line, 1);
  for (const u of unterminated) {
    const before = text0.slice(0, u.index);
    const line = before.split("\n").length;
    error("c.unterminatedLiteral", line, u.index - before.lastIndexOf("\n"), { quote: u.quote });
  }

  return {
    text: outLines.join("\n"),
    headers,
    diagnostics,
    position(row, column) {
      const segments = maps[row] ?? [];
      for (const s of segments) {
        if (column >= s.out && column < s.out + s.length) return { line: row + 1, column: 1 + s.src + (s.expanded ? 0 : column - s.out) };
      }
      const last = segments.at(-1);
      const shift = last ? last.src + last.length - (last.out + last.length) : 0;
      return { line: row + 1, column: 1 + column + (last?.expanded ? 0 : shift) };
    },
  };
}

/** Replaces the macros of one line, keeping where each piece of the output came from. */
function expandLine(text: string, macros: Map<string, Macro>): { text: string; segments: Segment[] } {
  let out = "";
  const segments: Segment[] = [];
  const copy = (from: number, to: number) => {
    if (to > from) segments.push({ out: out.length, src: from, length: to - from, expanded: false });
    out += text.slice(from, to);
  };
  let i = 0;
  let plain = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      i = skipLiteral(text, i);
      continue;
    }
    IDENT.lastIndex = i;
    const m = /[0-9]/.test(c) ? null : IDENT.exec(text);
    if (!m) {
      i += /[0-9]/.test(c) ? /^[\w.]+/.exec(text.slice(i))![0].length : 1;
      continue;
    }
    const name = m[0];
    const macro = macros.get(name);
    const end = i + name.length;
    const call = macro?.params ? callArguments(text, end) : undefined;
    if (!macro || (macro.params && !call)) {
      i = end;
      continue;
    }
    copy(plain, i);
    const replaced = expand(name, macro, call?.args, macros, new Set([name]));
    segments.push({ out: out.length, src: i, length: replaced.length, expanded: true });
    out += replaced;
    i = plain = call ? call.end : end;
  }
  copy(plain, text.length);
  return { text: out, segments };
}

function skipLiteral(text: string, i: number): number {
  const quote = text[i];
  let j = i + 1;
  while (j < text.length && text[j] !== quote) j += text[j] === "\\" ? 2 : 1;
  return j + 1;
}

/** The arguments of a function-like macro's use on the same line, if a `(` follows its name. */
function callArguments(text: string, at: number): { args: string[]; end: number } | undefined {
  let i = at;
  while (text[i] === " " || text[i] === "\t") i++;
  if (text[i] !== "(") return undefined;
  const args: string[] = [];
  let depth = 0;
  let start = i + 1;
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j]!;
    if (c === '"' || c === "'") {
      j = skipLiteral(text, j) - 1;
    } else if (c === "(") depth++;
    else if (c === ")" && depth > 0) depth--;
    else if ((c === "," || c === ")") && depth === 0) {
      args.push(text.slice(start, j).trim());
      start = j + 1;
      if (c === ")") return { args: args.length === 1 && args[0] === "" ? [] : args, end: j + 1 };
    }
  }
  return undefined;
}

/** A macro's replacement, rescanned for other macros (never itself again, as C says). */
function expand(name: string, macro: Macro, args: string[] | undefined, macros: Map<string, Macro>, hidden: Set<string>): string {
  let body = macro.body;
  if (macro.params && args) {
    const values = new Map(macro.params.map((p, k) => [p, args[k] ?? ""]));
    body = body.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[A-Za-z_]\w*/g, (word) => values.get(word) ?? word);
  }
  const inner = new Map([...macros].filter(([n]) => !hidden.has(n) && n !== name));
  const { text } = expandLine(body, inner);
  return text;
}

/** `#if`'s condition: integers, `defined`, macros, and C's operators; undefined when it cannot be read. */
function evaluateCondition(text: string, macros: Map<string, Macro>): number | undefined {
  const withDefined = text.replace(/defined\s*(\(\s*([A-Za-z_]\w*)\s*\)|([A-Za-z_]\w*))/g, (_, __, a?: string, b?: string) => (macros.has(a ?? b ?? "") ? "1" : "0"));
  const expanded = expandLine(withDefined, macros).text.replace(/[A-Za-z_]\w*/g, "0").replace(/(\d+)[uUlL]+/g, "$1");
  const tokens = expanded.match(/\d+|&&|\|\||==|!=|<=|>=|<<|>>|[-+*/%<>!()~]/g) ?? [];
  if (tokens.join("") !== expanded.replace(/\s+/g, "")) return undefined;
  let k = 0;
  const levels = [["||"], ["&&"], ["==", "!="], ["<", ">", "<=", ">="], ["<<", ">>"], ["+", "-"], ["*", "/", "%"]];
  const apply = (op: string, a: number, b: number): number =>
    ({ "||": +(a !== 0 || b !== 0), "&&": +(a !== 0 && b !== 0), "==": +(a === b), "!=": +(a !== b), "<": +(a < b), ">": +(a > b), "<=": +(a <= b), ">=": +(a >= b), "<<": a << b, ">>": a >> b, "+": a + b, "-": a - b, "*": a * b, "/": b === 0 ? NaN : Math.trunc(a / b), "%": b === 0 ? NaN : a % b })[op]!;
  const unary = (): number => {
    const t = tokens[k++];
    if (t === "!") return +(unary() === 0);
    if (t === "-") return -unary();
    if (t === "+") return unary();
    if (t === "~") return ~unary();
    if (t === "(") {
      const v = binary(0);
      if (tokens[k++] !== ")") return NaN;
      return v;
    }
    return t !== undefined && /^\d+$/.test(t) ? Number(t) : NaN;
  };
  const binary = (level: number): number => {
    if (level === levels.length) return unary();
    let v = binary(level + 1);
    while (k < tokens.length && levels[level]!.includes(tokens[k]!)) {
      const op = tokens[k++]!;
      v = apply(op, v, binary(level + 1));
    }
    return v;
  };
  const value = binary(0);
  return k === tokens.length && Number.isFinite(value) ? value : undefined;
}
