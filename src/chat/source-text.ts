/** A program file's bytes as the text CPython would run, or what to do instead, in words. */
import { decodeSource } from "../core/source-bytes.js";
import type { Translator } from "../i18n/index.js";

/**
 * A file's text as CPython would read it, or the sentence that says how to save it instead
 * (`tr` may speak a platform's own words: see wording.ts).
 */
export function sourceText(tr: Translator, name: string, got: Uint8Array | string): { text: string } | { refusal: string } {
  const decoded = typeof got === "string" ? ({ ok: true, text: got } as const) : decodeSource(got);
  if (decoded.ok) return decoded.text.includes("\u0000") ? { refusal: tr.t("chat.run.fileBinary", { name }) } : { text: decoded.text };
  if (decoded.problem === "bad-declaration") return { refusal: tr.t("chat.run.fileDeclared", { name, line: decoded.line, encoding: decoded.encoding }) };
  if (decoded.looksLike) return { refusal: tr.t(`chat.run.fileEncoding.${decoded.looksLike}`, { name }) };
  // bytes that are no text in any encoding: a picture, a compiled .pyc
  if (typeof got !== "string" && got.includes(0)) return { refusal: tr.t("chat.run.fileBinary", { name }) };
  return { refusal: tr.t("chat.run.fileNotUtf8", { name, line: decoded.line }) };
}
