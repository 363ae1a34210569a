/**
 * Render figures: time to lay out and encode one PNG for heaps of 10, 50 and 200 objects,
 * and to make the GIF of a 100-step run (median and p95, in ms), with the bytes produced.
 */
import { stateAt, type Trace } from "../src/core/index.js";
import { layoutStep, renderGif, renderStepPng } from "../src/render/index.js";
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

/**
 * A program whose heap ends with about `objects` objects: instances, each with a long str
 * and an int (3 objects a node), in a list, with their class and its __init__.
 */
function heapProgram(objects: number): string {
  const nodes = Math.max(1, Math.round((objects - 4) / 3));
  return [
    "class Node:",
    "    def __init__(self, k):",
    "        self.k = k",
    '        self.label = "node number " + str(k) + "!"',
    "",
    `nodes = [Node(k) for k in range(${nodes})]`,
    "last = nodes[-1]",
    "",
  ].join("\n");
}

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
  for (const objects of [10, 50, 200]) {
    const trace = await run(heapProgram(objects));
    const step = trace.steps.length - 1;
    const layout = layoutStep(trace, step);
    const bytes = renderStepPng(trace, step).length;
    png.push({
      heapObjects: liveObjects(trace),
      drawnObjects: layout.objects.length,
      size: `${layout.width}×${layout.height}`,
      pngBytes: bytes,
      // share of the canvas read back (the rest is known plain ground)
      readFraction: round(planReads(layout).reads.reduce((sum, r) => sum + r.w * r.h, 0) / (layout.width * layout.height)),
      // the step's state is rebuilt once and kept by the Trace's view (as for a reply): this is the layout itself
      layout: await measure(() => layoutStep(trace, step), 30, 5),
      layoutAndPng: { ...(await measure(() => renderStepPng(trace, step), 30, 5)), ...cpu(() => renderStepPng(trace, step), 30) },
    });
  }
  const trace = await run(GIF_PROGRAM);
  const gif = renderGif(trace);
  const gifTime = await measure(() => renderGif(trace), 5, 1);
  const gifCpu = cpu(() => renderGif(trace), 5, 0);
  const first = layoutStep(trace, 0);
  return {
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
