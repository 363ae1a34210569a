/**
 * A diagram as data: every box, text, arrow and mark with its place on the canvas. Layout
 * produces it, painting only follows it, and tests read it without drawing anything.
 *
 * All coordinates are canvas pixels of the diagram at its natural size, origin top-left.
 * They are branded `CanvasPoint` / `CanvasRect` so that no other space (a scaled GIF
 * frame, a cell-relative offset) can be passed where a canvas position is meant.
 */
import type { Locale } from "../i18n/index.js";

/** A point on the diagram's canvas. */
export interface CanvasPoint {
  readonly x: number;
  readonly y: number;
  readonly space?: "canvas";
}

/** A rectangle on the diagram's canvas. */
export interface CanvasRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly space?: "canvas";
}

export function rect(x: number, y: number, w: number, h: number): CanvasRect {
  return { x, y, w, h };
}

export function point(x: number, y: number): CanvasPoint {
  return { x, y };
}

/** What a colour means; the theme turns it into a colour. */
export type Ink =
  | "background"
  | "panel"
  | "panelBorder"
  | "text"
  | "muted"
  | "faint"
  | "title"
  | "frame"
  | "frameActive"
  | "frameHeader"
  | "object"
  | "objectHeader"
  | "cell"
  | "cellBorder"
  | "arrow"
  | "new"
  | "newFill"
  | "changed"
  | "changedFill"
  | "freed"
  | "freedFill"
  | "ran"
  | "ranFill"
  | "next"
  | "chartLine"
  | "chartFill"
  | "error"
  | "errorFill"
  | "tag"
  | "tagFill"
  | "temp"
  | "tempFill";

/** Which font a text uses; sizes are fixed per role so that measuring is exact. */
export type FontRole =
  | "header"
  | "title"
  | "hint"
  | "code"
  | "codeBold"
  | "lineNumber"
  | "name"
  | "value"
  | "typeName"
  | "size"
  | "address"
  | "index"
  | "tag"
  | "small"
  | "caption";

/** A run of text on one line. `box` is where it must fit: the cell, row or panel that holds it. */
export interface TextRun {
  text: string;
  /** left edge and baseline-free top: the text's line box is (x, y, width, height) */
  x: number;
  y: number;
  /** measured width of `text` in `font` */
  width: number;
  height: number;
  font: FontRole;
  ink: Ink;
  box: CanvasRect;
}

/** A filled and/or outlined rectangle. */
export interface BoxShape {
  kind: "box";
  rect: CanvasRect;
  fill?: Ink;
  stroke?: Ink;
  lineWidth?: number;
  radius?: number;
  /** round only the top corners (a header band inside a rounded box) */
  topOnly?: boolean;
  dashed?: boolean;
  /** 0..1, for things shown as gone */
  alpha?: number;
}

/** A straight polyline (separators, chart lines, brackets). */
export interface LineShape {
  kind: "line";
  points: CanvasPoint[];
  stroke: Ink;
  lineWidth: number;
  dashed?: boolean;
  /** fill the closed polygon under the line instead of stroking */
  fill?: Ink;
}

/** A small filled or outlined triangle pointing right (code markers) or a dot. */
export interface MarkShape {
  kind: "mark";
  shape: "triangle" | "dot";
  at: CanvasPoint;
  size: number;
  fill?: Ink;
  stroke?: Ink;
}

export type Shape = BoxShape | LineShape | MarkShape;

/** A reference drawn from a slot to the object it names. */
export interface Arrow {
  /** the slot the reference is stored in */
  from: string;
  /** the object id it refers to */
  to: string;
  /**
   * "curve": one cubic Bézier, points = [start, control 1, control 2, end];
   * "elbow": straight legs through every point, corners rounded (used to go around boxes)
   */
  shape: "curve" | "elbow";
  points: CanvasPoint[];
  /** the side of the target box the arrow enters by; the last point lies on it */
  side: "left" | "right" | "top" | "bottom";
}

/** Something that holds a reference or a value: a variable, a list cell, a dict value… */
export interface SlotBox {
  id: string;
  /** the object id, or "frame:N", that the slot belongs to */
  owner: string;
  rect: CanvasRect;
  /** where an arrow leaves, when the slot holds a reference to a shown object */
  anchor?: CanvasPoint;
  target?: string;
  /** the cell or row of the target the reference lands on (a C pointer into an array or an inner member) */
  land?: string;
  /** that cell's middle, once placed: the arrow enters the target's side level with it */
  landY?: number;
}

/** How an object box appears this step. */
export type ObjectState = "plain" | "new" | "changed" | "freed";

export interface ObjectBox {
  id: string;
  rect: CanvasRect;
  state: ObjectState;
}

export interface FrameBox {
  /** index in the trace's frame list (0: the outermost) */
  index: number;
  rect: CanvasRect;
  active: boolean;
}

/** The regions of the picture, for tests and for anyone placing things around it. */
export type PanelName = "header" | "code" | "chart" | "stack" | "heap" | "globals" | "unnamed" | "freed" | "temps" | "notes" | "caption";

export interface Panel {
  name: PanelName;
  rect: CanvasRect;
}

/** One step of a Trace, laid out. */
export interface DiagramLayout {
  width: number;
  height: number;
  stepIndex: number;
  locale: Locale;
  theme: "light" | "dark";
  panels: Panel[];
  frames: FrameBox[];
  objects: ObjectBox[];
  slots: SlotBox[];
  arrows: Arrow[];
  /** painted in order, before texts */
  shapes: Shape[];
  texts: TextRun[];
  /** what the diagram left out, said in words (also drawn) */
  omitted: { objects: number; frames: number };
  /** a one-paragraph description for chat alt text */
  alt: string;
}
