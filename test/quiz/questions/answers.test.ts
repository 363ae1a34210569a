/**
 * Each generator's answers against an independent computation: identity, copies, frees and the
 * stack by running the program under the native CPython; sizes by 64-bit CPython 3.14's figures
 * (the native interpreter's only where they do not differ between versions); allocations by
 * re-deriving them from the Trace's object records rather than its events. C questions: their
 * programs built with gcc and run on x86-64 glibc, with a line added that prints the figures
 * (sizeof, malloc_usable_size, the chunk's size field), and valgrind's bytes in use at exit.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Trace } from "../../../src/core/index.js";
import { catalog, translator } from "../../../src/i18n/index.js";
import { QUESTION_KINDS, questionKind } from "../../../src/quiz/questions/index.js";
import { native, type NativeRequest } from "./native.js";
import { gccOutputs, probed, valgrindInUse } from "./native-c.js";
import { generateMany, simulate, type Generated } from "./support.js";

const PER_LEVEL = 17;
/** C questions of each level whose figures gcc checks (gcc and valgrind take a while per program) */
const C_PER_LEVEL = 3;
let all: Generated[] = [];
const of = (kind: string) => all.filter((g) => g.question.kind === kind);
const right = (g: Generated) => g.question.choices.find((c) => c.correct)!.text;
const lineOf = (text: string) => Number(text.split(":")[0]);

beforeAll(async () => {
  all = await generateMany(PER_LEVEL);
}, 120_000);

describe("generated questions", () => {
  it("number at least 300, over every kind and difficulty", () => {
    expect(all.length).toBeGreaterThanOrEqual(300);
    for (const g of QUESTION_KINDS) for (const d of g.difficulties) {
      expect(all.filter((x) => x.question.kind === g.kind && x.question.difficulty === d).length).toBe(PER_LEVEL);
    }
  });

  it("each have 2 to 5 distinct choices, one of them right, every wrong one with its correcting sentence", () => {
    for (const { question: q } of all) {
      expect(q.choices.length, q.program).toBeGreaterThanOrEqual(2);
      expect(q.choices.length).toBeLessThanOrEqual(5);
      expect(q.choices.filter((c) => c.correct)).toHaveLength(1);
      expect(new Set(q.choices.map((c) => c.text)).size).toBe(q.choices.length);
      for (const c of q.choices) if (!c.correct) expect(c.why, `${q.kind}: ${c.text}`).toBeDefined();
    }
  });

  it("word every prompt, explanation and correction in both languages", () => {
    for (const locale of ["en", "zh-CN"] as const) {
      const t = translator(locale);
      for (const { question: q } of all) {
        for (const m of [q.prompt, q.explanation, ...q.choices.flatMap((c) => (c.why ? [c.why] : []))]) {
          expect(catalog(locale)[m.key], m.key).toBeDefined();
          expect(t.t(m.key, m.params).length).toBeGreaterThan(0);
        }
      }
    }
  });

  it("show a step of their program's Trace", () => {
    for (const { question: q, trace } of all) {
      expect(q.decidingStep).toBeGreaterThanOrEqual(0);
      expect(q.decidingStep).toBeLessThan(trace.steps.length);
    }
  });

  it("are the same for the same seed", async () => {
    for (const g of all.filter((_, i) => i % 15 === 0)) {
      const again = await questionKind(g.question.kind)!.generate(g.seed, g.question.difficulty, simulate);
      expect(again).toEqual(g.question);
    }
  });
});

describe("answers match an independent computation", () => {
  it("identity: `a is b` as the native CPython evaluates it", () => {
    const qs = of("identity");
    const got = native(qs.map((g) => ({ mode: "is", program: g.question.program, a: g.question.prompt.params!.a!, b: g.question.prompt.params!.b! }) as NativeRequest));
    expect(qs.map(right)).toEqual(got.map((v) => (v ? "True" : "False")));
  });

  it("copies: the one line after which the native CPython has a new list in the program's names", () => {
    const qs = of("copies");
    const got = native(qs.map((g) => ({ mode: "copies", program: g.question.program })));
    // of the lines offered: the program's first lines make the list the question is about
    const offered = (g: Generated) => g.question.choices.map((c) => lineOf(c.text));
    expect(qs.map((g) => [lineOf(right(g))])).toEqual(got.map((lines, i) => (lines as number[]).filter((l) => offered(qs[i]!).includes(l))));
  });

  it("freed: the line whose run the native CPython frees the object in", () => {
    const qs = of("freed");
    const got = native(qs.map((g) => ({ mode: "freed", program: g.question.program, name: g.question.prompt.params!.name!, line: g.question.prompt.params!.line! }) as NativeRequest));
    expect(qs.map((g) => lineOf(right(g)))).toEqual(got);
  });

  it("stack: frames and names as the native CPython's frames hold them", () => {
    const qs = of("stack");
    const mode = (key: string) => key.split(".")[2]!;
    const got = native(qs.map((g) => ({ mode: mode(g.question.prompt.key), program: g.question.program, line: g.question.prompt.params!.line! }) as NativeRequest));
    expect(qs.map((g) => right(g))).toEqual(got.map((v) => (Array.isArray(v) ? v.join(", ") : String(v))));
  });

  it("sizes: 64-bit CPython 3.14's figures", () => {
    const qs = of("sizes");
    type Described = { type: string; size: number; len?: number; maxchar?: number; strKeys?: boolean; bits?: number };
    const got = native(qs.map((g) => ({ mode: "describe", program: g.question.program, name: g.question.prompt.params!.name! }) as NativeRequest)) as Described[];
    const expected = got.map((d) => {
      switch (d.type) {
        // the same on every CPython since 3.8: the native figure holds
        case "list": case "float": case "bytes": case "set":
          return d.size;
        // 3.14's tuples keep their hash: 48-byte header, then 8 bytes an item ((a, b, 3) is 72 in sizes.test.ts)
        case "tuple":
          return 48 + 8 * d.len!;
        // compact strs lost their wstr field in 3.12: 40-byte header (ASCII) or 56 (Latin-1), one byte a character and a NUL
        case "str":
          return (d.maxchar! < 128 ? 41 : 57) + d.len!;
        // a 28-byte int holds one 30-bit digit; each further digit adds 4 bytes (0 too has one digit since 3.12)
        case "int":
          return 24 + 4 * Math.max(1, Math.ceil(d.bits! / 30));
        // a str-keyed dict: 8-slot table up to 5 keys, then 16 slots (test/runners/python/sizes.test.ts)
        case "dict":
          expect(d.strKeys).toBe(true);
          return d.len! <= 5 ? 184 : d.len! <= 10 ? 272 : NaN;
        default:
          return NaN;
      }
    });
    expect(qs.map((g) => Number(right(g)))).toEqual(expected);
  });

  it("practice: the rewrite with the lowest peak under the native CPython's own allocator (tracemalloc), each printing the same", () => {
    const qs = of("practice");
    const variants = qs.flatMap((g) => {
      const { from, to } = g.question.prompt.params as { from: number; to: number };
      const lines = g.question.program.split("\n");
      const indent = /^\s*/.exec(lines[from - 1]!)![0];
      return g.question.choices.map((c) => [...lines.slice(0, from - 1), indent + c.text, ...lines.slice(to)].join("\n"));
    });
    const runs = native(variants.map((program) => ({ mode: "peak", program }))) as { peak: number; stdout: string }[];
    let at = 0;
    for (const g of qs) {
      const mine = runs.slice(at, at + g.question.choices.length);
      at += mine.length;
      // every rewrite prints what the program prints
      for (const r of mine) expect(r.stdout).toBe(g.trace.stdout);
      const least = Math.min(...mine.map((r) => r.peak));
      const lowest = g.question.choices.filter((_, i) => mine[i]!.peak === least).map((c) => c.text);
      expect(lowest, `${g.question.program}${mine.map((r) => r.peak).join(" ")}`).toEqual([right(g)]);
    }
  });

  it("allocations: the objects the Trace records as made at the line and alive at its end", () => {
    for (const { question: q, trace } of of("allocations")) {
      const line = q.prompt.params!.line as number;
      const steps = trace.steps.flatMap((s, i) => (s.line === line && s.event !== "call" ? [i] : []));
      const first = steps[0]!;
      const last = steps.at(-1)!;
      const made = Object.entries(trace.objects).filter(([, o]) => {
        const at = o.madeAt ?? o.createdAt;
        return o.origin === undefined && at >= first && at <= last && steps.includes(at) && (o.freedAt === undefined || o.freedAt > last);
      });
      const count = made.length;
      const bytes = made.reduce((sum, [id, o]) => sum + sizeAt(trace, id, o.size, last), 0);
      const expected = q.prompt.key.endsWith("count.prompt") ? count : bytes;
      expect(Number(right({ question: q } as Generated)), q.program).toBe(expected);
    }
  });
});

describe("C answers match gcc and glibc on x86-64", () => {
  /** The questions checked under gcc: the first few of each level (one build for all of them). */
  const sample = (kind: string) => of(kind).filter((_, i) => i % PER_LEVEL < C_PER_LEVEL);

  /** c-struct's probe: sizeof, the members' own sizes, the alignment, and the least size of any order of the members. */
  function structProbe(q: Generated["question"]): string {
    const tag = q.prompt.params!.tag as string;
    const lines = q.program.split("\n");
    const open = lines.indexOf(`struct ${tag} {`);
    const members = lines.slice(open + 1, lines.indexOf("};", open));
    const names = members.map((m) => /(\w+)(\[\d+\])?;$/.exec(m)![1]!);
    const orders = permutations(members);
    const probe = [
      ...orders.map((order, i) => `struct order${i} {\n${order.join("\n")}\n};`),
      `size_t least = sizeof(struct order0);`,
      ...orders.slice(1).map((_, i) => `if (sizeof(struct order${i + 1}) < least) least = sizeof(struct order${i + 1});`),
      `printf("%zu %zu %zu %zu", sizeof(struct ${tag}), ${names.map((n) => `sizeof(((struct ${tag} *)0)->${n})`).join(" + ")}, _Alignof(struct ${tag}), least);`,
    ].join("\n");
    return probed(q.program, lines.lastIndexOf("    return 0;"), probe);
  }

  /** c-blocks' probe, right after the line that asks: malloc_usable_size, the chunk's size field, the bytes asked for. */
  function blockProbe(q: Generated["question"]): string {
    const line = q.prompt.params!.line as number;
    const name = q.prompt.params!.name as string;
    const text = q.program.split("\n")[line - 1]!;
    const call = /calloc\((.+), (.+)\);$/.exec(text);
    const asked = call ? `(size_t)(${call[1]}) * (${call[2]})` : `(size_t)(${/malloc\((.+)\);$/.exec(text)![1]})`;
    return probed(q.program, line, `printf("%zu %zu %zu", malloc_usable_size(${name}), ((size_t *)${name})[-1] & ~(size_t)7, ${asked});`);
  }

  let built: Promise<string[]> | undefined;
  const outputs = () => (built ??= gccOutputs([...sample("c-struct").map((g) => structProbe(g.question)), ...sample("c-blocks").map((g) => blockProbe(g.question))]));

  it("c-struct: sizeof, the members' own sizes, the alignment, and the smallest size any order of the members gives", async () => {
    const qs = sample("c-struct");
    const got = (await outputs()).slice(0, qs.length);
    expect(qs.map(({ question: q }) => [right({ question: q } as Generated), q.explanation.params!.sum, q.explanation.params!.align, q.explanation.params!.sorted].join(" "))).toEqual(got);
  }, 60_000);

  it("c-blocks: malloc_usable_size of the block, its chunk's size field and the bytes asked for", async () => {
    const qs = sample("c-blocks");
    const got = (await outputs()).slice(sample("c-struct").length);
    expect(qs.map(({ question: q }) => [right({ question: q } as Generated), q.explanation.params!.chunk, q.explanation.params!.asked].join(" "))).toEqual(got);
  }, 60_000);

  it("c-leaks: the bytes valgrind finds in use at exit, for a program of every template", async () => {
    // one program of each template (told apart by their length and what they call)
    const shape = (p: string) => `${p.split("\n").length}:${p.includes("calloc")}:${p.includes("for (")}`;
    const picked = [...new Map(of("c-leaks").map((g) => [shape(g.question.program), g])).values()];
    expect(picked.length).toBe(6);
    // two at a time: valgrind is slow to start
    const got: number[] = [];
    for (let i = 0; i < picked.length; i += 2) got.push(...(await Promise.all(picked.slice(i, i + 2).map((g) => valgrindInUse(g.question.program)))));
    expect(picked.map((g) => Number(right(g)))).toEqual(got);
  }, 60_000);
});

/** Every order of the items. */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** An object's size after a step: its first size, then each change of size the steps record. */
function sizeAt(trace: Trace, id: string, size: number, step: number): number {
  for (let i = 0; i <= step; i++) {
    for (const e of trace.steps[i]!.events) if (e.kind === "mutate" && e.id === id && e.size !== undefined) size = e.size;
  }
  return size;
}
