/**
 * The rules every diagram layout keeps, checked as data: nothing overlaps, every arrow
 * leaves its slot and lands on its target's border, nothing leaves the canvas, every text
 * fits its box. Returns what is wrong, in words, so a failure reads as a list.
 */
import { createCanvas } from "../../src/render/canvas.js";
import { LIMITS, type CanvasPoint, type CanvasRect, type DiagramLayout } from "../../src/render/index.js";
import { fontCss, registerFonts } from "../../src/render/fonts.js";
import type { FontRole } from "../../src/render/types.js";
import { polyline, segmentHitsRect, sharedRun } from "../../src/render/layout/paths.js";

const EPS = 0.51;

function overlap(a: CanvasRect, b: CanvasRect): boolean {
  return a.x + EPS < b.x + b.w && b.x + EPS < a.x + a.w && a.y + EPS < b.y + b.h && b.y + EPS < a.y + a.h;
}

function inside(inner: CanvasRect, outer: CanvasRect): boolean {
  return (
    inner.x >= outer.x - EPS &&
    inner.y >= outer.y - EPS &&
    inner.x + inner.w <= outer.x + outer.w + EPS &&
    inner.y + inner.h <= outer.y + outer.h + EPS
  );
}

function show(r: CanvasRect): string {
  return `(${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.w)}×${Math.round(r.h)})`;
}

// measured independently of the layout's own measurer
registerFonts();
const ctx = createCanvas(4, 4).getContext("2d");
function measure(text: string, font: FontRole): number {
  ctx.font = fontCss(font);
  return ctx.measureText(text).width;
}

export function checkLayout(layout: DiagramLayout): string[] {
  const problems: string[] = [];
  const canvas: CanvasRect = { x: 0, y: 0, w: layout.width, h: layout.height };
  const onCanvas = (what: string, r: CanvasRect) => {
    if (!inside(r, canvas)) problems.push(`${what} ${show(r)} leaves the ${layout.width}×${layout.height} canvas`);
  };
  const pointOnCanvas = (what: string, p: CanvasPoint) => onCanvas(what, { x: p.x, y: p.y, w: 0, h: 0 });

  if (layout.width > LIMITS.maxWidth) problems.push(`width ${layout.width} is over ${LIMITS.maxWidth}`);

  // boxes: objects (live and freed) and frames never overlap each other
  const boxes = [
    ...layout.objects.map((o) => ({ name: `object ${o.id}${o.state === "freed" ? " (freed)" : ""}`, rect: o.rect })),
    ...layout.frames.map((f) => ({ name: `frame ${f.index}`, rect: f.rect })),
  ];
  for (let i = 0; i < boxes.length; i++) {
    onCanvas(boxes[i]!.name, boxes[i]!.rect);
    for (let j = i + 1; j < boxes.length; j++) {
      if (overlap(boxes[i]!.rect, boxes[j]!.rect)) {
        problems.push(`${boxes[i]!.name} ${show(boxes[i]!.rect)} overlaps ${boxes[j]!.name} ${show(boxes[j]!.rect)}`);
      }
    }
  }
  const panel = (name: string) => layout.panels.find((p) => p.name === name)?.rect;
  const heap = panel("heap");
  const stack = panel("stack");
  for (const o of layout.objects) if (heap && !inside(o.rect, heap)) problems.push(`object ${o.id} is outside the heap panel`);
  for (const f of layout.frames) if (stack && !inside(f.rect, stack)) problems.push(`frame ${f.index} is outside the stack panel`);
  // the regions of the picture never overlap (the unnamed and freed rows sit inside the heap)
  const rows = ["unnamed", "freed"];
  const regions = layout.panels.filter((p) => !rows.includes(p.name));
  for (let i = 0; i < regions.length; i++) {
    onCanvas(`panel ${regions[i]!.name}`, regions[i]!.rect);
    for (let j = i + 1; j < regions.length; j++) {
      if (overlap(regions[i]!.rect, regions[j]!.rect)) problems.push(`panel ${regions[i]!.name} overlaps panel ${regions[j]!.name}`);
    }
  }
  for (const name of rows) {
    const row = panel(name);
    if (row && heap && !inside(row, heap)) problems.push(`the ${name} row is outside the heap panel`);
  }
  const unnamed = panel("unnamed");
  const freed = panel("freed");
  if (unnamed && freed && overlap(unnamed, freed)) problems.push("the unnamed row overlaps the freed row");

  // arrows: from their slot's anchor to their target's border, one per drawn reference
  const slots = new Map(layout.slots.map((s) => [s.id, s]));
  const live = new Map(layout.objects.filter((o) => o.state !== "freed").map((o) => [o.id, o.rect]));
  const arrowsFrom = new Map<string, number>();
  for (const a of layout.arrows) {
    arrowsFrom.set(a.from, (arrowsFrom.get(a.from) ?? 0) + 1);
    const slot = slots.get(a.from);
    const start = a.points[0]!;
    const end = a.points.at(-1)!;
    if (!slot || !slot.anchor) {
      problems.push(`arrow from ${a.from} has no slot to start at`);
      continue;
    }
    if (slot.target !== a.to) problems.push(`arrow from ${a.from} goes to ${a.to}, but the slot refers to ${slot.target}`);
    if (start.x !== slot.anchor.x || start.y !== slot.anchor.y || !inside({ ...start, w: 0, h: 0 }, slot.rect)) {
      problems.push(`arrow from ${a.from} does not start at its slot`);
    }
    const t = live.get(a.to);
    if (!t) {
      problems.push(`arrow from ${a.from} points at ${a.to}, which is not drawn`);
      continue;
    }
    const withinX = end.x >= t.x - EPS && end.x <= t.x + t.w + EPS;
    const withinY = end.y >= t.y - EPS && end.y <= t.y + t.h + EPS;
    const onSide =
      a.side === "left" ? Math.abs(end.x - t.x) <= EPS && withinY
      : a.side === "right" ? Math.abs(end.x - (t.x + t.w)) <= EPS && withinY
      : a.side === "top" ? Math.abs(end.y - t.y) <= EPS && withinX
      : Math.abs(end.y - (t.y + t.h)) <= EPS && withinX;
    if (!onSide) problems.push(`arrow from ${a.from} ends at (${end.x},${end.y}), not on the ${a.side} side of ${a.to} ${show(t)}`);
    if (a.shape === "curve" && a.points.length !== 4) problems.push(`curved arrow from ${a.from} has ${a.points.length} points`);
    a.points.forEach((p, i) => pointOnCanvas(`arrow from ${a.from}, point ${i}`, p));
  }
  for (const s of layout.slots) {
    if (s.anchor && s.target && live.has(s.target) && arrowsFrom.get(s.id) !== 1) {
      problems.push(`slot ${s.id} refers to ${s.target} but has ${arrowsFrom.get(s.id) ?? 0} arrows`);
    }
  }

  // shapes and texts stay on the canvas; each text fits the box it belongs to
  for (const s of layout.shapes) {
    if (s.kind === "box") onCanvas("a box shape", s.rect);
    else if (s.kind === "line") s.points.forEach((p) => pointOnCanvas("a line", p));
    else onCanvas("a mark", { x: s.at.x - s.size, y: s.at.y - s.size, w: 2 * s.size, h: 2 * s.size });
  }
  for (const t of layout.texts) {
    const width = measure(t.text, t.font);
    const run = { x: t.x, y: t.y, w: width, h: t.height };
    onCanvas(`text "${t.text}"`, run);
    onCanvas(`the box of text "${t.text}"`, t.box);
    if (Math.abs(width - t.width) > 1) problems.push(`text "${t.text}" is ${width.toFixed(1)} px wide, layout said ${t.width}`);
    const centre = t.y + t.height / 2;
    if (t.x < t.box.x - EPS || t.x + width > t.box.x + t.box.w + 1 || centre < t.box.y - EPS || centre > t.box.y + t.box.h + EPS) {
      problems.push(`text "${t.text}" ${show(run)} does not fit its box ${show(t.box)}`);
    }
  }
  return problems;
}

/** Longest stretch (px) two arrows may run together before they read as one line. */
export const MERGE_PX = 10;

/**
 * Arrows keep clear of what a learner reads: no arrow runs through a text inside a box
 * (a type, a size, an address, a name, a value), and no two arrows share a stretch of
 * their way. Curves are checked along 16 straight pieces.
 */
export function arrowsKeepClear(layout: DiagramLayout): string[] {
  const problems: string[] = [];
  const boxes = [...layout.objects.map((o) => o.rect), ...layout.frames.map((f) => f.rect)];
  const within = (r: CanvasRect, b: CanvasRect) => r.x >= b.x - EPS && r.y >= b.y - EPS && r.x + r.w <= b.x + b.w + EPS && r.y + r.h <= b.y + b.h + EPS;
  // a text's ink, not its whole line box: glyphs sit in the middle of the line
  const texts = layout.texts
    .map((t) => ({ text: t.text, rect: { x: t.x + 1, y: t.y + t.height * 0.2, w: Math.max(0, t.width - 2), h: t.height * 0.6 } }))
    .filter((t) => boxes.some((b) => within(t.rect, b)));
  const lines = layout.arrows.map((a) => ({ a, line: polyline(a) }));
  for (const { a, line } of lines) {
    for (let i = 0; i + 1 < line.length; i++) {
      const hit = texts.find((t) => segmentHitsRect(line[i]!, line[i + 1]!, t.rect));
      if (hit) {
        problems.push(`arrow from ${a.from} runs through the text "${hit.text}" ${show(hit.rect)}`);
        break;
      }
    }
  }
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const run = sharedRun(lines[i]!.line, lines[j]!.line, 1.5);
      if (run > MERGE_PX) problems.push(`arrows from ${lines[i]!.a.from} and ${lines[j]!.a.from} run together for ${Math.round(run)} px`);
    }
  }
  return problems;
}
