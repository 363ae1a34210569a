/** Edits of a program's text, at string indices. */

/** Replace `[start, end)` of the text with `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The text with the edits made, or undefined when two edits overlap. */
export function applyEdits(text: string, edits: Edit[]): string | undefined {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit || e.start > e.end) return undefined;
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}
