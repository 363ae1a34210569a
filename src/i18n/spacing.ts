/**
 * How pieces of a sentence meet, per locale. In Chinese text a space stands between Han
 * characters and Latin letters or digits ("a 和 b", "现在引用一个 Dog 对象"), and none next to
 * full-width punctuation. Applied where a message is assembled: to the catalog's own words
 * and at each seam where a value is put in, never inside a value (a learner's string stays
 * exactly as written).
 */
const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
/** characters a Latin run can begin or end with, for spacing: letters, digits, quotes, brackets */
const LATIN_START = "A-Za-z0-9'\"`(\\[{<$@#";
const LATIN_END = "A-Za-z0-9'\"`)\\]}>%";
const FULL_PUNCT = "，。、；：！？（）「」『』《》【】“”‘’…";

const hanThenLatin = new RegExp(`([${HAN}])([${LATIN_START}])`, "g");
const latinThenHan = new RegExp(`([${LATIN_END}])([${HAN}])`, "g");
// one space, not the runs that line up columns in a preformatted block
const spaceBeforePunct = new RegExp(`(?<![ \\t])[ \\t]([${FULL_PUNCT}])`, "g");
const spaceAfterPunct = new RegExp(`([${FULL_PUNCT}])[ \\t](?![ \\t])`, "g");
const isHan = new RegExp(`^[${HAN}]$`);
const startsLatin = new RegExp(`^[${LATIN_START}]`);
const endsLatin = new RegExp(`[${LATIN_END}]$`);
const isPunct = new RegExp(`^[${FULL_PUNCT}]$`);

/** Joins the pieces of one message: the catalog's words and the values put into them. */
export interface Joiner {
  /** the catalog's own words, as the locale sets them */
  words(text: string): string;
  /** `piece` added after `out`, with the seam between them set */
  join(out: string, piece: string): string;
  /** whole sentences, one after another */
  sentences(parts: string[]): string;
}

const plain: Joiner = {
  words: (text) => text,
  join: (out, piece) => out + piece,
  sentences: (parts) => parts.join(" "),
};

const chinese: Joiner = {
  words: (text) => text.replace(hanThenLatin, "$1 $2").replace(latinThenHan, "$1 $2").replace(spaceBeforePunct, "$1").replace(spaceAfterPunct, "$1"),
  join(out, piece) {
    if (!out || !piece) return out + piece;
    const last = out.at(-1)!;
    const first = piece[0]!;
    if ((isHan.test(last) && startsLatin.test(first)) || (endsLatin.test(out) && isHan.test(first))) return `${out} ${piece}`;
    if (isPunct.test(first)) return out.replace(/(?<![ \t])[ \t]$/, "") + piece;
    if (isPunct.test(last)) return out + piece.replace(/^[ \t](?![ \t])/, "");
    return out + piece;
  },
  sentences(parts) {
    return parts.reduce((out, p) => (out && !isPunct.test(out.at(-1)!) ? chinese.join(out + " ", p) : chinese.join(out, p)), "");
  },
};

const JOINERS: Record<string, Joiner> = { "zh-CN": chinese };

export function joinerFor(locale: string): Joiner {
  return JOINERS[locale] ?? plain;
}

/**
 * Where Chinese text breaks the spacing rules: Han next to a Latin letter or digit with no
 * space, or a space next to full-width punctuation. Empty when the text keeps them.
 */
export function spacingProblems(text: string): string[] {
  const problems: string[] = [];
  const near = (i: number) => JSON.stringify(text.slice(Math.max(0, i - 6), i + 7));
  for (const m of text.matchAll(new RegExp(`[${HAN}][A-Za-z0-9]|[A-Za-z0-9][${HAN}]`, "g"))) problems.push(`no space between Han and Latin in ${near(m.index)}`);
  for (const m of text.matchAll(new RegExp(`(?<![ \\t])[ \\t][${FULL_PUNCT}]|[${FULL_PUNCT}][ \\t](?![ \\t])`, "g"))) problems.push(`a space next to full-width punctuation in ${near(m.index)}`);
  return problems;
}
