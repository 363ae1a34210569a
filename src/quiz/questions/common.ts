/** What every question generator shares: seeded choices, program templates, the question's final form. */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MemsimError } from "../../core/errors.js";
import { stateAt, type MemoryState } from "../../core/state.js";
import type { Language, Slot, Trace } from "../../core/trace.js";
import type { Difficulty, MessageRef, QuizChoice, QuizQuestion, Simulate } from "./types.js";

/** A question generator could not make its question (its own data or the simulator failed it). */
export class QuizError extends MemsimError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = "QuizError";
  }
}

/** A small seeded generator (mulberry32): the same seed gives the same question everywhere. */
export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
}

export function rng(seed: number): Rng {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)]!,
    shuffle(items) {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}

/** A pointer's size, and a machine word's, on x86-64 Linux (LP64): the figure of the misconceptions
 * that take a pointer for the block it points to, or give every struct member a word. */
export const C_POINTER_BYTES = 8;

/** A 32-bit number from text, to mix a kind's name or a channel into a seed. */
export function hash32(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0);
}

/** memsim's assets/quiz folder, from src/ or dist/src/. */
function quizDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 7; i++) {
    const candidate = join(dir, "assets", "quiz");
    if (existsSync(join(candidate, "pools.json"))) return candidate;
    dir = dirname(dir);
  }
  throw new QuizError("quiz-assets-missing", "memsim's quiz programs were not found in assets/quiz.");
}

const loaded = new Map<string, unknown>();

/** One data file of assets/quiz, read once. */
export function asset<T>(name: string): T {
  if (!loaded.has(name)) loaded.set(name, JSON.parse(readFileSync(join(quizDir(), `${name}.json`), "utf8")));
  return loaded.get(name) as T;
}

interface Pools {
  names: string[];
  functions: string[];
  words: string[];
  /** what C programs take instead of (or besides) the above: names that are not C's keywords, struct tags, member types */
  c: { functions: string[]; structs: string[]; types: string[] };
}

/** A program template: its lines with `$name` placeholders, and the ranges its numbers take. */
export interface Template {
  id: string;
  difficulty: Difficulty;
  program: string[];
  ranges?: Record<string, [number, number]>;
  /** C: the types a `$ta`…`$td` placeholder may take, when not every member type fits */
  types?: Record<string, string[]>;
}

const NAME_SLOTS = ["a", "b", "c", "d", "e"];
const FUNCTION_SLOTS = ["f", "g", "h"];
const WORD_SLOTS = ["w", "u"];
/** C only: struct tags, and the types of struct members (each drawn on its own, so two may be alike) */
const STRUCT_SLOTS = ["s", "t"];
const TYPE_SLOTS = ["ta", "tb", "tc", "td"];
const DEFAULT_RANGES: Record<string, [number, number]> = {
  x: [1, 99], y: [1, 99], z: [1, 99], v: [1, 99], k: [2, 9], m: [2, 9], n: [2, 9], i: [1, 2], big: [1000, 99999],
  p: [30, 120], ch: [192, 255],
};

/** The template's placeholders filled from the seed: distinct names, words and numbers in range. */
export function fill(template: Template, r: Rng, language: Language = "python"): { program: string; values: Record<string, string> } {
  const pools = asset<Pools>("pools");
  const names = r.shuffle(pools.names);
  const functions = r.shuffle(language === "c" ? pools.c.functions : pools.functions);
  const words = r.shuffle(pools.words);
  const structs = language === "c" ? r.shuffle(pools.c.structs) : [];
  const values: Record<string, string> = {};
  const text = template.program.join("\n");
  for (const m of text.matchAll(/\$([a-z]+)/g)) {
    const slot = m[1]!;
    if (slot in values) continue;
    let at: number;
    if ((at = NAME_SLOTS.indexOf(slot)) >= 0) values[slot] = names[at]!;
    else if ((at = FUNCTION_SLOTS.indexOf(slot)) >= 0) values[slot] = functions[at]!;
    else if ((at = WORD_SLOTS.indexOf(slot)) >= 0) values[slot] = words[at]!;
    else if (language === "c" && (at = STRUCT_SLOTS.indexOf(slot)) >= 0) values[slot] = structs[at]!;
    else if (language === "c" && TYPE_SLOTS.includes(slot)) values[slot] = r.pick(template.types?.[slot] ?? pools.c.types);
    else if (slot === "seq") {
      // a comma-separated run of small ints, as long as the template's range says
      const [lo, hi] = template.ranges?.seq ?? [0, 6];
      values[slot] = Array.from({ length: r.int(lo, hi) }, () => r.int(1, 99)).join(", ");
    } else {
      const range = template.ranges?.[slot] ?? DEFAULT_RANGES[slot];
      if (!range) throw new QuizError("quiz-template", `template ${template.id} uses an unknown placeholder $${slot}`);
      values[slot] = String(r.int(range[0], range[1]));
    }
  }
  return { program: text.replace(/\$([a-z]+)/g, (_, slot: string) => values[slot]!) + "\n", values };
}

/** A template of the given difficulty, picked by the seed. */
export function pickTemplate<T extends Template>(templates: readonly T[], difficulty: Difficulty, r: Rng, kind: string): T {
  const fit = templates.filter((t) => t.difficulty === difficulty);
  if (fit.length === 0) throw new QuizError("quiz-template", `no ${kind} program of difficulty ${difficulty}`);
  return r.pick(fit);
}

/** The program's Trace, refused unless the program ran to its end. */
export async function finishedTrace(program: string, simulate: Simulate, language: Language = "python"): Promise<Trace> {
  const trace = await simulate(program, language);
  if (trace.outcome.status !== "finished") {
    throw new QuizError("quiz-program-failed", `a quiz program did not finish (${trace.outcome.status}):\n${program}`);
  }
  return trace;
}

/** Indexes of the steps that ran `line` (a call's own first step excluded: it runs no line yet). */
export function stepsOfLine(trace: Trace, line: number): number[] {
  const out: number[] = [];
  trace.steps.forEach((s, i) => {
    if (s.line === line && s.event !== "call") out.push(i);
  });
  return out;
}

/** The object a name of a frame refers to in a state (frame 0: the program's own). */
export function refOf(state: MemoryState, name: string, frame = 0): string | undefined {
  const slot: Slot | undefined = state.frames[frame]?.vars[name];
  return slot && "ref" in slot ? slot.ref : undefined;
}

export { stateAt };

/** A choice before shuffling. */
export interface Draft {
  text: string;
  correct: boolean;
  why?: MessageRef;
}

/** The question in its final form: choices without repeats, shuffled by the seed, and its stable id
 * (its program is Python unless `base` names its language). */
export function finish(
  base: Omit<QuizQuestion, "id" | "choices" | "language"> & { language?: Language },
  drafts: Draft[],
  r: Rng,
): QuizQuestion {
  const seen = new Set<string>();
  const unique: Draft[] = [];
  for (const d of [...drafts].sort((a, b) => Number(b.correct) - Number(a.correct))) {
    if (seen.has(d.text) || d.text.length === 0) continue;
    seen.add(d.text);
    unique.push(d);
  }
  const kept = unique.slice(0, 5);
  if (kept.filter((d) => d.correct).length !== 1 || kept.length < 2) {
    throw new QuizError("quiz-choices", `a ${base.kind} question needs one right answer among 2 to 5 choices:\n${base.program}`);
  }
  const choices: QuizChoice[] = r.shuffle(kept).map((d, i) => ({
    id: String.fromCharCode(97 + i),
    text: d.text,
    correct: d.correct,
    ...(d.why ? { why: d.why } : {}),
  }));
  const id = createHash("sha256")
    .update(JSON.stringify([base.kind, base.program, choices.map((c) => [c.text, c.correct])]))
    .digest("hex")
    .slice(0, 16);
  return { id, ...base, language: base.language ?? "python", choices };
}

/** A line of the program as a choice shows it: its number and its code. */
export function lineText(program: string, line: number): string {
  return `${line}: ${program.split("\n")[line - 1]!.trim()}`;
}

/**
 * The start of every question: the kind's random numbers for `seed`, a template of the
 * difficulty from `assets/quiz/<kind>.json`, its placeholders filled, and the program's Trace
 * (the program run in `language`).
 */
export async function drawProgram<T extends Template>(
  kind: string,
  seed: number,
  difficulty: Difficulty,
  simulate: Simulate,
  language: Language = "python",
): Promise<{ r: Rng; template: T; program: string; values: Record<string, string>; trace: Trace }> {
  const r = rng(seed ^ hash32(kind));
  const template = pickTemplate(asset<{ templates: T[] }>(kind).templates, difficulty, r, kind);
  const { program, values } = fill(template, r, language);
  const trace = await finishedTrace(program, simulate, language);
  return { r, template, program, values, trace };
}

/** The language of a question as stored: one stored before questions named theirs is Python. */
export function questionLanguage(question: Pick<QuizQuestion, "language">): Language {
  return (question as Partial<Pick<QuizQuestion, "language">>).language ?? "python";
}

