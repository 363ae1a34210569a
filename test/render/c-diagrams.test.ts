/**
 * What a C program's diagram teaches, read from its layout: a pointer is an arrow (never the
 * value it points to) landing on the element it points into, an array inside a struct is inside
 * the struct's box, a 0-byte block is still pointed at, a block no pointer reaches is leaked,
 * and an emptied heap does not say "yet".
 */
import { describe, expect, it } from "vitest";
import type { Trace } from "../../src/core/trace.js";
import { layoutStep, type DiagramLayout } from "../../src/render/index.js";
import { cTrace as traceOf } from "../helpers.js";

const cTrace = (lines: string[]): Promise<Trace> => traceOf(lines.join("\n") + "\n");

const words = (l: DiagramLayout) => l.texts.map((t) => t.text);
/** The last step that ran `line` (the state just after it). */
const after = (t: Trace, line: number) => t.steps.findLastIndex((s) => s.line === line);
const varArrow = (l: DiagramLayout, name: string) => l.arrows.find((a) => a.from === `f0:${name}`);

describe("a C program's diagram", () => {
  it("captions a block no pointer reaches as leaked, in both languages, never as held by a loop", async () => {
    const t = await cTrace(["#include <stdlib.h>", "int main(void) {", "    int *a = malloc(16);", "    a = malloc(8);", "    free(a);", "    return 0;", "}"]);
    const en = words(layoutStep(t, after(t, 4)));
    expect(en).toContain("Leaked: still allocated, but no pointer reaches it, so it can never be freed");
    expect(en.join(" ")).not.toMatch(/loop or call/);
    const zh = words(layoutStep(t, after(t, 4), { locale: "zh-CN" }));
    expect(zh).toContain("已泄漏：仍被分配，但没有指针能找到它，再也无法释放");
  });

  it("says nothing about an empty heap at the step that freed its last block, and no 'yet' after", async () => {
    const t = await cTrace(["#include <stdlib.h>", "int main(void) {", "    int *a = malloc(16);", "    free(a);", "    a = NULL;", "    return 0;", "}"]);
    const freed = words(layoutStep(t, after(t, 4)));
    expect(freed).toContain("Freed at this step");
    expect(freed).not.toContain("no objects yet");
    const later = words(layoutStep(t, after(t, 5)));
    expect(later).toContain("no live objects");
    expect(later).not.toContain("no objects yet");
    expect(words(layoutStep(t, 0))).toContain("no objects yet");
  });

  it("draws a pointer to a 0-byte block as an arrow to it", async () => {
    const t = await cTrace(["#include <stdlib.h>", "int main(void) {", "    char *z = malloc(0);", "    free(z);", "    return 0;", "}"]);
    const l = layoutStep(t, after(t, 3));
    const arrow = varArrow(l, "z");
    expect(arrow).toBeDefined();
    expect(t.objects[arrow!.to]!.size).toBe(0);
  });

  it("draws a pointer as an arrow, not as the value it points to, and a dangling one with the freed block's address", async () => {
    const t = await cTrace(["#include <stdlib.h>", "int main(void) {", "    const char *g = \"hi\";", "    int x = 5;", "    int *p = &x;", "    char *c = malloc(4);", "    free(c);", "    return 0;", "}"]);
    const l = layoutStep(t, after(t, 7));
    expect(t.objects[varArrow(l, "g")!.to]!.value).toBe("hi");
    expect(varArrow(l, "p")).toBeDefined();
    expect(varArrow(l, "x")).toBeDefined();
    const later = layoutStep(t, t.steps.length - 2);
    const block = Object.values(t.objects).find((o) => o.type === "char[4]")!;
    expect(words(later)).toContain(`${block.address} (dangling)`);
  });

  it("lands a pointer into an array on the element it points to", async () => {
    const t = await cTrace(["int main(void) {", "    int a[4] = {3, 1, 4, 1};", "    int *last = &a[3];", "    int *first = a;", "    return 0;", "}"]);
    const l = layoutStep(t, after(t, 4));
    const arrow = varArrow(l, "last")!;
    const cell = l.slots.find((s) => s.id === `${arrow.to}:3`)!;
    expect(cell).toBeDefined();
    expect(arrow.points.at(-1)!.y).toBeCloseTo(cell.rect.y + cell.rect.h / 2, 0);
    // the arrow to the first element does not land on the fourth
    expect(varArrow(l, "first")!.points.at(-1)!.y).toBeLessThan(cell.rect.y);
  });

  it("tells a memory fault on the picture of the last step, in the reader's language", async () => {
    const t = await cTrace(["#include <stdlib.h>", "int main(void) {", "    int *a = malloc(8);", "    a[2] = 1;", "    return 0;", "}"]);
    const last = t.steps.length - 1;
    expect(words(layoutStep(t, last, { locale: "zh-CN" }))).toContain("程序在第 4 行停止：它试图紧挨在第 3 行分配的 8 字节堆块末尾之后写入 4 字节。之前的步骤都已保留。");
    expect(words(layoutStep(t, last)).some((w) => w.includes("just past the end of the heap block of 8 bytes"))).toBe(true);
    expect(words(layoutStep(t, 0)).some((w) => w.includes("just past the end"))).toBe(false);
  });

  it("draws global variables in a row of their own, named, with what they point to on the heap", async () => {
    const t = await cTrace(["#include <stdlib.h>", "struct pair { int n; char tag[2]; };", "struct pair g = {7, \"x\"};", "int *table;", "int main(void) {", "    table = malloc(8);", "    free(table);", "    return 0;", "}"]);
    const l = layoutStep(t, after(t, 6));
    expect(words(l)).toEqual(expect.arrayContaining(["Global variables: they last for the whole run", "global g", "global table", "'x'"]));
    expect(l.panels.map((p) => p.name)).toContain("globals");
    // the heap block only a global points to is drawn and pointed at, not called leaked
    const arrow = l.arrows.find((a) => t.objects[a.to]!.origin === undefined)!;
    expect(t.objects[arrow.to]!.size).toBe(8);
    expect(words(l).join(" ")).not.toMatch(/Leaked/);
    expect(words(layoutStep(t, after(t, 6), { locale: "zh-CN" }))).toContain("全局变量 g");
  });

  it("draws an array or struct inside a struct inside its box, on the stack and on the heap", async () => {
    const t = await cTrace([
      "#include <stdlib.h>",
      "#include <string.h>",
      "struct point { int x; int y; };",
      "struct person { int age; char name[4]; struct point at; };",
      "int main(void) {",
      "    struct person me = {30, \"Bob\", {3, 4}};",
      "    struct person *p = malloc(sizeof *p);",
      "    strcpy(p->name, \"Cy\");",
      "    struct point pts[2] = {{1, 2}, {5, 6}};",
      "    free(p);",
      "    return 0;",
      "}",
    ]);
    const l = layoutStep(t, after(t, 9));
    // no box and no arrow for what lies inside another object
    expect(l.objects.filter((o) => t.objects[o.id]!.partOf !== undefined)).toEqual([]);
    expect(l.arrows.filter((a) => t.objects[a.to]!.partOf !== undefined)).toEqual([]);
    expect(l.objects.map((o) => t.objects[o.id]!.type).sort()).toEqual(["struct person", "struct person", "struct point[2]"]);
    const inBox = (type: string, addressOf?: string) => {
      const box = l.objects.find((o) => t.objects[o.id]!.type === type && (addressOf === undefined || o.id === addressOf))!.rect;
      return l.texts.filter((x) => x.x >= box.x && x.x < box.x + box.w && x.y >= box.y && x.y < box.y + box.h).map((x) => x.text);
    };
    const me = varArrow(l, "me")!.to;
    expect(inBox("struct person", me)).toEqual(expect.arrayContaining(["name", "'B'", "'o'", "'b'", "'\\0'", "at.x", "3", "at.y", "4"]));
    expect(inBox("struct person", varArrow(l, "p")!.to)).toEqual(expect.arrayContaining(["name", "'C'", "'y'"]));
    expect(inBox("struct point[2]")).toEqual(expect.arrayContaining(["[0].x", "[1].y", "6"]));
    // freed with its block, drawn once
    const gone = layoutStep(t, after(t, 10));
    expect(gone.objects.filter((o) => o.state === "freed")).toHaveLength(1);
  });
});
