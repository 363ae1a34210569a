/** Findings in the learner's language: a title, the evidence and the fix, the rewrite, the saving. */
import type { Translator } from "../i18n/index.js";
import type { Figures, Finding, RuleId } from "./types.js";
import { gainOf } from "./worth.js";

/** One piece of advice, worded: what a front end shows. */
export interface AdviceText {
  ruleId: RuleId;
  lines: number[];
  /** "Line 5: a copy made just to be read once" */
  title: string;
  /** the evidence from this run, then what to do instead */
  body: string;
  /** the lines the checked rewrite changes, as "- old" and "+ new" lines of code */
  rewrite?: string;
  /** what the rewrite saves, measured by running both versions */
  saving?: string;
}

/** Evidence numbers that are byte counts, shown as "80 bytes" / "3.1 KB". */
const BYTE_FIELDS = new Set(["bytes", "peak"]);

export function formatAdvice(findings: Finding[], tr: Translator): AdviceText[] {
  return findings.map((f) => {
    const params: Record<string, string | number> = { ...f.code };
    for (const [k, v] of Object.entries(f.evidence)) params[k] = BYTE_FIELDS.has(k) ? tr.bytes(v) : v;
    const key = `advice.${f.ruleId}.${f.kind}`;
    const text: AdviceText = {
      ruleId: f.ruleId,
      lines: f.lines,
      title: tr.t("advice.title", { where: where(tr, f.lines), what: tr.t(`${key}.title`, params) }),
      body: sentences(tr, [tr.t(key, params), tr.t(fixKey(f), params)]),
    };
    if (f.rewrite) {
      text.rewrite = f.rewrite.diff;
      text.saving = savingText(tr, f.rewrite.before, f.rewrite.after);
    }
    return text;
  });
}

/** All advice as a section of plain text, numbered, for the command line (`--advice`). */
export function formatAdviceBlock(findings: Finding[], tr: Translator): string {
  const out = [tr.t("advice.heading")];
  if (findings.length === 0) out.push(`  ${tr.t("advice.none")}`);
  formatAdvice(findings, tr).forEach((a, i) => {
    const indent = " ".repeat(String(i + 1).length + 4);
    out.push(`  ${i + 1}. ${a.title}`, `${indent}${a.body}`);
    if (a.rewrite) {
      out.push(`${indent}${tr.t("advice.rewrite.label")}`);
      for (const line of a.rewrite.split("\n")) out.push(`${indent}  ${line}`);
    }
    if (a.saving) out.push(`${indent}${a.saving}`);
  });
  return out.map((l) => l.trimEnd()).join("\n") + "\n";
}

/** The fix depends on the case; for slices also on what was sliced (list, str, bytes). */
function fixKey(f: Finding): string {
  if (f.ruleId !== "slice-copy") return `advice.${f.ruleId}.${f.kind}.fix`;
  if (f.kind === "recursion") return "advice.slice-copy.fix.recursion";
  const type = f.code.type ?? "list";
  if (type === "str") return "advice.slice-copy.fix.str";
  if (type === "bytes" || type === "bytearray") return "advice.slice-copy.fix.bytes";
  return "advice.slice-copy.fix.list";
}

/** "Line 5", "Lines 3–6", "Lines 2 and 9". */
function where(tr: Translator, lines: number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  if (sorted.length === 1) return tr.t("advice.where.line", { line: sorted[0]! });
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j > i ? tr.t("advice.range", { from: sorted[i]!, to: sorted[j]! }) : tr.number(sorted[i]!));
    i = j + 1;
  }
  const head = runs.slice(0, -1).join(tr.t("advice.list.comma"));
  const list = runs.length === 1 ? runs[0]! : tr.t("advice.lines.and", { head, last: runs[runs.length - 1]! });
  return tr.t("advice.where.lines", { list });
}

function figuresText(tr: Translator, f: Figures): string {
  return tr.t("advice.figures", { allocations: f.allocations, bytes: tr.bytes(f.allocatedBytes), peak: tr.bytes(f.peakLiveBytes), steps: f.steps });
}

/** Before and after, then what is saved: memory, or else lines of work, named as such;
 * what the rewrite costs in return is said too. */
function savingText(tr: Translator, before: Figures, after: Figures): string {
  const parts: string[] = [];
  const bytes = before.allocatedBytes - after.allocatedBytes;
  const peak = before.peakLiveBytes - after.peakLiveBytes;
  const steps = before.steps - after.steps;
  const percent = Math.round((bytes / before.allocatedBytes) * 100);
  const gain = gainOf(before, after);
  if (gain === "memory" && bytes > 0) {
    // under half a percent reads better without the percentage
    parts.push(percent > 0 ? tr.t("advice.saved.bytes", { bytes: tr.bytes(bytes), percent }) : tr.t("advice.saved.bytesOnly", { bytes: tr.bytes(bytes) }));
  }
  if (gain === "memory" && peak > 0) parts.push(tr.t("advice.saved.peak", { bytes: tr.bytes(peak) }));
  if (gain === "memory" && steps > 0) parts.push(tr.t("advice.saved.steps", { n: steps }));
  const out = [tr.t("advice.saving", { before: figuresText(tr, before), after: figuresText(tr, after) })];
  if (parts.length) out.push(tr.t("advice.saved", { list: joinParts(tr, parts) }));
  if (gain === "work") out.push(tr.t("advice.saved.work", { n: steps }));
  const costs: string[] = [];
  if (bytes < 0) costs.push(tr.t("advice.costs.bytes", { bytes: tr.bytes(-bytes) }));
  if (peak < 0) costs.push(tr.t("advice.costs.peak", { bytes: tr.bytes(-peak) }));
  if (steps < 0) costs.push(tr.t("advice.costs.steps", { n: -steps }));
  if (costs.length) out.push(tr.t("advice.costs", { list: joinParts(tr, costs) }));
  return sentences(tr, out);
}

function joinParts(tr: Translator, parts: string[]): string {
  if (parts.length === 1) return parts[0]!;
  return tr.t("advice.saved.and", { head: parts.slice(0, -1).join(tr.t("advice.saved.comma")), last: parts[parts.length - 1]! });
}

/** Sentences one after another, spaced as the language spaces them. */
function sentences(tr: Translator, list: string[]): string {
  return list.reduce((first, next) => tr.t("advice.sentences", { first, next }));
}
