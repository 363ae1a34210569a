import { it } from "vitest";
import { readFileSync } from "node:fs";
import { parseC } from "../../../../src/runners/c/parse/index.js";
it("scratch", async () => {
  for (const f of (process.env.FILES ?? "").split(",")) {
    const r = await parseC(readFileSync(f, "utf8"));
    console.log(f, JSON.stringify(r.diagnostics, (k, v) => (typeof v === "bigint" ? String(v) : v)));
  }
});
