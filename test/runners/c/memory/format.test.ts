import { describe, expect, it } from "vitest";
import { argKinds, formatPrintf, parseFormat, type FormatArg } from "../../../../src/runners/c/memory/format.js";
import { gccRun } from "./gcc.js";

/** A printf case: the format, and each argument as C writes it and as memsim holds it. */
interface Case {
  fmt: string;
  args: { c: string; v: FormatArg }[];
}

const cases: Case[] = [];
const add = (fmt: string, ...args: { c: string; v: FormatArg }[]) => cases.push({ fmt, args });
const int = (v: number) => ({ c: `(int)(${v})`, v });
const long = (v: bigint, type = "long") => ({ c: v === -9223372036854775808n ? `(${type})(-9223372036854775807LL - 1)` : `(${type})(${v}${v > 9223372036854775807n ? "ULL" : "LL"})`, v });
const dbl = (v: number) => ({ c: Number.isNaN(v) ? "NAN" : v === Infinity ? "INFINITY" : v === -Infinity ? "-INFINITY" : Object.is(v, -0) ? "-0.0" : `(double)(${String(v)})`, v });
const str = (v: string | null) => ({ c: v === null ? "(char *)0" : JSON.stringify(v), v });
const ptr = (v: bigint) => ({ c: `(void *)${v}UL`, v });

for (const f of ["%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%8.3d", "%-8.3d|", "%+05d", "%.0d", "%x", "%#x", "%X", "%#X", "%o", "%#o", "%u", "%08x", "%#010x", "%hhd", "%hd", "%hhu", "%hu", "%#.0o", "%-+6d|", "% 06d"])
  for (const v of [0, 1, -1, 42, -42, 2147483647, -2147483648, 255, 65535, 123456789]) add(f, int(v));
for (const f of ["%ld", "%lu", "%lld", "%llu", "%zu", "%lx", "%#lo", "%20ld", "%-22lu|", "%+ld", "%.25ld", "%zd", "%lX"])
  for (const v of [0n, -1n, 7n, 9223372036854775807n, -9223372036854775808n, 4294967296n]) add(f, long(v));
for (const v of [18446744073709551615n, 12345678901234567890n]) for (const f of ["%lu", "%lx", "%zu", "%llo"]) add(f, long(v, "unsigned long"));
const doubles = [0, -0, 1, -1, 0.5, 1.5, 2.5, -2.5, 3.14159265358979, 1e-5, 1e-4, 0.0001234, 123456789.0, 1e21, 1.7976931348623157e308, 5e-324, 0.1, 2 / 3, 1e100, 100000, 999999.5, 9.9999995, 0.125, 1234567.0, 0.000999999, Infinity, -Infinity, NaN];
for (const f of ["%f", "%.0f", "%.2f", "%10.3f", "%-10.1f|", "%+f", "%e", "%.0e", "%.3e", "%E", "%g", "%.0g", "%.3g", "%10g", "%#g", "%G", "%+.2e", "%010.2f", "% f", "%#.0f", "%.15g", "%.17g", "%#.0e", "%F", "%-12.4g|", "%.1f", "%.10e"])
  for (const v of doubles) add(f, dbl(v));
for (const f of ["%#g", "%#.3g", "%#.2g", "%#.1g", "%#.0g", "%g", "%.3g", "%#.3e"])
  for (const v of [999999.5, 9999995.0, 999.5, 99999.95, 9.96, 0.99999995, 999999.4, 9999999.0, 99.96, 0.000099999995, 1e6, 999999.51]) add(f, dbl(v));
for (const f of ["%s", "%10s", "%-10s|", "%.3s", "%10.2s", "%.0s", "%-3.1s|"]) for (const v of ["hello", "", "a longer string", null]) add(f, str(v));
for (const f of ["%c", "%3c", "%-3c|"]) for (const v of [65, 97, 48, 321]) add(f, int(v));
for (const f of ["%p", "%20p", "%-20p|", "%5p"]) for (const v of [0n, 0x5555555592a0n, 0x7ffcd3a0f2a0n]) add(f, ptr(v));
for (const f of ["%05s", "%-05s|", "%+s", "% 8s"]) add(f, str("ab"));
for (const f of ["%05c", "%+c"]) add(f, int(66));
for (const f of ["%020p", "%-020p|", "%+p", "% p", "%.4p", "%#p", "%020p", "%8.2p"]) for (const v of [0n, 0xabcn]) add(f, ptr(v));
for (const f of ["%#5x", "%#.3x", "%+u", "% u", "%+x", "%#o", "%-#8o|", "%#08o", "%.0x", "%#.0x", "%-+08d|"]) for (const v of [0, 10]) add(f, int(v));
for (const f of ["%08.3f", "%-08.3f|", "%+08.2e", "%08g", "%08f", "%-8f|", "% 08.1f", "%+.0f"]) for (const v of [-1.5, Infinity, NaN, 0]) add(f, dbl(v));
add("%*d", int(5), int(42));
add("%-*d|", int(6), int(42));
add("%*d|", int(-6), int(42));
add("%.*f", int(2), dbl(3.14159));
add("%.*f", int(-1), dbl(3.14));
add("%*.*s|", int(8), int(3), str("abcdef"));
add("%d%%", int(50));
add("100%% sure, %s!", str("yes"));
add("a=%d b=%5.2f c=%s d=%c e=%lu f=%p", int(1), dbl(2.5), str("x"), int(100), long(8n, "unsigned long"), ptr(0x10n));
add("no conversions at all");

function cProgram(): string {
  const lines = cases.map((k) => `  printf("[" ${JSON.stringify(k.fmt)} "]\\n"${k.args.map((a) => `, ${a.c}`).join("")});`);
  return ["#include <stdio.h>", "#include <math.h>", "int main(void) {", ...lines, "  return 0;", "}"].join("\n");
}

describe("printf formatting against glibc", () => {
  const printed = gccRun(cProgram()).split("\n").slice(0, -1);

  it(`formats ${cases.length} format/argument cases exactly as glibc's printf`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(printed.length).toBe(cases.length);
    // every difference at once, each with its format and arguments
    const differ = cases.flatMap((k, i) => {
      const ours = `[${formatPrintf(k.fmt, k.args.map((a) => a.v))}]`;
      return ours === printed[i] ? [] : [`${k.fmt} (${k.args.map((a) => a.c).join(", ")}): ours ${ours}, glibc ${printed[i]}`];
    });
    expect(differ).toEqual([]);
  });

  it("names what each argument is read as, and reports a missing or wrong argument as a value", () => {
    expect(argKinds(parseFormat("%*.*s %ld %c %p %g %%"))).toEqual(["int", "int", "string", "long", "int", "pointer", "double"]);
    expect(formatPrintf("%d and %d", [1])).toEqual({ kind: "format-error", reason: "missing-argument", index: 1 });
    expect(formatPrintf("%s", [5])).toEqual({ kind: "format-error", reason: "wrong-argument", index: 0 });
  });
});
