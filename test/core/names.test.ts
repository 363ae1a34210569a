/** The replay's index of names answers as a walk of every frame would, at every step. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keepState, replay } from "../../src/core/state.js";
import { namesOf } from "../../src/explain/index.js";
import { engine } from "../helpers.js";

const examples = join(import.meta.dirname, "..", "..", "assets", "examples");
const extra = {
  aliases: "a = [1]\nb = a\ndef f(x):\n    y = x\n    c = x\n    return y\nz = f(a)\ndel b\nb = z\n",
  closure: "def make():\n    n = []\n    def add(v):\n        n.append(v)\n        return n\n    return add\nadd = make()\nr = add(1)\ns = r\n",
};

describe("the replay's index of names", () => {
  it("gives the names a walk of the frames gives, innermost first, for every object at every step", async () => {
    const e = await engine();
    const sources = [...readdirSync(examples).filter((n) => n.endsWith(".py")).map((n) => readFileSync(join(examples, n), "utf8")), ...Object.values(extra)];
    let checked = 0;
    for (const source of sources) {
      const trace = e.run(source);
      for (const state of replay(trace)) {
        const walked = keepState(state);
        expect(walked.names).toBeUndefined();
        const refs = new Set<string>();
        for (const f of state.frames) for (const slot of Object.values(f.vars)) if ("ref" in slot) refs.add(slot.ref);
        for (const ref of refs) {
          expect(namesOf(state, ref)).toEqual(namesOf(walked, ref));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});
