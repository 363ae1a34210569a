/** The closing summary and the outcome of a run, as sentences. */
import type { RunSummary } from "../core/summary.js";
import type { Trace } from "../core/trace.js";
import type { Translator } from "../i18n/index.js";
import { isProgramObject } from "../core/state.js";
import { looksLikeC } from "../core/looks-like.js";
import { own, ownIf, ownOr } from "./context.js";
import { describeKind } from "./describe.js";
import { diagnosticText } from "./diagnostic.js";
import { faultSentences } from "./fault.js";

/** `short`: up to the peak only (what was made, grew, stayed and peaked), for a brief view. */
export function summarySentences(trace: Trace, s: RunSummary, tr: Translator, options: { short?: boolean } = {}): string[] {
  const out = [
    tr.t(ownOr({ trace, tr }, "summary.allocated"), {
      n: s.allocations,
      bytes: tr.bytes(s.allocatedBytes),
      m: s.frees,
      freedBytes: tr.bytes(s.freedBytes),
    }),
  ];
  // what an earlier run of the same session made, this run may let go of
  if (s.freedEarlier > 0) out.push(tr.t("explain.summary.freedEarlier", { n: s.freedEarlier, bytes: tr.bytes(s.freedEarlierBytes) }));
  if (s.grownBytes !== 0) out.push(tr.t(s.grownBytes > 0 ? "explain.summary.grew" : "explain.summary.shrank", { bytes: tr.bytes(Math.abs(s.grownBytes)) }));
  const freedTemps = s.temporaries - s.heldAtEnd;
  if (freedTemps > 0) out.push(tr.t("explain.summary.temps", { n: freedTemps, bytes: tr.bytes(s.temporaryBytes - s.heldAtEndBytes) }));
  const stopped = trace.outcome.status === "limit";
  if (s.heldAtEnd > 0) out.push(tr.t(stopped ? "explain.summary.tempsHeld.stopped" : "explain.summary.tempsHeld", { n: s.heldAtEnd, bytes: tr.bytes(s.heldAtEndBytes) }));
  // a run stopped before its first step (inside one long operation) has no step to name
  if (trace.steps.length === 0) return out;
  const peakLine = trace.steps[s.peakStep]?.line ?? 0;
  out.push(tr.t(s.peakDuring ? "explain.summary.peak.during" : ownOr({ trace, tr }, "summary.peak"), { bytes: tr.bytes(s.peakLiveBytes), step: s.peakStep + 1, line: peakLine }));
  if (options.short) return out;
  if (stopped) out.push(tr.t("explain.summary.end.stopped", { bytes: tr.bytes(s.finalLiveBytes), step: trace.steps.length }));
  else out.push(tr.t(ownOr({ trace, tr }, "summary.end"), { bytes: tr.bytes(s.finalLiveBytes) }));
  out.push(...unfreedSentences(trace, tr));
  if (s.largest.length) {
    const list = s.largest
      .map((l) => tr.t("explain.summary.largestItem", { what: describeKind(tr, l.value !== undefined ? { ...trace.objects[l.id]!, value: l.value } : trace.objects[l.id]!), size: tr.bytes(l.size), line: l.line }))
      .join(tr.t("explain.list.semicolon"));
    out.push(tr.t("explain.summary.largest", { list }));
  }
  return out;
}

/** The most blocks named one by one in the sentence about blocks never given back. */
const UNFREED_NAMED = 5;

/**
 * Where the program itself must give memory back, what it never did: how many blocks, their bytes,
 * and the lines that made them. Said only in a language whose catalog has the words for it.
 */
function unfreedSentences(trace: Trace, tr: Translator): string[] {
  const key = ownIf({ trace, tr }, trace.outcome.status === "finished" ? "summary.unfreed" : "summary.unfreed.stopped");
  if (!key) return [];
  const kept = Object.entries(trace.objects)
    .filter(([, o]) => isProgramObject(o) && o.freedAt === undefined)
    .sort(([, a], [, b]) => a.createdAt - b.createdAt);
  if (kept.length === 0) return [];
  // a block resized in place (realloc) holds its last size
  const sizes = new Map<string, number>();
  for (const step of trace.steps) for (const ev of step.events) if (ev.kind === "mutate" && ev.size !== undefined) sizes.set(ev.id, ev.size);
  const sizeOf = ([id, o]: (typeof kept)[number]): number => sizes.get(id) ?? o.size;
  const bytes = kept.reduce((sum, k) => sum + sizeOf(k), 0);
  const list = kept.slice(0, UNFREED_NAMED).map((k) => tr.t("explain.summary.unfreedItem", { size: tr.bytes(sizeOf(k)), line: k[1].site.line }));
  const more = kept.length - UNFREED_NAMED;
  const items = more > 0 ? [...list, tr.t("explain.summary.unfreedMore", { n: more })] : list;
  return [tr.t(key, { n: kept.length, bytes: tr.bytes(bytes), list: items.join(tr.t("explain.list.semicolon")) })];
}

/** What the program used that memsim's runtime cannot run, said for what it is. */
function unsupportedSentence(trace: Trace, tr: Translator, feature: string, line: number): string {
  if (feature.startsWith("module:")) return tr.t(own({ trace }, "outcome.unsupported.module"), { line, module: feature.slice("module:".length) });
  const key = own({ trace }, `outcome.unsupported.${feature}`);
  return tr.has(key) ? tr.t(key, { line }) : tr.t(own({ trace }, "outcome.unsupported"), { line, feature });
}

/** A syntax error's words: the compiler's first error in the reader's language when the Trace keeps it, else the runtime's own message. */
export function syntaxMessage(trace: Trace, tr: Translator): string {
  const first = trace.diagnostics?.find((d) => d.severity === "error");
  return first && tr.has(first.code) ? diagnosticText(first, tr) : trace.outcome.status === "syntax-error" ? trace.outcome.message : "";
}

/**
 * What happened to the program as a whole: finished, raised, stopped at a limit. `cli`:
 * the reader can raise the limits (with the command line's flags).
 */
export function outcomeSentences(trace: Trace, tr: Translator, options: { cli?: boolean } = {}): string[] {
  const o = trace.outcome;
  const out: string[] = [];
  switch (o.status) {
    case "finished":
      out.push(tr.t(ownOr({ trace, tr }, "outcome.finished"), { steps: trace.steps.length, status: o.exitStatus ?? 0 }));
      break;
    case "error":
      if (o.noInput) out.push(tr.t(own({ trace }, "outcome.noInput"), { line: o.line }));
      else if (o.unsupported) out.push(unsupportedSentence(trace, tr, o.unsupported, o.line));
      else if (o.fault && ownIf({ trace, tr }, "fault.head.read")) out.push(...faultSentences(trace, tr, o.fault, o.line));
      else if (o.recursion) out.push(tr.t(own({ trace }, o.runtimeLimit ? "outcome.recursion.runtime" : "outcome.recursion"), { line: o.line, max: o.max ?? 0 }));
      // Python's own messages may end with a full stop; the sentence adds its own
      else out.push(tr.t(ownOr({ trace, tr }, "outcome.error"), { type: o.type, message: o.message.replace(/[.。]+$/, ""), line: o.line }));
      break;
    case "syntax-error":
      // the message ends where the sentence adds its own full stop
      out.push(tr.t(own({ trace }, "outcome.syntax"), { line: o.line, column: o.column, message: syntaxMessage(trace, tr).replace(/[.。]+$/, "") }));
      // C given where Python was asked for: say how to run it as C rather than leave Python's complaint alone
      if (trace.language === "python" && looksLikeC(trace.source)) out.push(tr.t("explain.outcome.looksLikeC"));
      break;
    case "limit":
      // no line reached: the limit came while the program was still being read
      if (o.preparing || (o.line === undefined && trace.steps.length === 0)) {
        const key = `explain.outcome.limit.${o.limit}.preparing`;
        out.push(tr.t(options.cli && tr.has(`${key}.cli`) ? `${key}.cli` : tr.has(key) ? key : "explain.outcome.limit.preparing", {
          max: o.limit === "time" ? Math.round(o.max * 10) / 10 : o.max,
          lines: trace.source.replace(/\n$/, "").split("\n").length,
        }));
        break;
      }
      // a line but no step: stopped inside one long operation, whose run could keep no step
      const inside = o.limit === "time" && o.line !== undefined && trace.steps.length === 0 ? ".inside" : "";
      const key = `explain.outcome.limit.${o.limit}${inside}`;
      out.push(
        tr.t(options.cli && tr.has(`${key}.cli`) ? `${key}.cli` : key, {
          max: o.limit === "time" ? Math.round(o.max * 10) / 10 : o.max,
          line: o.line ?? 0,
          steps: trace.steps.length,
        }),
      );
      break;
  }
  if (trace.stdoutTruncated) out.push(tr.t("explain.outcome.stdoutTruncated", { size: tr.bytes(trace.stdout.length) }));
  return out;
}
