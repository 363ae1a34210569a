/**
 * Which language a program given in chat is written in. What the program itself is marked with
 * (its file's ending, its code block's tag) decides first, then the `language` option, then
 * what the text plainly is: unmarked code runs as Python unless it is clearly C.
 */
import { EXTENSIONS, LANGUAGES, type ProgramLanguage } from "../../commands/memsim.js";
import { looksLikeC } from "../core/looks-like.js";
import type { Translator } from "../i18n/index.js";

/** The tags a code block may carry for each language (```py, ```c); compared in lower case. */
const FENCE_TAGS: Record<ProgramLanguage, readonly string[]> = { python: ["py", "python", "python3", "py3"], c: ["c"] };

/** The language a code block's tag names, if any. */
export function languageOfTag(tag: string): ProgramLanguage | undefined {
  const lower = tag.toLowerCase();
  return LANGUAGES.find((l) => FENCE_TAGS[l].includes(lower));
}

/** The language a program file's name ends in, if any. */
export function languageOfFile(name: string): ProgramLanguage | undefined {
  const lower = name.toLowerCase();
  return LANGUAGES.find((l) => EXTENSIONS[l].some((ext) => lower.endsWith(ext)));
}

/** How the program itself says which language it is in. */
export type Mark = { tag: string } | { file: string };

export interface ChosenLanguage {
  language: ProgramLanguage;
  /** what to tell the learner about the choice, when it is not the one they would expect */
  note?: string;
}

/**
 * The language to run a program in: `mark` (its file or code block) first, then `asked` (the
 * language option), then the text itself. A mark that disagrees with the option wins, and is said.
 */
export function chooseLanguage(tr: Translator, asked: ProgramLanguage | undefined, mark: Mark | undefined, text: string): ChosenLanguage {
  const marked = mark === undefined ? undefined : "tag" in mark ? languageOfTag(mark.tag) : languageOfFile(mark.file);
  const name = (l: ProgramLanguage) => tr.t(`chat.language.${l}`);
  if (marked !== undefined) {
    if (asked === undefined || asked === marked) return { language: marked };
    const params = { language: name(marked), asked: name(asked) };
    const note = "tag" in mark! ? tr.t("chat.run.language.fence", params) : tr.t("chat.run.language.file", { ...params, name: mark!.file });
    return { language: marked, note };
  }
  if (asked !== undefined) return { language: asked };
  if (looksLikeC(text)) return { language: "c", note: tr.t("chat.run.language.guessed") };
  return { language: "python" };
}
