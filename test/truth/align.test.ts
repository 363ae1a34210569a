/** The step aligner finds a longest common subsequence, as a plain dynamic program does. */
import { describe, expect, it } from "vitest";
import { alignKeys } from "./align.js";

function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(up, row[j - 1]!);
      diag = up;
    }
  }
  return row[b.length]!;
}

function valid(a: string[], b: string[], pairs: [number, number][]): boolean {
  let pi = -1;
  let pj = -1;
  for (const [i, j] of pairs) {
    if (i <= pi || j <= pj || a[i] !== b[j]) return false;
    pi = i;
    pj = j;
  }
  return true;
}

describe("alignKeys", () => {
  it("pairs equal sequences one to one", () => {
    expect(alignKeys(["a", "b", "c"], ["a", "b", "c"])).toEqual([[0, 0], [1, 1], [2, 2]]);
  });

  it("skips what only one side has", () => {
    expect(alignKeys(["a", "x", "b", "c"], ["a", "b", "y", "c"])).toEqual([[0, 0], [2, 1], [3, 3]]);
    expect(alignKeys([], ["a"])).toEqual([]);
    expect(alignKeys(["a"], [])).toEqual([]);
  });

  it("finds a longest common subsequence on many random pairs", () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let t = 0; t < 500; t++) {
      const a = Array.from({ length: rnd(30) }, () => "abcd"[rnd(4)]!);
      const b = Array.from({ length: rnd(30) }, () => "abcd"[rnd(4)]!);
      const pairs = alignKeys(a, b);
      expect(valid(a, b, pairs)).toBe(true);
      expect(pairs.length).toBe(lcsLength(a, b));
    }
  });
});
