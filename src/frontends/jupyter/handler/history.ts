/** history_request: the cells run in this kernel, as (session, line, input), or (session, line, (input, value shown)) when output is asked for. */

export interface HistoryEntry {
  session: number;
  line: number;
  input: string;
  /** the cell's last value as shown (execute_result), when it had one */
  output?: string;
}

/** A glob as IPython's history search reads it (`*` any run, `?` one character), matched anywhere when not anchored. */
function globRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]");
  return new RegExp(`^${body}$`);
}

export function historyReply(entries: readonly HistoryEntry[], current: number, content: Record<string, unknown>): Record<string, unknown> {
  const access = String(content.hist_access_type ?? "tail");
  const n = typeof content.n === "number" ? content.n : undefined;
  let found: HistoryEntry[] = [];
  if (access === "tail") found = n === undefined ? [...entries] : entries.slice(Math.max(0, entries.length - n));
  else if (access === "range") {
    const asked = typeof content.session === "number" ? content.session : 0;
    // 0 is this session, a negative number counts back from it
    const session = asked <= 0 ? current + asked : asked;
    const start = typeof content.start === "number" ? content.start : 1;
    const stop = typeof content.stop === "number" ? content.stop : Infinity;
    found = entries.filter((e) => e.session === session && e.line >= start && e.line < stop);
  } else if (access === "search") {
    const re = globRegExp(typeof content.pattern === "string" ? content.pattern : "*");
    found = entries.filter((e) => re.test(e.input));
    if (content.unique === true) {
      const seen = new Set<string>();
      found = found.reverse().filter((e) => !seen.has(e.input) && Boolean(seen.add(e.input))).reverse();
    }
    if (n !== undefined) found = found.slice(Math.max(0, found.length - n));
  }
  // output: each entry's input with what the cell showed as its value (null when nothing)
  const withOutput = content.output === true;
  return { status: "ok", history: found.map((e) => [e.session, e.line, withOutput ? [e.input, e.output ?? null] : e.input]) };
}
