/**
 * The renderer's only door to @napi-rs/canvas: the allocator setting in allocator.ts must
 * be in place before the native module loads, and module requests are evaluated in order.
 */
import "./allocator.js";
export { createCanvas, GlobalFonts, loadImage, type Canvas, type SKRSContext2D } from "@napi-rs/canvas";
