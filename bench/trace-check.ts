/**
 * The host's check of a Trace that crosses from an interpreter thread or worker: the schema
 * (`Trace.parse`) against the hand-written check the host uses (`checkTrace`), each on its own
 * freshly parsed copy of the tracer's JSON (both work in place; the parse is not timed), with
 * JSON.parse itself for scale. Rounds interleave the three, so a busy neighbour slows them alike.
 */
import { checkTrace } from "../src/core/trace-check.js";
import { Trace } from "../src/core/trace.js";
import { once, round, summarize } from "./stats.js";

export async function benchTraceCheck(json: string, steps: number, rounds = 15): Promise<Record<string, unknown>> {
  // each way is given its own parsed copy; JSON.parse's way parses the text again
  const ways: Record<string, (raw: unknown) => unknown> = {
    jsonParse: () => JSON.parse(json),
    zodTraceParse: (raw) => Trace.parse(raw),
    checkTrace: (raw) => checkTrace(raw),
  };
  const samples: Record<string, { wallMs: number; cpuMs: number }[]> = { jsonParse: [], zodTraceParse: [], checkTrace: [] };
  // two rounds unmeasured: the first calls compile what they run
  for (let i = -2; i < rounds; i++) {
    for (const [name, check] of Object.entries(ways)) {
      const raw: unknown = JSON.parse(json);
      const s = await once(() => check(raw));
      if (i >= 0) samples[name]!.push(s);
    }
  }
  const out: Record<string, unknown> = { steps, jsonBytes: json.length };
  for (const [name, list] of Object.entries(samples)) {
    const t = summarize(list);
    out[name] = { usPerStep: round((t.medianMs * 1000) / steps, 3), cpuUsPerStep: round((t.cpuMedianMs * 1000) / steps, 3), ...t };
  }
  return out;
}
