/** The golden-text diff shows what changed, with context, and nothing for equal texts. */
import { describe, expect, it } from "vitest";
import { lineDiff } from "./diff.js";

describe("lineDiff", () => {
  it("marks a changed line as removed and added, with context", () => {
    const a = ["1", "2", "3", "4", "5", "6", "7", "8"].join("\n");
    const b = ["1", "2", "3", "4", "five", "6", "7", "8"].join("\n");
    expect(lineDiff(a, b, 1)).toBe(["  …", "  4", "- 5", "+ five", "  6", "  …"].join("\n"));
  });

  it("shows added lines only as added", () => {
    expect(lineDiff("a\nb", "a\nx\nb", 0)).toBe(["  …", "+ x", "  …"].join("\n"));
  });

  it("has no changed line for equal texts", () => {
    expect(lineDiff("a\nb", "a\nb")).not.toMatch(/^[+-]/m);
  });
});
