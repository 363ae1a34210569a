/** A readable line diff for golden-text failures: changed lines with a little context. */

/** Lines of `a` and `b` as a list of kept (" "), removed ("-") and added ("+") lines. */
function diffOps(a: string[], b: string[]): { op: " " | "-" | "+"; line: string }[] {
  // common head and tail first: golden changes are usually a few lines in a long text
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  // longest common subsequence of the middle
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: { op: " " | "-" | "+"; line: string }[] = a.slice(0, head).map((line) => ({ op: " " as const, line }));
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      ops.push({ op: " ", line: x[i]! });
      i++;
      j++;
    } else if (i < x.length && (j >= y.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      ops.push({ op: "-", line: x[i++]! });
    } else {
      ops.push({ op: "+", line: y[j++]! });
    }
  }
  for (const line of a.slice(a.length - tail)) ops.push({ op: " ", line });
  return ops;
}

/** The changed lines of `b` against `a`, each run with `context` unchanged lines around it. */
export function lineDiff(a: string, b: string, context = 2): string {
  const ops = diffOps(a.split("\n"), b.split("\n"));
  const show = new Array<boolean>(ops.length).fill(false);
  ops.forEach((o, k) => {
    if (o.op === " ") return;
    for (let c = Math.max(0, k - context); c <= Math.min(ops.length - 1, k + context); c++) show[c] = true;
  });
  const out: string[] = [];
  ops.forEach((o, k) => {
    if (!show[k]) {
      if (out.at(-1) !== "  …") out.push("  …");
      return;
    }
    out.push(`${o.op} ${o.line}`);
  });
  return out.join("\n");
}
