/** The lines a rewrite changes, shown as a small diff a learner can read. */

/** One line of a diff: kept (" "), removed ("-") or added ("+"). */
export interface DiffLine {
  op: " " | "-" | "+";
  text: string;
}

/** Line diff by longest common subsequence (programs here are short). */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.replace(/\n$/, "").split(/\r?\n/);
  const b = after.replace(/\n$/, "").split(/\r?\n/);
  const n = a.length;
  const m = b.length;
  // common[i][j]: length of the LCS of a[i..] and b[j..]
  const common: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      common[i]![j] = a[i] === b[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: " ", text: a[i]! });
      i++;
      j++;
    } else if (j < m && (i === n || common[i]![j + 1]! >= common[i + 1]![j]!)) {
      out.push({ op: "+", text: b[j]! });
      j++;
    } else {
      out.push({ op: "-", text: a[i]! });
      i++;
    }
  }
  // removals first within a change, as people read them
  for (let k = 0; k < out.length; k++) {
    if (out[k]!.op !== "+") continue;
    let end = k;
    while (end < out.length && out[end]!.op !== " ") end++;
    const block = out.slice(k, end);
    out.splice(k, block.length, ...block.filter((d) => d.op === "-"), ...block.filter((d) => d.op === "+"));
    k = end;
  }
  return out;
}

/** The changed lines with `context` unchanged lines around each change; gaps shown as "…". */
export function diffText(before: string, after: string, context = 1): string {
  const lines = diffLines(before, after);
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((d, k) => {
    if (d.op === " ") return;
    for (let c = Math.max(0, k - context); c <= Math.min(lines.length - 1, k + context); c++) keep[c] = true;
  });
  const out: string[] = [];
  let gap = false;
  lines.forEach((d, k) => {
    if (!keep[k]) {
      gap = out.length > 0;
      return;
    }
    if (gap) out.push("  …");
    gap = false;
    out.push(`${d.op} ${d.text}`);
  });
  return out.join("\n");
}
