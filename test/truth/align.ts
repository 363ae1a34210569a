/**
 * Aligning two step sequences: the longest common subsequence of their keys, found with
 * Myers' O((N+M)·D) difference algorithm (few differences: fast even for long runs).
 */

/** Pairs [i, j] of indices whose keys are equal, in order, as many as possible. */
export function alignKeys(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const history: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    history.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // walk back through the saved frontiers
  const pairs: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = history.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const prev = history[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && prev[offset + k - 1]! < prev[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : prev[offset + prevK]!;
    const prevY = prevX - prevK;
    const startX = d === 0 ? 0 : down ? prevX : prevX + 1;
    const startY = d === 0 ? 0 : startX - k;
    while (x > startX && y > startY) {
      x--;
      y--;
      pairs.push([x, y]);
    }
    x = prevX;
    y = d === 0 ? 0 : prevY;
  }
  return pairs.reverse();
}
