/**
 * Painting a laid-out diagram onto a canvas it is given. Nothing here decides where
 * anything goes: it follows the DiagramLayout, turning inks into the theme's colours.
 */
import type { SKRSContext2D } from "./canvas.js";
import { fontCss, registerFonts } from "./fonts.js";
import { THEMES, type Theme } from "./theme.js";
import type { Arrow, BoxShape, DiagramLayout, LineShape, MarkShape } from "./types.js";

/** The part of a 2D canvas context the painter uses (so any canvas can be passed in). */
export type PaintContext = Pick<
  SKRSContext2D,
  | "save"
  | "restore"
  | "scale"
  | "beginPath"
  | "closePath"
  | "moveTo"
  | "lineTo"
  | "bezierCurveTo"
  | "arc"
  | "arcTo"
  | "rect"
  | "fill"
  | "stroke"
  | "fillRect"
  | "fillText"
  | "setLineDash"
  | "fillStyle"
  | "strokeStyle"
  | "lineWidth"
  | "lineCap"
  | "lineJoin"
  | "globalAlpha"
  | "font"
  | "textBaseline"
  | "textAlign"
  | "lang"
>;

function roundedRect(ctx: PaintContext, s: BoxShape): void {
  const { x, y, w, h } = s.rect;
  const r = Math.min(s.radius ?? 0, w / 2, h / 2);
  ctx.beginPath();
  if (r <= 0) {
    ctx.rect(x, y, w, h);
    return;
  }
  const b = s.topOnly ? 0 : r;
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  if (b) ctx.arcTo(x + w, y + h, x, y + h, b);
  else ctx.lineTo(x + w, y + h);
  if (b) ctx.arcTo(x, y + h, x, y, b);
  else ctx.lineTo(x, y + h);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

function paintBox(ctx: PaintContext, s: BoxShape, theme: Theme): void {
  ctx.globalAlpha = s.alpha ?? 1;
  roundedRect(ctx, s);
  if (s.fill) {
    ctx.fillStyle = theme[s.fill];
    ctx.fill();
  }
  if (s.stroke) {
    ctx.setLineDash(s.dashed ? [5, 4] : []);
    ctx.strokeStyle = theme[s.stroke];
    ctx.lineWidth = s.lineWidth ?? 1;
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.globalAlpha = 1;
}

function paintLine(ctx: PaintContext, s: LineShape, theme: Theme): void {
  if (s.points.length < 2) return;
  ctx.beginPath();
  ctx.moveTo(s.points[0]!.x, s.points[0]!.y);
  for (const p of s.points.slice(1)) ctx.lineTo(p.x, p.y);
  if (s.fill) {
    ctx.closePath();
    ctx.fillStyle = theme[s.fill];
    ctx.fill();
    return;
  }
  ctx.setLineDash(s.dashed ? [5, 4] : []);
  ctx.strokeStyle = theme[s.stroke];
  ctx.lineWidth = s.lineWidth;
  ctx.lineJoin = "round";
  ctx.stroke();
  ctx.setLineDash([]);
}

function paintMark(ctx: PaintContext, s: MarkShape, theme: Theme): void {
  const { x, y } = s.at;
  ctx.beginPath();
  if (s.shape === "dot") ctx.arc(x, y, s.size, 0, Math.PI * 2);
  else {
    ctx.moveTo(x - s.size * 0.8, y - s.size);
    ctx.lineTo(x + s.size, y);
    ctx.lineTo(x - s.size * 0.8, y + s.size);
    ctx.closePath();
  }
  if (s.fill) {
    ctx.fillStyle = theme[s.fill];
    ctx.fill();
  }
  if (s.stroke) {
    ctx.strokeStyle = theme[s.stroke];
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
}

function tracePath(ctx: PaintContext, a: Arrow, baseX: number, baseY: number): void {
  const p = a.points;
  ctx.beginPath();
  ctx.moveTo(p[0]!.x, p[0]!.y);
  if (a.shape === "curve") {
    ctx.bezierCurveTo(p[1]!.x, p[1]!.y, p[2]!.x, p[2]!.y, baseX, baseY);
    return;
  }
  for (let i = 1; i < p.length - 1; i++) {
    // corners no rounder than half the shorter leg: neighbouring lanes stay apart
    const r = Math.min(10, Math.hypot(p[i]!.x - p[i - 1]!.x, p[i]!.y - p[i - 1]!.y) / 2, Math.hypot(p[i + 1]!.x - p[i]!.x, p[i + 1]!.y - p[i]!.y) / 2);
    ctx.arcTo(p[i]!.x, p[i]!.y, p[i + 1]!.x, p[i + 1]!.y, r);
  }
  ctx.lineTo(baseX, baseY);
}

function paintArrow(ctx: PaintContext, a: Arrow, theme: Theme): void {
  // the head points along the path's last direction
  const end = a.points.at(-1)!;
  const before = a.points.at(-2)!;
  const dx = end.x - before.x;
  const dy = end.y - before.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const head = 9;
  const baseX = end.x - ux * head;
  const baseY = end.y - uy * head;
  ctx.lineCap = "round";
  // a halo in the background colour keeps crossing arrows and text apart
  tracePath(ctx, a, baseX, baseY);
  ctx.strokeStyle = theme.background;
  ctx.globalAlpha = 0.55;
  ctx.lineWidth = 4.5;
  ctx.stroke();
  ctx.globalAlpha = 1;
  tracePath(ctx, a, baseX, baseY);
  ctx.strokeStyle = theme.arrow;
  ctx.lineWidth = 1.8;
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(end.x, end.y);
  ctx.lineTo(baseX - uy * head * 0.5, baseY + ux * head * 0.5);
  ctx.lineTo(baseX + uy * head * 0.5, baseY - ux * head * 0.5);
  ctx.closePath();
  ctx.fillStyle = theme.arrow;
  ctx.fill();
}

/** Paints `layout` with its top-left at the context's origin, `scale` times its size. */
export function paintDiagram(ctx: PaintContext, layout: DiagramLayout, scale = 1): void {
  registerFonts();
  const theme = THEMES[layout.theme];
  ctx.save();
  ctx.scale(scale, scale);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, layout.width, layout.height);
  for (const s of layout.shapes) {
    if (s.kind === "box") paintBox(ctx, s, theme);
    else if (s.kind === "line") paintLine(ctx, s, theme);
    else paintMark(ctx, s, theme);
  }
  ctx.textBaseline = "middle";
  ctx.textAlign = "left";
  // the host's language must not choose glyphs: the same layout paints the same pixels anywhere
  ctx.lang = "en";
  let font = "";
  for (const t of layout.texts) {
    const css = fontCss(t.font);
    if (css !== font) {
      ctx.font = css;
      font = css;
    }
    ctx.fillStyle = theme[t.ink];
    ctx.fillText(t.text, t.x, t.y + t.height / 2);
  }
  for (const a of layout.arrows) paintArrow(ctx, a, theme);
  ctx.restore();
}
