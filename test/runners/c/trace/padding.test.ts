/**
 * A record's padding in the C Trace, against gcc on x86-64: for each struct or union a program
 * declares, the bytes no member uses (from gcc's `offsetof`, `sizeof` and `__alignof__`), which
 * member they follow and precede, and the alignment they serve; and the sentence that tells them.
 */
import { describe, expect, it } from "vitest";
import type { HeapObject } from "../../../../src/core/trace.js";
import { explainRun } from "../../../../src/explain/index.js";
import { translator } from "../../../../src/i18n/index.js";
import { layoutStep } from "../../../../src/render/index.js";
import { traceC } from "../../../../src/runners/c/run.js";
import { checkLayout } from "../../../render/check.js";
import { gccRun } from "../memory/gcc.js";

/** [kind and tag, members as [declaration, name]] */
const RECORDS: [string, [string, string][]][] = [
  ["struct loose", [["char tag", "tag"], ["int count", "count"], ["char flag", "flag"], ["double weight", "weight"]]],
  ["struct tight", [["double weight", "weight"], ["int count", "count"], ["char tag", "tag"], ["char flag", "flag"]]],
  ["struct node", [["int value", "value"], ["struct node *next", "next"]]],
  ["struct shorts", [["char a", "a"], ["short s", "s"], ["char b", "b"], ["char c", "c"], ["long l", "l"]]],
  ["struct name", [["short id", "id"], ["char text[3]", "text"], ["long n", "n"]]],
  ["struct outer", [["char c", "c"], ["struct tight inner", "inner"], ["char d", "d"]]],
  ["struct packed", [["char a", "a"], ["char b", "b"], ["char c", "c"]]],
  ["struct ld", [["char c", "c"], ["long double x", "x"]]],
  ["union either", [["char text[5]", "text"], ["int n", "n"]]],
];

const declarations = `${RECORDS.map(([tag, members]) => `${tag} { ${members.map(([d]) => `${d};`).join(" ")} };`).join("\n")}
int main(void) {
${RECORDS.map(([tag], i) => `    ${tag} v${i};`).join("\n")}
`;
/** what memsim runs: the records declared */
const program = `${declarations}    return 0;\n}\n`;
/** what gcc runs: the same, printing its layouts (with GNU C's __typeof__ and __alignof__) */
const printing = `#include <stdio.h>
#include <stddef.h>
${declarations}${RECORDS.map(
  ([, members], i) =>
    `    printf("v${i} %zu %zu\\n", sizeof v${i}, __alignof__(v${i}));\n` +
    members.map(([, m]) => `    printf("${m} %zu %zu %zu\\n", offsetof(__typeof__(v${i}), ${m}), sizeof v${i}.${m}, __alignof__(v${i}.${m}));`).join("\n"),
).join("\n")}
    return 0;
}
`;

interface Member {
  name: string;
  offset: number;
  size: number;
  align: number;
}

/** What gcc printed: each record's size and alignment, and its members' offsets, sizes, alignments. */
function gccLayouts(): { size: number; align: number; members: Member[] }[] {
  const out: { size: number; align: number; members: Member[] }[] = [];
  for (const line of gccRun(printing).trim().split("\n")) {
    const [name, a, b, c] = line.split(" ");
    if (/^v\d+$/.test(name!)) out.push({ size: Number(a), align: Number(b), members: [] });
    else out.at(-1)!.members.push({ name: name!, offset: Number(a), size: Number(b), align: Number(c) });
  }
  return out;
}

/** The padding the Trace should carry, worked out from gcc's figures alone. */
function expected(layout: { size: number; align: number; members: Member[] }, union: boolean): HeapObject["padding"] {
  const used = new Uint8Array(layout.size);
  for (const m of layout.members) used.fill(1, m.offset, m.offset + m.size);
  const out: NonNullable<HeapObject["padding"]> = [];
  for (let i = 0; i < layout.size; i++) {
    if (used[i]) continue;
    const start = i;
    while (i < layout.size && !used[i]) i++;
    const ends = layout.members.filter((m) => m.offset + m.size <= start);
    const after = ends.reduce<Member | undefined>((a, m) => (!a || m.offset + m.size >= a.offset + a.size ? m : a), undefined);
    const before = union ? undefined : layout.members.find((m) => m.offset === i);
    const gap: NonNullable<HeapObject["padding"]>[number] = { offset: start, size: i - start };
    if (after) gap.after = after.name;
    if (before) gap.before = before.name;
    const align = before ? before.align : layout.align;
    if (Math.ceil(start / align) * align === i) gap.align = align;
    out.push(gap);
  }
  return out.length > 0 ? out : undefined;
}

describe("a C record's padding", () => {
  it("is where gcc leaves it, with the members around it and the alignment it serves", async () => {
    const layouts = gccLayouts();
    expect(layouts).toHaveLength(RECORDS.length);
    const trace = await traceC(program);
    expect(trace.outcome.status).toBe("finished");
    const padded: string[] = [];
    RECORDS.forEach(([tag], i) => {
      const o = Object.values(trace.objects).find((x) => x.name === `v${i}`)!;
      expect(o.size, tag).toBe(layouts[i]!.size);
      const want = expected(layouts[i]!, tag.startsWith("union"));
      expect(o.padding, tag).toEqual(want);
      if (want) padded.push(tag);
    });
    // the cases worth telling apart are all there
    expect(padded).toEqual(["struct loose", "struct tight", "struct node", "struct shorts", "struct name", "struct outer", "struct ld", "union either"]);
    // a record inside another keeps its own
    const inner = Object.values(trace.objects).find((x) => x.partOf !== undefined && x.type === "struct tight")!;
    expect(inner.padding).toEqual(expected(layouts[1]!, false));
  });

  it("is told once per type, in figures that add up", async () => {
    const source = `#include <stdlib.h>
struct loose { char tag; int count; char flag; double weight; };
int main(void) {
    struct loose a = {'a', 1, 'y', 2.5};
    struct loose b = a;
    struct loose *p = malloc(3 * sizeof *p);
    free(p);
    return 0;
}
`;
    const trace = await traceC(source);
    for (const locale of ["en", "zh-CN"] as const) {
      const steps = explainRun(trace, translator(locale));
      const told = steps.flatMap((s) => s.sentences.filter((x) => x.includes(locale === "en" ? "padding" : "填充")).map((x) => [s.line, x] as const));
      expect(told.map(([line]) => line), locale).toEqual([4]);
      if (locale === "en") {
        expect(told[0]![1]).toContain("Each struct loose takes 24 bytes, but its members use only 14 bytes. The rest, 10 bytes, is padding, which the compiler adds:");
        expect(told[0]![1]).toContain("3 bytes after tag, so that count starts at an address that is a multiple of 4; 7 bytes after flag, so that weight starts at an address that is a multiple of 8.");
      } else {
        expect(told[0]![1]).toContain("每个 struct loose 占 24 字节，但它的成员只用了其中的 14 字节。其余 10 字节是编译器加的填充：");
      }
    }
    // an array of records in a block: the padding of its elements, when their type is new
    const heap = await traceC(source.replace("struct loose a = {'a', 1, 'y', 2.5};\n    struct loose b = a;\n", ""));
    const made = explainRun(heap, translator("en")).find((s) => s.line === 4)!.sentences.join(" ");
    expect(made).toContain("Each struct loose takes 24 bytes");
  });
});

describe("a C record's padding in the diagram", () => {
  it("is a greyed row after the member it follows", async () => {
    const trace = await traceC("struct loose { char tag; int count; char flag; double weight; };\nint main(void) {\n    struct loose a = {'a', 1, 'y', 2.5};\n    return 0;\n}\n");
    const id = Object.entries(trace.objects).find(([, o]) => o.name === "a")![0];
    const layout = layoutStep(trace, 2, { inlineScalars: true });
    expect(checkLayout(layout)).toEqual([]);
    expect(layout.slots.filter((s) => s.owner === id).map((s) => s.id.slice(id.length + 1))).toEqual([".tag", "pad1", ".count", ".flag", "pad9", ".weight"]);
  });
});
