import { describe, expect, it } from "vitest";
import { T, arrayOf, pointerTo, type CType, type EnumType, type Member, type RecordType } from "../../../../src/runners/c/types.js";
import { alignOf, isLayoutError, memberOf, recordLayout, sizeOf, type RecordLayout } from "../../../../src/runners/c/memory/layout.js";
import { fillBytes, loadBits, readBytes, storeBits } from "../../../../src/runners/c/memory/access.js";
import { pushFrame } from "../../../../src/runners/c/memory/frames.js";
import { createMemory, isFault } from "../../../../src/runners/c/memory/memory.js";
import { gccRun } from "./gcc.js";

// every scalar type, as C spells it
const SCALARS: [string, CType][] = [
  ["_Bool", T.bool], ["char", T.char], ["signed char", T.signedChar], ["unsigned char", T.unsignedChar],
  ["short", T.short], ["unsigned short", T.unsignedShort], ["int", T.int], ["unsigned int", T.unsignedInt],
  ["long", T.long], ["unsigned long", T.unsignedLong], ["long long", T.longLong], ["unsigned long long", T.unsignedLongLong],
  ["float", T.float], ["double", T.double], ["long double", T.longDouble], ["void *", pointerTo(T.void)],
  ["char **", pointerTo(pointerTo(T.char))], ["int (*)(int)", pointerTo({ kind: "function", returns: T.int, params: [{ type: T.int }], variadic: false })],
  ["size_t", T.sizeT], ["char *", pointerTo(T.char)], ["int [7]", arrayOf(T.int, 7)], ["double [2][3]", arrayOf(arrayOf(T.double, 3), 2)],
];

const enums: [string, EnumType][] = [
  ["enum e1", { kind: "enum", tag: "e1", constants: [{ name: "A1", value: 0n }, { name: "B1", value: 1n }] }],
  ["enum e2", { kind: "enum", tag: "e2", constants: [{ name: "A2", value: -1n }, { name: "B2", value: 5n }] }],
  ["enum e3", { kind: "enum", tag: "e3", constants: [{ name: "A3", value: 4294967295n }] }],
  ["enum e4", { kind: "enum", tag: "e4", constants: [{ name: "A4", value: 4294967296n }] }],
  ["enum e5", { kind: "enum", tag: "e5", constants: [{ name: "A5", value: -3000000000n }] }],
];

// A member: [type as C, name, bits?] ; a type "T[n]" is an array, "T[]" a flexible array member
type Decl = [string, string, number?];
const records: { kind: "struct" | "union"; tag: string; members: Decl[] }[] = [];
const named = new Map<string, CType>([...SCALARS, ...enums]);
const S = (tag: string, ...members: Decl[]) => records.push({ kind: "struct", tag, members });
const U = (tag: string, ...members: Decl[]) => records.push({ kind: "union", tag, members });

S("s1", ["char", "c"], ["int", "i"]);
S("s2", ["char", "c"], ["double", "d"], ["char", "e"]);
S("s3", ["int", "i"], ["char", "c"]);
S("s4", ["char", "a"], ["char", "b"], ["short", "s"], ["char", "c"]);
S("s5", ["char", "c"], ["long double", "ld"]);
S("s6", ["struct s2", "inner"], ["char", "tail"]);
S("s7", ["char", "c"], ["struct s1[3]", "arr"]);
S("s8", ["int", "n"], ["double[]", "d"]);
S("s9", ["char", "c"], ["int[]", "rest"]);
S("s10", ["short", "s"], ["char[3]", "name"], ["long", "l"]);
S("s11", ["_Bool", "b"], ["float", "f"], ["_Bool", "b2"]);
S("s12", ["char *", "p"], ["char", "c"]);
S("s13", ["struct s13 *", "next"], ["int", "value"]);
S("s14", ["enum e1", "e"], ["char", "c"], ["enum e4", "big"]);
S("s15", ["unsigned int", "a", 3], ["unsigned int", "b", 5], ["unsigned int", "c", 30]);
S("s16", ["char", "c"], ["int", "x", 4], ["int", "y", 28], ["char", "d"]);
S("s17", ["unsigned char", "a", 7], ["unsigned char", "b", 2]);
S("s18", ["int", "a", 3], ["int", "", 0], ["int", "b", 3]);
S("s19", ["char", "c"], ["long", "l", 40], ["long", "m", 30]);
S("s20", ["short", "a", 9], ["short", "b", 9], ["char", "c"]);
S("s21", ["char", "a"], ["int", "", 5], ["char", "b"]);
S("s22", ["char", "a", 3], ["long long", "b", 3]);
S("s23", ["_Bool", "f", 1], ["unsigned", "g", 1], ["short", "h"]);
S("s24", ["char", "c"], ["char", "", 0], ["char", "d"]);
U("u1", ["char", "c"], ["int", "i"], ["double", "d"]);
U("u2", ["char[5]", "s"], ["short", "h"]);
U("u3", ["int", "a", 3], ["char", "b"]);
U("u4", ["long double", "ld"], ["char", "c"]);
U("u5", ["struct s3", "s"], ["char[9]", "b"]);
S("s25", ["char", "tag"], ["union u1", "v"]);
S("s26", ["union u2[2]", "pair"], ["char", "x"]);
S("s27", ["double[2][3]", "m"], ["char", "c"]);
S("s28", ["char", "c"], ["struct s28 *[2]", "kids"], ["short", "n"]);
S("s29", ["long double[2]", "ld"], ["char", "c"]);
S("s30", ["int (*)(int)", "fp"], ["char", "c"]);
S("s31", ["char", "c"], ["union u3", "u"], ["char", "d"]);
S("s32", ["struct s15", "bits"], ["char", "after"]);
U("u6", ["unsigned", "a", 20], ["unsigned short", "b", 3]);
S("s33", ["char", "a"], ["struct s8", "fam"]);
S("s34", ["char", "a"], ["char", "b"], ["char", "c"]);

/** "int[3]" → element "int" and [3]; "double[2][3]" → [2, 3]; "T[]" → [undefined] */
function parse(text: string): CType {
  const m = /^(.*?)((\[\d*\])+)$/.exec(text);
  if (!m) {
    const t = named.get(text.trim()) ?? named.get(text.replace(/unsigned$/, "unsigned int"));
    if (!t) throw new Error(`unknown type ${text}`);
    return t;
  }
  const dims = [...m[2]!.matchAll(/\[(\d*)\]/g)].map((d) => (d[1] === "" ? undefined : Number(d[1])));
  let t = parse(m[1]!);
  for (const d of dims.reverse()) t = arrayOf(t, d);
  return t;
}

for (const r of records) {
  const rec: RecordType = { kind: r.kind, tag: r.tag };
  named.set(`${r.kind} ${r.tag}`, rec);
  named.set(`${r.kind} ${r.tag} *`, pointerTo(rec));
  named.set(`${r.kind} ${r.tag} *[2]`, arrayOf(pointerTo(rec), 2));
  rec.members = r.members.map(([type, name, bits]): Member => (bits === undefined ? { name, type: parse(type) } : { name, type: parse(type), bits }));
}

const decl = ([type, name, bits]: Decl): string => {
  const arr = /^(.*?)((\[\d*\])+)$/.exec(type);
  const fp = /\(\*\)/.test(type);
  const text = fp ? type.replace("(*)", `(*${name})`) : arr ? `${arr[1]} ${name}${arr[2]}` : `${type} ${name}`;
  return `${text}${bits === undefined ? "" : ` : ${bits}`};`;
};

const SET = (type: string): string => (type === "_Bool" ? "1" : /unsigned/.test(type) ? "6" : "-3");

function program(): string {
  const lines = ["#include <stdio.h>", "#include <stddef.h>", "#include <string.h>", "#include <stdalign.h>"];
  lines.push(...enums.map(([, e]) => `enum ${e.tag} { ${e.constants.map((c) => `${c.name} = ${c.value}${c.value > 2147483647n || c.value < -2147483648n ? "L" : ""}`).join(", ")} };`));
  lines.push(...records.map((r) => `${r.kind} ${r.tag} { ${r.members.map(decl).join(" ")} };`));
  lines.push("static void bytes(const char *what, const unsigned char *p, size_t n) { printf(\"%s\", what); for (size_t i = 0; i < n; i++) printf(\" %02x\", p[i]); printf(\"\\n\"); }");
  lines.push("int main(void) {");
  for (const [c] of [...SCALARS, ...enums]) lines.push(`  printf("type ${c} %zu %zu\\n", sizeof(${c}), alignof(${c}));`);
  for (const r of records) {
    const name = `${r.kind} ${r.tag}`;
    lines.push(`  printf("type ${name} %zu %zu\\n", sizeof(${name}), alignof(${name}));`);
    for (const [type, m, bits] of r.members) {
      if (m === "") continue;
      if (bits === undefined) lines.push(`  printf("member ${name}.${m} %zu\\n", offsetof(${name}, ${m}));`);
      else {
        lines.push(`  { ${name} v; memset(&v, 0, sizeof v); v.${m} = ${type === "_Bool" ? 1 : -1}; bytes("bits ${name}.${m}", (const unsigned char *)&v, sizeof v); }`);
        // a value written over a 0xa5 pattern: the bits around it stay, and it reads back as gcc reads it
        lines.push(`  { ${name} v; memset(&v, 0xa5, sizeof v); v.${m} = ${SET(type)}; printf("set ${name}.${m} %lld", (long long)v.${m}); bytes("", (const unsigned char *)&v, sizeof v); }`);
      }
    }
  }
  lines.push("  return 0;", "}");
  return lines.join("\n");
}

/** Writes a bit-field over a 0xa5 pattern in memory and reads it back, as the C program does. */
function viaMemory(layout: RecordLayout, name: string, value: number): string {
  const f = layout.members.find((x) => x.name === name)!;
  const mem = createMemory();
  const frame = pushFrame(mem, "main", [{ name: "v", type: arrayOf(T.char, layout.size) }]);
  if (isFault(frame)) throw new Error("no frame");
  const at = BigInt(frame.locals[0]!.address);
  fillBytes(mem, at, 0xa5, layout.size);
  const bits = { bitOffset: f.bitOffset!, bits: f.bits!, type: f.type };
  if (storeBits(mem, at, bits, value)) throw new Error("fault");
  const back = loadBits(mem, at, bits);
  if (isFault(back)) throw new Error("fault");
  const bytes = readBytes(mem, at, layout.size);
  if (isFault(bytes)) throw new Error("fault");
  return `${back.value}${[...bytes.bytes].map((x) => ` ${x.toString(16).padStart(2, "0")}`).join("")}`;
}

function mask(layout: RecordLayout, name: string): string {
  const m = layout.members.find((x) => x.name === name)!;
  const out = new Uint8Array(layout.size);
  for (let b = m.bitOffset!; b < m.bitOffset! + m.bits!; b++) out[b >> 3]! |= 1 << (b & 7);
  return [...out].map((x) => ` ${x.toString(16).padStart(2, "0")}`).join("");
}

describe("members of anonymous structs and unions", () => {
  it("finds them with the enclosing member's offset added", () => {
    // struct { char tag; union { int i; double d; }; char after; } as gcc lays it out: d at 8, after at 16
    const inner: RecordType = { kind: "union", members: [{ name: "i", type: T.int }, { name: "d", type: T.double }] };
    const outer: RecordType = { kind: "struct", tag: "tagged", members: [{ name: "tag", type: T.char }, { name: "", type: inner }, { name: "after", type: T.char }] };
    expect(memberOf(outer, "d")).toMatchObject({ offset: 8, size: 8 });
    expect(memberOf(outer, "after")).toMatchObject({ offset: 16 });
    expect(sizeOf(outer)).toBe(24);
    expect(memberOf(outer, "nope")).toBeUndefined();
  });
});

describe("layout against gcc on x86-64", () => {
  const printed = gccRun(program()).trim().split("\n");

  it(`gives gcc's sizeof, _Alignof, offsetof, bit positions and bit-field values for ${SCALARS.length + enums.length} types and ${records.length} records`, () => {
    expect(records.length).toBeGreaterThanOrEqual(30);
    const ours: string[] = [];
    for (const [c, t] of [...SCALARS, ...enums]) ours.push(`type ${c} ${sizeOf(t)} ${alignOf(t)}`);
    for (const r of records) {
      const name = `${r.kind} ${r.tag}`;
      const rec = named.get(name) as RecordType;
      const l = recordLayout(rec);
      if (isLayoutError(l)) throw new Error(`${name}: ${l.reason}`);
      ours.push(`type ${name} ${l.size} ${l.align}`);
      for (const [, m, bits] of r.members) {
        if (m === "") continue;
        if (bits === undefined) ours.push(`member ${name}.${m} ${l.members.find((x) => x.name === m)!.offset}`);
        else {
          ours.push(`bits ${name}.${m}${mask(l, m)}`);
          ours.push(`set ${name}.${m} ${viaMemory(l, m, Number(SET(r.members.find((x) => x[1] === m)![0])))}`);
        }
      }
    }
    // field by field, so a difference names its line
    expect(ours.length).toBe(printed.length);
    for (let i = 0; i < ours.length; i++) expect(ours[i]).toBe(printed[i]);
  });

  it("reports padding bytes, and a clear error for incomplete types, functions and misplaced flexible arrays", () => {
    const l = recordLayout(named.get("struct s2") as RecordType) as RecordLayout;
    expect(l.padding).toEqual([{ offset: 1, size: 7 }, { offset: 17, size: 7 }]);
    expect(sizeOf({ kind: "struct", tag: "later" })).toMatchObject({ kind: "layout-error", reason: "incomplete", type: "struct later" });
    expect(sizeOf({ kind: "function", returns: T.int, params: [], variadic: false })).toMatchObject({ reason: "function" });
    expect(sizeOf(T.void)).toMatchObject({ reason: "void" });
    expect(sizeOf(arrayOf(T.int))).toMatchObject({ reason: "unsized-array" });
    const bad: RecordType = { kind: "struct", tag: "bad", members: [{ name: "a", type: arrayOf(T.int) }, { name: "b", type: T.int }] };
    expect(recordLayout(bad)).toMatchObject({ reason: "flexible-not-last", member: "a" });
    expect(recordLayout({ kind: "struct", tag: "b", members: [{ name: "f", type: T.bool, bits: 2 }] })).toMatchObject({ reason: "bad-bit-field", member: "f" });
    expect(recordLayout({ kind: "struct", tag: "w", members: [{ name: "f", type: T.int, bits: 33 }] })).toMatchObject({ reason: "bad-bit-field" });
    expect(recordLayout({ kind: "struct", tag: "d", members: [{ name: "f", type: T.double, bits: 3 }] })).toMatchObject({ reason: "bad-bit-field" });
    const holey: RecordType = { kind: "struct", tag: "h", members: [{ name: "in", type: { kind: "struct", tag: "never" } }] };
    expect(sizeOf(holey)).toMatchObject({ reason: "incomplete", member: "in" });
  });
});
