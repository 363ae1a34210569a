import { describe, expect, it } from "vitest";
import { replay, stateAt, type MemoryState } from "../../../../src/core/state.js";
import type { Slot, Trace } from "../../../../src/core/trace.js";
import { internString, isFault, placeGlobals, realloc } from "../../../../src/runners/c/memory/index.js";
import { T, arrayOf, pointerTo, type RecordType } from "../../../../src/runners/c/types.js";
import { Driver } from "./driver.js";

function nodeType(): RecordType {
  const node: RecordType = { kind: "struct", tag: "node", members: [] };
  node.members!.push({ name: "value", type: T.int }, { name: "next", type: pointerTo(node) });
  return node;
}

function must<X>(x: X | null | { kind: "fault" }): X {
  if (x === null || isFault(x)) throw new Error("unexpected fault");
  return x as X;
}

/** Every step rebuilds; gives the state after each. */
function states(trace: Trace): MemoryState[] {
  const out: MemoryState[] = [];
  for (const s of replay(trace)) out.push(stateAt(trace, s.index));
  return out;
}

const v = (slot: Slot | null | undefined): string | undefined => (slot && "value" in slot ? slot.value : undefined);
const r = (slot: Slot | null | undefined): string | undefined => (slot && "ref" in slot ? slot.ref : undefined);

const LIST = `#include <stdlib.h>
struct node { int value; struct node *next; };
int main(void) {
  struct node *head = NULL;
  for (int i = 0; i < 3; i++) {
    struct node *n = malloc(sizeof *n);
    n->value = i;
    n->next = head;
    head = n;
  }
  while (head) {
    struct node *next = head->next;
    free(head);
    head = next;
  }
  return 0;
}
`;

describe("the C Trace builder", () => {
  it("builds and frees a linked list: records with their fields, pointers as references, frees", () => {
    const node = nodeType();
    const d = new Driver(LIST);
    const ptr = pointerTo(node);
    d.call("main", 3, [{ name: "head", type: ptr }, { name: "i", type: T.int }, { name: "n", type: ptr }, { name: "next", type: ptr }]);
    d.set("head", 0n);
    d.step(5);
    const built: number[] = [];
    for (let i = 0; i < 3; i++) {
      d.set("i", i);
      d.step(6);
      d.set("n", d.malloc(16, 6));
      d.step(7);
      d.storeAt(d.get("n"), T.int, i);
      d.step(8);
      d.storeAt(d.field(d.get("n"), node, "next"), ptr, d.get("head"));
      d.step(9);
      d.set("head", d.get("n"));
      d.step(5);
      built.push(d.rec["steps"].length - 1);
    }
    const frees: number[] = [];
    while (d.get("head") !== 0n) {
      d.step(12);
      d.set("next", d.loadAt(d.field(d.get("head"), node, "next"), ptr));
      d.step(13);
      d.free(d.get("head"), 13);
      d.step(14);
      frees.push(d.rec["steps"].length - 1);
      d.set("head", d.get("next"));
      d.step(11);
    }
    d.ret(16, T.int, 0);
    const trace = d.end();
    const all = states(trace);
    expect(trace.outcome).toEqual({ status: "finished", exitStatus: 0 });

    // after the third node is linked: head -> n2 -> n1 -> n0 -> NULL
    const s = all[built[2]!]!;
    const main = s.frames[0]!;
    expect(main.name).toBe("main");
    expect(main.address).toMatch(/^0x7ff/);
    const values: string[] = [];
    let at = r(main.vars.head);
    while (at) {
      const o = s.objects.get(at)!;
      expect(o.base.shape).toBe("record");
      expect(o.base.type).toBe("struct node");
      expect(o.base.size).toBe(16);
      expect(o.base.usable).toBe(24);
      values.push(v(o.attributes!.value)!);
      at = r(o.attributes!.next);
      if (!at) expect(v(o.attributes!.next)).toBe("NULL");
    }
    expect(values).toEqual(["2", "1", "0"]);
    expect(s.liveBytes).toBe(48);
    expect(v(main.vars.i)).toBe("2");

    // the first free gives back the head node: gone from the state, its record keeps freedAt
    const f0 = all[frees[0]!]!;
    expect(f0.freed.size).toBe(1);
    const gone = [...f0.freed.keys()][0]!;
    expect(trace.objects[gone]!.freedAt).toBe(frees[0]);
    expect(f0.liveBytes).toBe(32);
    // head still points to the freed block: a dangling reference to it
    expect(r(f0.frames[0]!.vars.head)).toBe(gone);
    expect(all.at(-1)!.liveBytes).toBe(0);
    expect(trace.steps.every((step) => step.events.filter((e) => e.kind === "mutate").length <= 1)).toBe(true);
  });

  it("copies a string with strcpy into a heap block of chars; the literal is a text object", () => {
    const src = `int main(void) {\n  char *s = malloc(6);\n  strcpy(s, "hello");\n  return 0;\n}\n`;
    const d = new Driver(src);
    const lit = internString(d.mem, new TextEncoder().encode("hello"), 3);
    d.call("main", 1, [{ name: "s", type: pointerTo(T.char) }]);
    d.step(2);
    d.set("s", d.malloc(6, 2));
    d.step(3);
    const before = d.rec["steps"].length - 1;
    d.strcpy(d.get("s"), lit);
    d.step(4);
    const after = d.rec["steps"].length - 1;
    d.ret(4, T.int, 0);
    const trace = d.end();
    const b = stateAt(trace, before);
    const block = b.objects.get(r(b.frames[0]!.vars.s)!)!;
    expect(block.base.type).toBe("char[6]");
    expect(block.items!.every((i) => i && "value" in i && i.uninit)).toBe(true);
    const a = stateAt(trace, after);
    const copied = a.objects.get(block.id)!;
    expect(copied.items!.map(v)).toEqual(["'h'", "'e'", "'l'", "'l'", "'o'", "'\\0'"]);
    expect(trace.steps[after]!.events.find((e) => e.kind === "mutate")).toBeTruthy();
  });

  it("makes a string literal a text object when a pointer holds it", () => {
    const src = `int main(void) {\n  const char *msg = "hi";\n  return 0;\n}\n`;
    const d = new Driver(src);
    const lit = internString(d.mem, new TextEncoder().encode("hi"), 2);
    d.call("main", 1, [{ name: "msg", type: pointerTo({ ...T.char, const: true }) }]);
    d.set("msg", lit + 1n);
    d.step(3);
    const last = d.rec["steps"].length - 1;
    d.ret(3, T.int, 0);
    const trace = d.end();
    const s = stateAt(trace, last);
    const slot = s.frames[0]!.vars.msg!;
    expect(slot).toMatchObject({ offset: 1 });
    expect(s.objects.get(r(slot)!)!.base).toMatchObject({ type: "char[3]", shape: "text", value: "hi", origin: "constant", mutable: false });
    // a constant is no heap byte
    expect(s.liveBytes).toBe(0);
  });

  it("shows a struct with padding on the stack as a record at its real address, uninitialised fields marked", () => {
    const src = `struct s { char c; int n; double d; };\nint main(void) {\n  struct s x;\n  x.c = 'A';\n  x.d = 3.5;\n  return 0;\n}\n`;
    const st: RecordType = { kind: "struct", tag: "s", members: [{ name: "c", type: T.char }, { name: "n", type: T.int }, { name: "d", type: T.double }] };
    const d = new Driver(src);
    d.call("main", 2, [{ name: "x", type: st }]);
    d.step(4);
    d.storeAt(d.field(d.addr("x"), st, "c"), T.char, 65);
    d.step(5);
    d.storeAt(d.field(d.addr("x"), st, "d"), T.double, 3.5);
    d.step(6);
    const last = d.rec["steps"].length - 1;
    const address = `0x${d.local("x").address.toString(16)}`;
    d.ret(6, T.int, 0);
    const trace = d.end();
    const s = stateAt(trace, last);
    const x = s.objects.get(r(s.frames[0]!.vars.x)!)!;
    expect(x.base).toMatchObject({ type: "struct s", shape: "record", size: 16, origin: "stack", name: "x", address });
    expect(x.attributes!.c).toEqual({ value: "'A'" });
    expect(x.attributes!.n).toEqual({ value: "?", uninit: true });
    expect(x.attributes!.d).toEqual({ value: "3.5" });
    // stack objects are no heap bytes; after main returns they are gone
    expect(s.liveBytes).toBe(0);
    expect(trace.objects[x.id]!.freedAt).toBe(trace.steps.length - 1);
  });

  it("keeps a pointer to a freed block referring to it, and reports a use after free as the outcome", () => {
    const src = `int main(void) {\n  int *p = malloc(40);\n  free(p);\n  p[0] = 1;\n}\n`;
    const d = new Driver(src);
    d.call("main", 1, [{ name: "p", type: pointerTo(T.int) }]);
    d.step(2);
    d.set("p", d.malloc(40, 2));
    d.step(3);
    d.free(d.get("p"), 3);
    d.step(4);
    const last = d.rec["steps"].length - 1;
    const fault = d.mem.heap ? (() => {
      const got = d.mem.dead.at(-1)!;
      return { kind: "fault" as const, problem: "freed" as const, access: "write" as const, address: BigInt(got.address), size: 4, near: { block: got, where: "inside" as const, distance: 0 } };
    })() : undefined;
    const trace = d.end({ kind: "fault", fault: fault!, line: 4 });
    const s = stateAt(trace, last);
    const id = r(s.frames[0]!.vars.p)!;
    expect(trace.objects[id]).toMatchObject({ type: "int[10]", size: 40, usable: 40, freedAt: last - 0 });
    expect(s.objects.has(id)).toBe(false);
    expect(trace.outcome).toMatchObject({ status: "error", type: "invalid write", line: 4 });
    expect((trace.outcome as { message: string }).message).toBe("invalid write of 4 bytes, 0 bytes inside a block of 40 bytes allocated at line 2 freed at line 3");
  });

  it("reports a write past a block's end as memcheck words it", () => {
    const src = `int main(void) {\n  int *p = malloc(40);\n  p[10] = 1;\n}\n`;
    const d = new Driver(src);
    d.call("main", 1, [{ name: "p", type: pointerTo(T.int) }]);
    d.step(2);
    d.set("p", d.malloc(40, 2));
    d.step(3);
    const block = d.mem.heap!.blocks.values().next().value!;
    const trace = d.end({ kind: "fault", fault: { kind: "fault", problem: "out-of-bounds", access: "write", address: BigInt(block.address + 40), size: 4, near: { block, where: "after", distance: 0 } }, line: 3 });
    expect(trace.outcome).toMatchObject({ status: "error", message: "invalid write of 4 bytes, 0 bytes after a block of 40 bytes allocated at line 2" });
    // one past the end is a reference with an offset equal to the block's size
    expect(trace.objects[`b${block.id}`]!.items!.length).toBe(10);
  });

  it("gives a recursive function one frame per call, each with its own variables, and their returns", () => {
    const src = `int fact(int n) {\n  if (n <= 1) return 1;\n  return n * fact(n - 1);\n}\nint main(void) {\n  int r = fact(3);\n  return 0;\n}\n`;
    const d = new Driver(src);
    d.call("main", 5, [{ name: "r", type: T.int }]);
    d.step(6);
    for (let n = 3; n >= 1; n--) {
      d.call("fact", 1, [{ name: "n", type: T.int }], { n });
      d.step(2);
      if (n > 1) d.step(3);
    }
    const deepest = d.rec["steps"].length - 1;
    const results = [1, 2, 6];
    d.ret(2, T.int, 1);
    d.step(3);
    d.ret(3, T.int, 2);
    d.step(3);
    d.ret(3, T.int, 6);
    d.set("r", 6);
    d.step(7);
    const end = d.rec["steps"].length - 1;
    d.ret(7, T.int, 0);
    const trace = d.end();
    const deep = stateAt(trace, deepest);
    expect(deep.frames.map((f) => f.name)).toEqual(["main", "fact", "fact", "fact"]);
    expect(deep.frames.slice(1).map((f) => v(f.vars.n))).toEqual(["3", "2", "1"]);
    expect(v(deep.frames[0]!.vars.r)).toBe("?");
    const addresses = deep.frames.map((f) => BigInt(f.address!));
    expect([...addresses].sort((a, b) => (a > b ? -1 : 1))).toEqual(addresses);
    const returned = trace.steps.filter((s) => s.event === "return" && s.returned).map((s) => v(s.returned));
    expect(returned.slice(0, 3)).toEqual(results.map(String));
    const after = stateAt(trace, end);
    expect(after.frames.map((f) => f.name)).toEqual(["main"]);
    expect(v(after.frames[0]!.vars.r)).toBe("6");
  });

  it("stores only what changed: a loop writing one int per step over a 1000-int block", () => {
    const src = `int main(void) {\n  int *a = malloc(1000 * sizeof *a);\n  for (int i = 0; i < 1000; i++)\n    a[i] = i;\n}\n`;
    const sizes: number[] = [];
    for (const n of [200, 1000]) {
      const d = new Driver(src);
      d.call("main", 1, [{ name: "a", type: pointerTo(T.int) }, { name: "i", type: T.int }]);
      d.step(2);
      d.set("a", d.malloc(4000, 2));
      d.step(3);
      for (let i = 0; i < n; i++) {
        d.set("i", i);
        d.step(4);
        d.storeAt(d.get("a") + BigInt(4 * i), T.int, i);
        d.step(3);
      }
      d.ret(5, T.int, 0);
      const trace = d.end();
      expect(trace.objects[r(stateAt(trace, 3).frames[0]!.vars.a)!]).toMatchObject({ type: "int[1000]", length: 1000 });
      sizes.push(JSON.stringify(trace).length);
      if (n === 1000) {
        const s = stateAt(trace, trace.steps.length - 2);
        const a = s.objects.get(r(s.frames[0]!.vars.a)!)!;
        expect(a.items!.slice(0, 3).map(v)).toEqual(["0", "1", "2"]);
      }
    }
    // 800 more iterations, two steps each: a bounded number of bytes per step
    const perStep = (sizes[1]! - sizes[0]!) / 1600;
    expect(perStep).toBeLessThan(200);
  });

  it("takes a scalar local's address: the variable becomes an object the pointer refers to", () => {
    const src = `int main(void) {\n  int x = 1;\n  int *p = &x;\n  *p = 5;\n}\n`;
    const d = new Driver(src);
    d.call("main", 1, [{ name: "x", type: T.int }, { name: "p", type: pointerTo(T.int) }]);
    d.set("x", 1);
    d.step(3);
    d.set("p", d.addr("x"));
    d.step(4);
    d.storeAt(d.get("p"), T.int, 5);
    d.step(5);
    const last = d.rec["steps"].length - 1;
    d.print("5\n");
    d.ret(5, T.int, 0);
    const trace = d.end();
    const s = stateAt(trace, last);
    const x = r(s.frames[0]!.vars.x)!;
    expect(r(s.frames[0]!.vars.p)).toBe(x);
    expect(s.objects.get(x)!.base.value).toBe("5");
    expect(trace.stdout).toBe("5\n");
    expect(trace.steps.find((step) => step.stdout)!.stdout).toBe("5\n");
  });

  it("shows an array local as a block and a pointer into its middle with an offset", () => {
    const src = `int main(void) {\n  int a[4] = {0};\n  int *p = a + 2;\n}\n`;
    const d = new Driver(src);
    d.call("main", 1, [{ name: "a", type: arrayOf(T.int, 4) }, { name: "p", type: pointerTo(T.int) }]);
    for (let i = 0; i < 4; i++) d.storeAt(d.addr("a") + BigInt(4 * i), T.int, 0);
    d.step(3);
    d.set("p", d.addr("a") + 8n);
    d.step(4);
    const last = d.rec["steps"].length - 1;
    d.ret(4, T.int, 0);
    const trace = d.end();
    const s = stateAt(trace, last);
    const a = s.objects.get(r(s.frames[0]!.vars.a)!)!;
    expect(a.base).toMatchObject({ type: "int[4]", shape: "block", size: 16 });
    expect(s.frames[0]!.vars.p).toEqual({ ref: a.id, offset: 8 });
  });
});

describe("the C Trace builder's heap calls and globals", () => {
  it("shows calloc's zeros, realloc in place and moved, and a global counter", () => {
    const src = `int count = 0;\nint main(void) {\n  int *a = calloc(2, sizeof *a);\n  a = realloc(a, 12);\n  int *b = malloc(8);\n  a = realloc(a, 400);\n  count = 3;\n}\n`;
    const d = new Driver(src);
    const [g] = placeGlobals(d.mem, [{ name: "count", type: T.int, line: 1 }]);
    d.call("main", 2, [{ name: "a", type: pointerTo(T.int) }, { name: "b", type: pointerTo(T.int) }]);
    d.set("a", d.calloc(2, 4, 3));
    d.step(4);
    const zeroed = d.rec["steps"].length - 1;
    const first = d.mem.heap!.blocks.values().next().value!;
    const grown = must(realloc(d.mem, d.get("a"), 12, 4));
    expect(grown.block).toBe(first);
    d.push({ kind: "realloc", from: first, to: grown.block, moved: false });
    d.set("a", grown.address);
    d.step(5);
    const inPlace = d.rec["steps"].length - 1;
    d.set("b", d.malloc(8, 5));
    d.step(6);
    const moved = must(realloc(d.mem, d.get("a"), 400, 6));
    expect(moved.block).not.toBe(first);
    d.push({ kind: "realloc", from: first, to: moved.block, moved: true });
    d.push({ kind: "write", block: moved.block, offset: 0, size: 12 });
    d.set("a", moved.address);
    d.step(7);
    const afterMove = d.rec["steps"].length - 1;
    d.storeAt(BigInt(g!.address), T.int, 3);
    d.step(8);
    const last = d.rec["steps"].length - 1;
    d.ret(8, T.int, 0);
    const trace = d.end();
    const id = `b${first.id}`;
    expect(stateAt(trace, zeroed).objects.get(id)!.items!.map(v)).toEqual(["0", "0"]);
    const s1 = stateAt(trace, inPlace).objects.get(id)!;
    expect(s1.size).toBe(12);
    expect(s1.items!.map(v)).toEqual(["0", "0", "?"]);
    const s2 = stateAt(trace, afterMove);
    expect(s2.objects.has(id)).toBe(false);
    const now = s2.objects.get(r(s2.frames[0]!.vars.a)!)!;
    expect(now.base).toMatchObject({ type: "int[100]", size: 400, usable: 408 });
    expect(now.items!.slice(0, 4).map(v)).toEqual(["0", "0", "?", "?"]);
    expect(s2.liveBytes).toBe(408);
    const counter = trace.objects[`g${g!.id}`]!;
    expect(counter).toMatchObject({ type: "int", shape: "scalar", origin: "static", name: "count", value: "0", createdAt: 0 });
    expect(stateAt(trace, last).objects.get(`g${g!.id}`)!.base.value).toBe("3");
  });
});
