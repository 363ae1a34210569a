/**
 * The C interpreter: parses a program (a compile error means no run, its diagnostics returned),
 * lays out its globals, and runs `main` over a fresh `Memory`, telling an optional `CRecorder`
 * each step and how the run ended.
 */
import type { Diagnostic } from "../../../core/trace.js";
import type { CEnd } from "../recorder.js";
import { parseC, type Initializer, type Stmt, type TranslationUnit, type VarDeclarator } from "../parse/index.js";
import { createMemory, mustSizeOf, placeGlobals, type GlobalSpec } from "../memory/index.js";
import { Ended, Machine, type RunCOptions } from "./machine.js";
import { callFunction } from "./calls.js";
import { initialize } from "./initialize.js";

export type { RunCOptions } from "./machine.js";

export interface CRunResult {
  diagnostics: Diagnostic[];
  stdout: string;
  stderr: string;
  /** as a shell reports it: main's value or exit()'s, or 128 + the signal that ended a crash */
  exitStatus: number;
  /** undefined when the program did not compile */
  end?: CEnd;
  steps: number;
}

/** The signal each way of crashing is (SIGSEGV, SIGFPE, SIGABRT), as the shell's 128 + n. */
function status(end: CEnd): number {
  switch (end.kind) {
    case "exit":
      return end.status;
    case "fault":
      return 128 + 11;
    case "abort":
      return end.reason === "divide-by-zero" ? 128 + 8 : 128 + 6;
    case "limit":
      return 128 + 9;
  }
}

/** Whether an initialiser is all zeros as written (such a global lives in .bss). */
function zeroInit(init: Initializer | undefined): boolean {
  if (!init) return true;
  if (init.kind === "initList") return init.items.every((i) => zeroInit(i.value));
  return (init.kind === "int" && init.value === 0n) || (init.kind === "char" && init.value === 0) || (init.kind === "float" && init.value === 0 && 1 / init.value > 0);
}

/** static locals, which live with the globals for the whole run. */
function staticLocals(s: Stmt, out: VarDeclarator[]): void {
  if (s.kind === "declaration" && s.decl.kind === "variables" && s.decl.storage === "static") out.push(...s.decl.vars);
  for (const v of Object.values(s)) {
    if (Array.isArray(v)) for (const c of v) if (c && typeof c === "object" && "kind" in c) staticLocals(c as Stmt, out);
    if (v && typeof v === "object" && "kind" in v && !("type" in v && !("items" in v))) staticLocals(v as Stmt, out);
  }
}

function layGlobals(m: Machine, unit: TranslationUnit): void {
  const vars = new Map<string, VarDeclarator>();
  for (const item of unit.items)
    if (item.kind === "variables" && item.storage !== "extern") for (const v of item.vars) if (v.type.kind !== "function" && (!vars.has(v.name) || v.init)) vars.set(v.name, v);
  const statics: { v: VarDeclarator; name: string }[] = [];
  for (const item of unit.items)
    if (item.kind === "function") {
      const found: VarDeclarator[] = [];
      staticLocals(item.body, found);
      statics.push(...found.map((v) => ({ v, name: `${item.name}.${v.name}` })));
    }
  const all = [...[...vars.values()].map((v) => ({ v, name: v.name })), ...statics];
  const specs: GlobalSpec[] = all.map(({ v, name }) => {
    const spec: GlobalSpec = { name, type: v.type, line: v.line };
    // a placeholder byte sends an initialised global to .data; its real bytes are written below
    if (!zeroInit(v.init)) spec.init = Uint8Array.of(1, ...new Uint8Array(Math.max(0, mustSizeOf(v.type) - 1)));
    return spec;
  });
  // placed by section, not in the order given: found again by name
  const placed = new Map(placeGlobals(m.mem, specs).map((b) => [b.name, b]));
  const blocks = all.map(({ name }) => placed.get(name)!);
  all.forEach(({ v }, i) => {
    const variable = { address: BigInt(blocks[i]!.address), type: v.type };
    if (statics.some((s) => s.v === v)) m.statics.set(v, variable);
    else m.globals.set(v.name, variable);
  });
  all.forEach(({ v }, i) => {
    if (v.init) initialize(m, BigInt(blocks[i]!.address), v.type, v.init);
  });
  m.events = [];
}

export async function runC(source: string, options: RunCOptions = {}): Promise<CRunResult> {
  const { unit, diagnostics } = await parseC(source);
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics, stdout: "", stderr: "", exitStatus: 1, steps: 0 };
  const m = new Machine(createMemory(), unit, options, source);
  let end: CEnd;
  try {
    layGlobals(m, unit);
    const main = m.functions.get("main");
    if (!main) throw new Ended({ kind: "abort", reason: "unsupported", line: 1, detail: "main" });
    const args = main.params.map((_, i) => (i === 0 ? 1n : 0n));
    const value = callFunction(m, main, args);
    end = { kind: "exit", status: Number(BigInt.asUintN(8, value as bigint)) };
  } catch (x) {
    if (x instanceof Ended) end = x.end;
    else if (x instanceof RangeError && /call stack/i.test(x.message)) end = { kind: "limit", limit: "memory", line: m.line };
    else throw x;
  }
  options.recorder?.end(end, m.mem);
  const utf8 = (s: string) => Buffer.from(s, "latin1").toString("utf8");
  return { diagnostics, stdout: utf8(m.stdout), stderr: utf8(m.stderr), exitStatus: status(end), end, steps: m.steps };
}
