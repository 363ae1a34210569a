/**
 * What a Python rule is: it reads the AST for a pattern and the Trace for its cost, and
 * proposes rewrites as edits of the learner's text. It words nothing.
 */
import type { HeapObject, Trace } from "../../core/trace.js";
import { tempEvents, type StepTemp } from "../measure.js";
import type { Candidate, RuleId } from "../types.js";
import { Tree, type PyNode } from "./ast.js";
import type { Edit } from "../edit.js";
import { SourceText } from "./source.js";

export type { Candidate };

export interface Rule {
  readonly id: RuleId;
  /** every `kind` its candidates may have (each has a title, an explanation and a fix in the catalog) */
  readonly kinds: readonly string[];
  detect(ctx: PythonContext): Candidate[];
}

/** What a rule reads: the program's text and AST, and its Trace. */
export class PythonContext {
  readonly source: SourceText;
  readonly tree: Tree;
  readonly trace: Trace;
  readonly temps: StepTemp[];

  constructor(source: string, module: PyNode, trace: Trace) {
    this.source = new SourceText(source);
    this.tree = new Tree(module);
    this.trace = trace;
    this.temps = tempEvents(trace);
  }

  /** Objects the program made (not shared or library ones) whose site is one of these lines. */
  objectsOn(lines: number[], test: (o: HeapObject) => boolean = () => true): HeapObject[] {
    return Object.values(this.trace.objects).filter((o) => o.origin === undefined && lines.includes(o.site.line) && test(o));
  }

  /** Temporaries made on these lines (held ones included). */
  tempsOn(lines: number[], test: (t: StepTemp["event"]) => boolean = () => true): StepTemp["event"][] {
    return this.temps.filter((t) => lines.includes(t.event.line) && test(t.event)).map((t) => t.event);
  }

  /** How many objects of a kind these lines made, and their bytes: named and temporary alike. */
  madeOn(lines: number[], test: (type: string, site: string | undefined) => boolean): { count: number; bytes: number } {
    let count = 0;
    let bytes = 0;
    const counted = new Set<string>();
    for (const t of this.temps) {
      if (!lines.includes(t.event.line) || !test(t.event.type, t.event.site)) continue;
      count += t.event.count;
      bytes += t.event.size;
      if (t.became) counted.add(t.became);
    }
    for (const [id, o] of Object.entries(this.trace.objects)) {
      if (o.origin !== undefined || !lines.includes(o.site.line) || counted.has(id) || !test(o.type, o.site.kind)) continue;
      count++;
      bytes += o.size;
    }
    return { count, bytes };
  }

  /** How many times Python ran these lines. */
  runsOf(lines: number[]): number {
    return this.trace.steps.filter((s) => s.event === "line" && lines.includes(s.line)).length;
  }

  /** Lines a node spans. */
  linesOf(n: PyNode): number[] {
    const out: number[] = [];
    for (let l = n.lineno ?? 1; l <= (n.end_lineno ?? n.lineno ?? 1); l++) out.push(l);
    return out;
  }

  /** How the program can name a module's attribute, and the edit that imports it if it is not
   * imported yet: `itertools.islice` (style "module"), or `Counter` after
   * `from collections import Counter` (style "from", when that name is free). */
  imported(module: string, attr: string, style: "module" | "from" = "module"): { name: string; edits: Edit[] } {
    for (const n of this.tree.ofType("Import", "ImportFrom")) {
      if (this.tree.scopeOf(n) !== this.tree.module) continue;
      for (const a of (n.names as PyNode[]) ?? []) {
        if (n._type === "Import" && a.name === module) return { name: `${String(a.asname ?? module)}.${attr}`, edits: [] };
        if (n._type === "ImportFrom" && n.module === module && a.name === attr) return { name: String(a.asname ?? attr), edits: [] };
      }
    }
    const at = this.importPoint();
    // a program of only a docstring may end without a line break
    const br = at === this.source.text.length && !/[\r\n]$/.test(this.source.text) && at > 0 ? "\n" : "";
    if (style === "from" && !this.tree.identifiers().has(attr)) {
      return { name: attr, edits: [{ start: at, end: at, text: br + ["from", module, "import", attr].join(" ") + "\n" }] };
    }
    return { name: `${module}.${attr}`, edits: [{ start: at, end: at, text: `${br}import ${module}\n` }] };
  }

  /** Where a new import goes: after a docstring, `from __future__` imports and the comments
   * that open the file, right before the first statement. */
  private importPoint(): number {
    const body = (this.tree.module.body as PyNode[]) ?? [];
    for (const [i, s] of body.entries()) {
      const docstring = i === 0 && s._type === "Expr" && (s.value as PyNode)._type === "Constant";
      if (!docstring && !(s._type === "ImportFrom" && s.module === "__future__")) return this.source.lineStart(s.lineno ?? 1);
    }
    const last = body[body.length - 1];
    return this.source.lineStart(last ? (last.end_lineno ?? 1) + 1 : 1);
  }
}
