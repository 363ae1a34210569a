/** What a caller may choose about a diagram, and the defaults a beginner reads best. */
import type { Locale } from "../i18n/index.js";

export interface RenderOptions {
  /** default "dark": most chat users run their app in dark mode */
  theme?: "light" | "dark";
  /** language of every word on the picture (default "en") */
  locale?: Locale;
  /**
   * default true: small immutable values (numbers, bools, None, short strings) are written
   * in their slot. false draws each as its own heap object, so the small-int cache and
   * shared constants show.
   */
  inlineScalars?: boolean;
  /** the step's explanation sentence; when it returns nothing, no caption is drawn */
  caption?: (stepIndex: number) => string | undefined;
}

export interface ResolvedOptions {
  theme: "light" | "dark";
  locale: Locale;
  inlineScalars: boolean;
  caption: (stepIndex: number) => string | undefined;
}

export function resolveOptions(options: RenderOptions = {}): ResolvedOptions {
  return {
    theme: options.theme ?? "dark",
    locale: options.locale ?? "en",
    inlineScalars: options.inlineScalars ?? true,
    caption: options.caption ?? (() => undefined),
  };
}

/** Limits that keep a big program's diagram readable (and the tests' large heaps bounded). */
export const LIMITS = {
  /** widest picture chat shows at full size */
  maxWidth: 1600,
  /** objects drawn before the diagram keeps only the ones that matter at this step */
  maxObjects: 30,
  /** container cells, dict rows or attributes shown before "… N more" */
  maxRows: 10,
  /** shown when a container has more than maxRows */
  rowsWhenCut: 8,
  /** frames drawn before the middle of a deep stack is folded */
  maxFrames: 8,
  /** variables drawn per frame before "… N more" */
  maxVars: 12,
  /** lines of code shown around the current line */
  maxCodeLines: 24,
  /** characters of a string value shown in a box */
  maxTextChars: 40,
  /** characters of a string drawn in its slot instead of as a heap object (inline mode) */
  inlineTextChars: 16,
  /** freed objects drawn per step */
  maxFreed: 8,
  /** live objects that no name reaches, drawn per step */
  maxUnnamed: 8,
  /** temporaries drawn per step */
  maxTemps: 8,
} as const;
