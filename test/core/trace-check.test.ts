/**
 * The hand-written check of a Trace (src/core/trace-check.ts) against the schema it stands in for
 * (`Trace.parse`): on every example and truth program's Trace, in the compact form the tracer
 * writes and in the full form, and on thousands of seeded random breakages of them, both accept
 * the same inputs, give back deep-equal Traces, and refuse at the same place with the same words.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { Trace } from "../../src/core/trace.js";
import { checkTrace, safeCheckTrace } from "../../src/core/trace-check.js";
import { engine } from "../helpers.js";
import { OUTCOMES, breakages, everyField, mutate, places, random } from "./trace-mutations.js";

const root = join(import.meta.dirname, "../..");
const programs = ["assets/examples", "test/truth/programs"].flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith(".py"))
    .sort()
    .map((f) => join(dir, f)),
);
const LIMITS = { maxSteps: 20_000, timeLimitMs: 60_000 };
const MUTATIONS = 2000;

interface Form {
  name: string;
  json: string;
}
let forms: Form[] = [];

beforeAll(async () => {
  const e = await engine();
  forms = programs.flatMap((p) => {
    const compact = e.runJson(readFileSync(join(root, p), "utf8"), LIMITS);
    const full = JSON.stringify(Trace.parse(JSON.parse(compact)));
    return [
      { name: `${p} (compact)`, json: compact },
      { name: `${p} (full)`, json: full },
    ];
  });
  for (const o of OUTCOMES) forms.push({ name: `every field, ${o.status}`, json: JSON.stringify(everyField(o)) });
}, 300_000);

/** Both checks on their own copies of one input (each works in place). */
function both(input: unknown): { zod: ReturnType<typeof Trace.safeParse>; hand: ReturnType<typeof safeCheckTrace> } {
  return { zod: Trace.safeParse(structuredClone(input)), hand: safeCheckTrace(structuredClone(input)) };
}

function agree(input: unknown, what: string): boolean {
  const { zod, hand } = both(input);
  expect(hand.success, `${what}: zod ${zod.success ? "accepts" : `refuses (${zod.error?.issues[0]?.message} at ${JSON.stringify(zod.error?.issues[0]?.path)})`}`).toBe(zod.success);
  if (zod.success && hand.success) expect(hand.data, what).toStrictEqual(zod.data);
  if (!zod.success && !hand.success) {
    const [a, b] = [zod.error.issues[0]!, hand.error.issues[0]!];
    expect({ code: b.code, path: b.path, message: b.message }, `${what}: first problem`).toEqual({ code: a.code, path: a.path, message: a.message });
  }
  return zod.success;
}

describe("checkTrace", () => {
  it("reads every example and truth program's Trace, in both forms, as Trace.parse does", () => {
    expect(forms.length).toBe(programs.length * 2 + OUTCOMES.length);
    for (const f of forms) expect(agree(JSON.parse(f.json), f.name), f.name).toBe(true);
  });

  it(`agrees with Trace.parse on ${MUTATIONS} seeded random breakages`, () => {
    let accepted = 0;
    for (let seed = 1; seed <= MUTATIONS; seed++) {
      const rnd = random(seed);
      const f = forms[Math.floor(rnd() * forms.length)]!;
      const raw = JSON.parse(f.json) as Record<string, unknown>;
      const done = mutate(raw, rnd);
      if (agree(raw, `seed ${seed}, ${f.name}: ${done.join("; ")}`)) accepted++;
    }
    // the breakages reach both answers: stripped extra keys and optional keys removed pass
    expect(accepted).toBeGreaterThan(MUTATIONS * 0.05);
    expect(accepted).toBeLessThan(MUTATIONS * 0.95);
  });

  it("agrees with Trace.parse on every way of breaking each place of the schema the Traces use", () => {
    // the smallest Trace that has each place, broken there in each way
    const bySize = [...forms].sort((a, b) => a.json.length - b.json.length);
    const seen = new Set<string>();
    let accepted = 0;
    let tried = 0;
    for (const f of bySize) {
      const raw = JSON.parse(f.json) as Record<string, unknown>;
      for (const [pattern, path] of places(raw)) {
        if (seen.has(pattern)) continue;
        seen.add(pattern);
        for (const [what, broken] of breakages(raw, path)) {
          tried++;
          if (agree(broken, `${f.name}, ${what}`)) accepted++;
        }
      }
    }
    expect(seen.size).toBeGreaterThan(150);
    expect(accepted).toBeGreaterThan(tried * 0.05);
    expect(accepted).toBeLessThan(tried * 0.95);
  });

  const base = () => JSON.parse(forms.find((f) => f.name.includes("(full)"))!.json) as Record<string, any>;

  it.each([
    ["a negative size", (t: any) => (Object.values(t.objects)[0] as any).size = -8, ["objects"]],
    ["a float for an int", (t: any) => (t.steps[0].line = 1.5), ["steps", 0, "line"]],
    ["an unknown shape", (t: any) => ((Object.values(t.objects)[0] as any).shape = "tuple"), ["objects"]],
    ["an unknown event kind", (t: any) => (t.steps[0].events = [{ kind: "nap" }]), ["steps", 0, "events", 0, "kind"]],
    ["null for a step", (t: any) => (t.steps[0] = null), ["steps", 0]],
    ["an array for the objects", (t: any) => (t.objects = []), ["objects"]],
    ["a slot with an extra key", (t: any) => (t.steps[0].returned = { ref: "o1", extra: 1 }), ["steps", 0, "returned"]],
    ["a missing outcome", (t: any) => delete t.outcome, ["outcome"]],
    ["another schema version", (t: any) => (t.schemaVersion = 1), ["schemaVersion"]],
    ["a display without its text", (t: any) => (t.display = { ref: "o1" }), ["display", "text"]],
    ["a display whose text is a number", (t: any) => (t.display = { text: 2 }), ["display", "text"]],
    ["a display whose ref is not a string", (t: any) => (t.display = { text: "2", ref: 1 }), ["display", "ref"]],
    ["a display that is a string", (t: any) => (t.display = "[1, 2]"), ["display"]],
    ["a stderr part that ends before 0", (t: any) => (t.stderrParts = [{ start: 0, end: -1 }]), ["stderrParts", 0, "end"]],
    ["a stderr part without its start", (t: any) => (t.stderrParts = [{ end: 3 }]), ["stderrParts", 0, "start"]],
    ["stderr parts as pairs", (t: any) => (t.stderrParts = [[0, 3]]), ["stderrParts", 0]],
  ])("refuses %s and says where, as a ZodError", (_, breakIt, prefix) => {
    const t = base();
    breakIt(t);
    expect(agree(t, String(_))).toBe(false);
    let error: unknown;
    try {
      checkTrace(structuredClone(t));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(z.ZodError);
    const issue = (error as z.ZodError).issues[0]!;
    expect(issue.path.slice(0, prefix.length)).toEqual(prefix);
    expect(issue.message).toMatch(/\w/);
  });

  it("takes a display with or without its ref, and strips its unknown keys", () => {
    for (const display of [{ text: "[1, 2]", ref: "o1" }, { text: "2" }, { text: "", ref: "o9", extra: true }]) {
      const t = base();
      t.display = display;
      expect(agree(t, JSON.stringify(display))).toBe(true);
    }
  });

  it("strips unknown keys in place, as zod leaves them out", () => {
    const t = base();
    t.extra = 1;
    t.steps[0].note = "x";
    Object.defineProperty(t.runtime, "__proto__", { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
    const out = checkTrace(t) as unknown as Record<string, any>;
    expect(out).toBe(t);
    expect("extra" in out || "note" in out.steps[0] || Object.hasOwn(out.runtime, "__proto__")).toBe(false);
    expect(out.runtime.polluted).toBeUndefined();
  });
});
