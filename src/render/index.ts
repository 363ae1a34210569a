/**
 * The diagram renderer: a Trace drawn as stack/heap pictures (PNG per step, GIF per run).
 * Reads only the Trace, so every language's runs draw the same way.
 */
export { layoutStep, renderStepPng, renderFrames, encodePng } from "./render.js";
export { pictureStep } from "./shown.js";
export { renderGif, renderGifAsync, MAX_GIF_FRAMES, DEFAULT_GIF_BYTES, type GifResult, type GifOptions } from "./gif.js";
export { paintDiagram, type PaintContext } from "./paint.js";
export { resolveOptions, LIMITS, type RenderOptions } from "./options.js";
export { registerFonts, fontsDir } from "./fonts.js";
export { THEMES, type ThemeName } from "./theme.js";
export type {
  Arrow,
  CanvasPoint,
  CanvasRect,
  DiagramLayout,
  FrameBox,
  ObjectBox,
  ObjectState,
  Panel,
  PanelName,
  Shape,
  SlotBox,
  TextRun,
} from "./types.js";
