// Jupyter's own tools against the memsim kernel itself: its test suite, a notebook run by nbclient,
// an interrupt and a restart
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jupyterHome, unittest, type JupyterHome } from "./jupyter.js";

let home: JupyterHome;
beforeAll(async () => {
  home = await jupyterHome();
});
afterAll(() => home.remove());

describe("the memsim kernel under Jupyter's own tools", () => {
  it("passes jupyter_kernel_test with every sample filled in", async () => {
    const { status, output } = await unittest("test_memsim_kernel", home.env, 290_000);
    expect(output).toMatch(/Ran 10 tests/);
    expect(output).not.toMatch(/skipped/);
    expect(status, output).toBe(0);
  }, 300_000);

  it("runs a notebook headless with nbclient: a PNG in every cell, names carried across cells", async () => {
    const { status, output } = await unittest("test_notebook", home.env, 170_000);
    expect(output).toMatch(/Ran 1 test/);
    expect(status, output).toBe(0);
  }, 180_000);

  it("stops while True: pass on interrupt and runs the next cell; is killed and restarted by the client", async () => {
    const { status, output } = await unittest("test_lifecycle", home.env, 170_000);
    expect(output).toMatch(/Ran 2 tests/);
    expect(status, output).toBe(0);
  }, 180_000);
});
