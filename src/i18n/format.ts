/**
 * A small message formatter: `{name}` placeholders (numbers formatted per locale),
 * `{count, plural, one {# item} other {# items}}` choices, where `#` is the number, and
 * `{type, a}`: the value after the English article it takes ("a list", "an int").
 */
import { joinerFor } from "./spacing.js";

export type Params = Record<string, string | number>;

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

export function formatNumber(locale: string, n: number): string {
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    numberFormats.set(locale, f);
  }
  return f.format(n);
}

function pluralOf(locale: string, n: number): string {
  let r = pluralRules.get(locale);
  if (!r) {
    r = new Intl.PluralRules(locale);
    pluralRules.set(locale, r);
  }
  return r.select(n);
}

/** Finds the index of the brace that closes the one opened just before `from`. */
function closing(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  throw new SyntaxError(`unclosed brace in message: ${text}`);
}

/** "a" or "an" before an English word, by its first sound as far as spelling tells. */
export function withArticle(word: string): string {
  const an = /^[aeio]/i.test(word) || /^u(?!ni|s|ti)/i.test(word) || /^[fhlmnrsx]$|^[fhlmnrsx][A-Z0-9_]/.test(word);
  return `${an ? "an" : "a"} ${word}`;
}

function show(locale: string, value: string | number | undefined, name: string): string {
  if (value === undefined) throw new Error(`message parameter {${name}} is missing`);
  return typeof value === "number" ? formatNumber(locale, value) : value;
}

export function format(locale: string, text: string, params: Params = {}): string {
  // the catalog's words and each value put in meet as the locale's typography says
  const joiner = joinerFor(locale);
  let out = "";
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{", i);
    if (open < 0) {
      out = joiner.join(out, joiner.words(text.slice(i)));
      break;
    }
    out = joiner.join(out, joiner.words(text.slice(i, open)));
    const close = closing(text, open + 1);
    const body = text.slice(open + 1, close);
    const comma = body.indexOf(",");
    if (comma < 0) {
      out = joiner.join(out, show(locale, params[body.trim()], body.trim()));
    } else {
      const name = body.slice(0, comma).trim();
      const rest = body.slice(comma + 1).trim();
      if (rest === "a") {
        out = joiner.join(out, withArticle(String(show(locale, params[name], name))));
        i = close + 1;
        continue;
      }
      if (!rest.startsWith("plural,")) throw new SyntaxError(`unknown choice in message: ${text}`);
      const n = Number(params[name]);
      if (params[name] === undefined) throw new Error(`message parameter {${name}} is missing`);
      const branches = parseBranches(rest.slice("plural,".length));
      const branch = branches.get(`=${n}`) ?? branches.get(pluralOf(locale, n)) ?? branches.get("other") ?? "";
      out = joiner.join(out, format(locale, branch.replaceAll("#", formatNumber(locale, n)), params));
    }
    i = close + 1;
  }
  return out;
}

function parseBranches(text: string): Map<string, string> {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{", i);
    if (open < 0) break;
    const key = text.slice(i, open).trim();
    const close = closing(text, open + 1);
    branches.set(key, text.slice(open + 1, close));
    i = close + 1;
  }
  return branches;
}

/** The placeholder names a message uses (plural branches included), for catalog checks. */
export function placeholders(text: string): string[] {
  const names = new Set<string>();
  const walk = (t: string) => {
    let i = 0;
    while (i < t.length) {
      const open = t.indexOf("{", i);
      if (open < 0) return;
      const close = closing(t, open + 1);
      const body = t.slice(open + 1, close);
      const comma = body.indexOf(",");
      if (comma < 0) names.add(body.trim());
      else {
        names.add(body.slice(0, comma).trim());
        const rest = body.slice(comma + 1).trim();
        if (rest !== "a") for (const b of parseBranches(rest.slice("plural,".length)).values()) walk(b);
      }
      i = close + 1;
    }
  };
  walk(text);
  return [...names].sort();
}
