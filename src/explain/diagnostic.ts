/** A compiler's diagnostic in words. Kept apart (types only besides the catalog) so the C runner's thread can load it alone. */
import type { Diagnostic } from "../core/trace.js";
import type { Translator } from "../i18n/index.js";

/** A compiler's diagnostic (code and values) in the reader's language; its code when the catalog has no words for it. */
export function diagnosticText(d: Diagnostic, tr: Translator): string {
  if (!tr.has(d.code)) return d.code;
  return tr.t(d.code, Object.fromEntries(Object.entries(d.params ?? {}).map(([k, v]) => [k, typeof v === "boolean" ? String(v) : v])));
}
