/** The two colour themes. Layout names what a colour means (an `Ink`); a theme says which colour. */
import type { Ink } from "./types.js";

export type ThemeName = "light" | "dark";

export type Theme = Record<Ink, string>;

// dark: close to the chat apps' own dark background, so the picture sits well in a channel
const dark: Theme = {
  background: "#1e2027",
  panel: "#262932",
  panelBorder: "#3a3f4c",
  text: "#e8eaf0",
  muted: "#a3abbb",
  faint: "#6c7486",
  title: "#f3f4f8",
  frame: "#2c303b",
  frameActive: "#e0b646",
  frameHeader: "#363b48",
  object: "#2c303b",
  objectHeader: "#3a4050",
  cell: "#232630",
  cellBorder: "#4a5060",
  arrow: "#74b9f5",
  new: "#4fd37e",
  newFill: "#1f4a31",
  changed: "#f0b94a",
  changedFill: "#4a3d1c",
  freed: "#f07575",
  freedFill: "#3b2426",
  ran: "#e0b646",
  ranFill: "#4a4020",
  next: "#74b9f5",
  chartLine: "#74b9f5",
  chartFill: "#2b3d52",
  error: "#ff8a80",
  errorFill: "#4a2222",
  tag: "#c7cede",
  tagFill: "#414758",
  temp: "#c9a3f2",
  tempFill: "#352b45",
};

const light: Theme = {
  background: "#ffffff",
  panel: "#f5f6f8",
  panelBorder: "#d3d7df",
  text: "#1d2129",
  muted: "#5a6272",
  faint: "#9aa1ae",
  title: "#11141a",
  frame: "#ffffff",
  frameActive: "#c58a00",
  frameHeader: "#e8ebf1",
  object: "#ffffff",
  objectHeader: "#e3e8f2",
  cell: "#fafbfc",
  cellBorder: "#bfc5d0",
  arrow: "#2f6fd6",
  new: "#16994a",
  newFill: "#dcf5e5",
  changed: "#c27c00",
  changedFill: "#fdf0d2",
  freed: "#d33b3b",
  freedFill: "#fbe3e3",
  ran: "#c58a00",
  ranFill: "#fff1c7",
  next: "#2f6fd6",
  chartLine: "#2f6fd6",
  chartFill: "#dbe7fb",
  error: "#c62828",
  errorFill: "#fde4e4",
  tag: "#3d4452",
  tagFill: "#e4e7ee",
  temp: "#7b3fc4",
  tempFill: "#efe6fb",
};

export const THEMES: Record<ThemeName, Theme> = { dark, light };
