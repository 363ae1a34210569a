/**
 * The learner's source text as the AST sees it: lines numbered from 1 and columns in UTF-8
 * bytes (as CPython reports them), mapped to string indices so rewrites can edit the text.
 */
import type { PyAstNode } from "../../runners/python/index.js";

export class SourceText {
  readonly text: string;
  /** string index where each line starts; lineStarts[0] is line 1 */
  private readonly lineStarts: number[];

  constructor(text: string) {
    this.text = text;
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      // CPython ends a line at \n, \r\n or a lone \r
      if (c === "\r" && text[i + 1] === "\n") continue;
      if (c === "\n" || c === "\r") this.lineStarts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The text of a line, without its line break. */
  line(n: number): string {
    const start = this.lineStarts[n - 1];
    if (start === undefined) return "";
    const next = this.lineStarts[n] ?? this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, "");
  }

  /** String index of a position given as line and UTF-8 byte column. */
  index(line: number, byteCol: number): number {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return this.text.length;
    const text = this.line(line);
    let bytes = 0;
    let i = 0;
    while (i < text.length && bytes < byteCol) {
      const cp = text.codePointAt(i)!;
      bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      i += cp > 0xffff ? 2 : 1;
    }
    return start + i;
  }

  start(node: PyAstNode): number {
    return this.index(node.lineno ?? 1, node.col_offset ?? 0);
  }

  end(node: PyAstNode): number {
    return this.index(node.end_lineno ?? node.lineno ?? 1, node.end_col_offset ?? 0);
  }

  /** The exact source text of a node. */
  segment(node: PyAstNode): string {
    return this.text.slice(this.start(node), this.end(node));
  }

  /** The leading whitespace of a line. */
  indent(line: number): string {
    return /^[ \t]*/.exec(this.line(line))![0];
  }

  /** String index where a line starts (the end of the text past the last line). */
  lineStart(line: number): number {
    return this.lineStarts[line - 1] ?? this.text.length;
  }
}
