/**
 * The tracer's doorbells (memsim_tracer/bells.py) are two classes any program can find through
 * `object.__subclasses__()`. During a run their `tp_hash` slot is the host's: a program must not
 * be able to put a `__hash__` of its own there (which would run inside the tracer), make an
 * object of its own ring them, or subclass them, and its Trace stays right whatever it tries.
 */
import { describe, expect, it } from "vitest";
import { sharedPythonEngine } from "../../src/runners/python/index.js";

const ATTACK = `
bells = [c for c in object.__subclasses__() if "Bell" in c.__name__]
print(len(bells))
for c in bells:
    attempts = [
        ("new", lambda: c()),
        ("hash", lambda: setattr(c, "__hash__", lambda self: 0)),
        ("subclass", lambda: type("Mine", (c,), {})),
        ("object.__new__", lambda: object.__new__(c)),
        ("class", lambda: setattr(Plain(), "__class__", c)),
    ]
    for name, attempt in attempts:
        try:
            attempt()
            print(c.__name__, name, "allowed")
        except TypeError:
            print(c.__name__, name, "refused")
x = 12345678
x = x + 1
`;


describe("the tracer's doorbells", () => {
  it("cannot be changed, subclassed, made again or taken on by a program's object", async () => {
    const engine = await sharedPythonEngine();
    const trace = engine.run(`class Plain:\n    __slots__ = ()\n${ATTACK}`, { maxSteps: 5_000 });
    expect(trace.outcome.status).toBe("finished");
    const lines = trace.stdout.trim().split("\n");
    expect(lines[0]).toBe("2");
    expect(lines.slice(1).filter((l) => l.endsWith("refused"))).toHaveLength(10);
    expect(lines.filter((l) => l.endsWith("allowed"))).toEqual([]);
    // and the run's own Trace is still right: x's last value, with the one before it freed
    const last = trace.steps.at(-1)!.events.find((e) => e.kind === "rebind" && e.name === "x");
    expect(last?.kind === "rebind" && last.to && "ref" in last.to ? trace.objects[last.to.ref]?.value : undefined).toBe("12345679");
  });
});
