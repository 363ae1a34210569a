/**
 * Teaching cards for `/memsim explain`: one per concept of the reference text, each with a
 * small live example whose diagram is drawn from a real run (never a stored picture).
 * The cards' words are in the catalog under `chat.topic.<id>.*`.
 */
import type { TopicId } from "../../commands/memsim.js";
import { stackDepths } from "../core/state.js";
import type { Trace } from "../core/trace.js";

/** Marks a Python program in TypeScript source (identity: it only names what the text is). */
export function py(strings: TemplateStringsArray): string {
  return strings.raw.join("").replace(/^\n/, "");
}

/** Which step of the example the card draws. */
export type Pick = "last" | "deepest" | "firstFree" | { line: number };

export interface Topic {
  id: TopicId;
  program: string;
  pick: Pick;
  /** "heap": every value drawn as its own heap object, for cards whose words say that a
   * frame holds names only (small values written in their slot would say otherwise) */
  values?: "heap";
}

export const TOPIC_CARDS: Record<TopicId, Topic> = {
  stack: {
    id: "stack",
    values: "heap",
    pick: "deepest",
    program: py`
def square(n):
    result = n * n
    return result

side = 12
area = square(side)
`,
  },
  heap: {
    id: "heap",
    values: "heap",
    pick: "last",
    program: py`
numbers = [10, 20, 30]
name = "ada lovelace"
point = {"x": 3, "y": 4}
alias = numbers
`,
  },
  "call-stack": {
    id: "call-stack",
    pick: "deepest",
    program: py`
def countdown(n):
    if n == 0:
        return "liftoff"
    return countdown(n - 1)

message = countdown(3)
`,
  },
  refcount: {
    id: "refcount",
    pick: "firstFree",
    program: py`
box = [1, 2, 3]
other = box
box = None
other = None
`,
  },
  gc: {
    id: "gc",
    pick: "firstFree",
    program: py`
import gc

def make_cycle():
    a = []
    b = [a]
    a.append(b)

make_cycle()
collected = gc.collect()
`,
  },
  "private-heap": {
    id: "private-heap",
    values: "heap",
    pick: "last",
    program: py`
count = 300
words = ["stack", "heap"]
pair = (count, words)
`,
  },
  slicing: {
    id: "slicing",
    pick: { line: 2 },
    program: py`
data = [0, 1, 2, 3, 4, 5, 6, 7]
part = data[2:6]
total = sum(data[2:6])
`,
  },
  "string-building": {
    id: "string-building",
    pick: "last",
    program: py`
parts = ["mem", "o", "ry"]
text = ""
for p in parts:
    text += p
joined = "".join(parts)
`,
  },
  generators: {
    id: "generators",
    pick: { line: 2 },
    program: py`
numbers = list(range(1000))
lazy = (n * n for n in range(1000))
first = next(lazy)
`,
  },
  libraries: {
    id: "libraries",
    pick: "last",
    program: py`
from collections import Counter

words = ["red", "blue", "red", "green", "red"]
counts = Counter(words)
top = counts.most_common(1)
`,
  },
};

/** The step a card draws for its example run. */
export function pickStep(trace: Trace, pick: Pick): number {
  const steps = trace.steps;
  if (steps.length === 0) return 0;
  if (pick === "last") return steps.length - 1;
  if (pick === "deepest") {
    let best = 0;
    const depths = stackDepths(trace);
    depths.forEach((d, i) => {
      if (d >= depths[best]!) best = i;
    });
    return best;
  }
  if (pick === "firstFree") {
    const i = steps.findIndex((s) => s.events.some((e) => e.kind === "free"));
    return i >= 0 ? i : steps.length - 1;
  }
  const i = steps.findIndex((s) => s.line === pick.line);
  return i >= 0 ? i : steps.length - 1;
}
