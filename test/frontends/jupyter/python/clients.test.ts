// Jupyter's own client (jupyter_client) against the protocol server with the test handler
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jupyterHome, unittest, type JupyterHome } from "./jupyter.js";

let home: JupyterHome;
beforeAll(async () => {
  home = await jupyterHome();
});
afterAll(() => home.remove());

describe("the protocol server under jupyter_client", () => {
  it("starts, answers, takes input, is interrupted, killed and restarted, and shuts down by itself", async () => {
    const { status, output } = await unittest("test_clients", home.env, 170_000);
    expect(output).toMatch(/Ran 7 tests/);
    expect(status, output).toBe(0);
  }, 180_000);
});
