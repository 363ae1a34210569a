/**
 * The magics on a cell's first lines: `%memsim …` lines and a `%%c` marker. They are read
 * off the cell and replaced by blank lines, so the learner's line numbers stay those of the cell.
 */

export type Magic =
  | { kind: "steps" }
  | { kind: "off" }
  | { kind: "on" }
  | { kind: "advice" }
  | { kind: "help" }
  | { kind: "locale"; locale: string }
  | { kind: "stdin"; line: string }
  | { kind: "unknown"; text: string };

export interface ReadCell {
  magics: Magic[];
  /** the cell is marked `%%c` */
  c: boolean;
  /** the cell with its magic lines blanked */
  code: string;
  /** no Python left to run */
  empty: boolean;
}

function magicOf(line: string): Magic {
  const words = line.trim().split(/\s+/);
  if (words[0] !== "%memsim") return { kind: "unknown", text: line.trim() };
  const [, what, ...rest] = words;
  switch (what) {
    case "steps":
    case "off":
    case "on":
    case "advice":
    case "help":
      return rest.length ? { kind: "unknown", text: line.trim() } : { kind: what };
    case "locale":
      return { kind: "locale", locale: rest.join(" ") };
    case "stdin":
      // the line is given as typed after one space, its own spaces kept
      return { kind: "stdin", line: line.replace(/^\s*%memsim\s+stdin(?:\s|$)/, "") };
    default:
      return { kind: "unknown", text: line.trim() };
  }
}

/** Magics are the cell's leading lines that start with `%` (blank lines between them allowed). */
export function readCell(cell: string): ReadCell {
  const lines = cell.split("\n");
  const magics: Magic[] = [];
  let c = false;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    if (!line.trimStart().startsWith("%")) break;
    if (line.trim() === "%%c" && magics.length === 0 && !c) c = true;
    else magics.push(magicOf(line));
    lines[i] = "";
  }
  const code = lines.join("\n");
  return { magics, c, code, empty: code.trim() === "" };
}
