/**
 * One platform's own words: where a message speaks of how commands are given (attach a file,
 * a form, a menu), the catalog may hold that platform's wording as `<key>@<platform>`
 * (e.g. `chat.run.fileUnreadable@console`); every other key reads as it is.
 */
import type { Translator } from "../i18n/index.js";

export function platformWords(tr: Translator, platform: string | undefined): Translator {
  if (!platform) return tr;
  const own = (key: string) => (tr.has(`${key}@${platform}`) ? `${key}@${platform}` : key);
  return { ...tr, t: (key, params) => tr.t(own(key), params), has: (key) => tr.has(key) };
}
