/**
 * Render figures: time to lay out and encode one PNG of a program's last step (median and p95,
 * in ms), with how many objects the heap had and how many the diagram drew, and to make the GIF
 * of a 100-step run, with the bytes produced.
 */
import { stateAt, type Trace } from "../src/core/index.js";
import { layoutStep, renderGif, renderStepPng } from "../src/render/index.js";
import { LIMITS } from "../src/render/options.js";
import { planReads } from "../src/render/regions.js";
import { createSessionLayer } from "../src/session/index.js";
import { measure, percentile, round } from "./stats.js";

/**
 * CPU time of `fn` (this process's user + system time), median and p95 in ms: on a busy
 * machine wall-clock figures measure the neighbours too; CPU time measures the work.
 */
function cpu(fn: () => unknown, runs: number, warmup = 2): { cpuMedianMs: number; cpuP95Ms: number } {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t0);
    times.push((d.user + d.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return { cpuMedianMs: round(percentile(times, 50)), cpuP95Ms: round(percentile(times, 95)) };
}

const NODE_CLASS = [
  "class Node:",
  "    def __init__(self, k, label):",
  "        self.k = k",
  "        self.label = label",
  "",
];

/** A list of `n` instances in one name; each has an int and a short string (drawn in its slot). */
function oneList(n: number): string {
  return [...NODE_CLASS, `nodes = [Node(k, "node " + str(k)) for k in range(${n})]`, "last = nodes[-1]", ""].join("\n");
}

/**
 * `groups` names, each a list of 8 instances (all its rows drawn), each instance with a string
 * long enough to be drawn as an object of its own: more objects in reach than a diagram draws.
 */
function manyLists(groups: number): string {
  const lines = [...NODE_CLASS];
  for (let g = 0; g < groups; g++) lines.push(`group${g} = [Node(k, "node number " + str(k) + " of group ${g}") for k in range(8)]`);
  return [...lines, ""].join("\n");
}

/** Each case is named by the program it draws; how many objects its heap has and how many are drawn are measured. */
const PNG_CASES: [string, string][] = [
  ["a list of 2 instances", oneList(2)],
  ["a list of 15 instances (a list draws its first rows, the rest folded)", oneList(15)],
  ["a list of 65 instances (a list draws its first rows, the rest folded)", oneList(65)],
  ["6 lists of 8 instances, each with a long string (more objects in reach than a diagram draws)", manyLists(6)],
];

/** A loop that grows a list and a total: about 100 steps. */
const GIF_PROGRAM = ["items = []", "total = 0", "for i in range(32):", "    items.append(i * 3)", "    total += i", "print(total)", ""].join("\n");

function liveObjects(trace: Trace): number {
  return stateAt(trace, trace.steps.length - 1).objects.size;
}

export async function benchRender(): Promise<Record<string, unknown>> {
  const layer = createSessionLayer({ engine: "inline" });
  const run = async (source: string): Promise<Trace> => {
    const r = await layer.simulate(source, { language: "python" });
    if (!r.ok) throw new Error(r.error.code);
    return r.trace;
  };
  const png: Record<string, unknown>[] = [];
  for (const [label, source] of PNG_CASES) {
    const trace = await run(source);
    const step = trace.steps.length - 1;
    const layout = layoutStep(trace, step);
    const bytes = renderStepPng(trace, step).length;
    png.push({
      case: label,
      // live objects on the heap at the last step, and how many of them the diagram draws
      heapObjects: liveObjects(trace),
      drawnObjects: layout.objects.length,
      // what the diagram says it left out
      foldedObjects: layout.omitted.objects,
      size: `${layout.width}×${layout.height}`,
      pngBytes: bytes,
      // share of the canvas read back (the rest is known plain ground)
      readFraction: round(planReads(layout).reads.reduce((sum, r) => sum + r.w * r.h, 0) / (layout.width * layout.height)),
      // the step's state is rebuilt once and kept by the Trace's view (as for a reply): this is the layout itself
      layout: await measure(() => layoutStep(trace, step), 30, 5),
      layoutAndPng: { ...(await measure(() => renderStepPng(trace, step), 30, 5)), ...cpu(() => renderStepPng(trace, step), 30) },
    });
  }
  // how many items of a container a Trace records, seen in one: a list of 1,000 ints
  const listTrace = await run("a = list(range(1000))\n");
  const last = stateAt(listTrace, listTrace.steps.length - 1);
  const slot = last.frames[0]?.vars.a;
  const recorded = slot && "ref" in slot ? last.objects.get(slot.ref)?.items?.length : undefined;
  const trace = await run(GIF_PROGRAM);
  const gif = renderGif(trace);
  const gifTime = await measure(() => renderGif(trace), 5, 1);
  const gifCpu = cpu(() => renderGif(trace), 5, 0);
  const first = layoutStep(trace, 0);
  return {
    limits: {
      diagram: {
        what: "what a diagram draws, read from src/render/options.ts",
        heapObjectsDrawnBeforeFolding: LIMITS.maxObjects,
        rowsPerContainer: LIMITS.maxRows,
        rowsShownWhenCut: LIMITS.rowsWhenCut,
        variablesPerFrame: LIMITS.maxVars,
        framesBeforeFolding: LIMITS.maxFrames,
      },
      trace: { what: "items a Trace records of a list of 1,000 ints (a run's last step)", items: recorded ?? "not found" },
    },
    png,
    gif: {
      steps: trace.steps.length,
      frames: gif.frames,
      gifBytes: gif.gif.length,
      size: `${first.width}×${first.height}`,
      ...gifTime,
      ...gifCpu,
      msPerFrame: round(gifTime.medianMs / gif.frames),
    },
  };
}
