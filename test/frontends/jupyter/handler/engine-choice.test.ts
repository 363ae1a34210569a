/** Where a kernel's cells run: threads on one's own machine, the sandbox pool under a shared JupyterHub. */
import { describe, expect, it } from "vitest";
import { kernelEngine } from "../../../../src/frontends/jupyter/handler/engine.js";

const limits = { timeLimitMs: 5_000 };

describe("the kernel's engine", () => {
  it("is interpreter threads for a notebook on one's own machine", () => {
    expect(kernelEngine({ PATH: process.env.PATH }, limits)).toMatchObject({ engine: "threads", limits });
  });

  it("is the sandbox pool when a shared JupyterHub started the kernel", () => {
    for (const name of ["JUPYTERHUB_USER", "JUPYTERHUB_API_TOKEN", "JUPYTERHUB_SERVICE_PREFIX"]) {
      const config = kernelEngine({ PATH: process.env.PATH, [name]: "x" }, limits);
      expect(config.engine).toBe("pool");
      expect(["bwrap", "node"]).toContain(config.sandbox?.sandbox);
      expect(config.limits).toEqual(limits);
    }
  });

  it("follows MEMSIM_SANDBOX when it is set, hub or not", () => {
    expect(kernelEngine({ PATH: process.env.PATH, MEMSIM_SANDBOX: "node" }, limits)).toMatchObject({ engine: "pool", sandbox: { sandbox: "node" } });
    expect(kernelEngine({ PATH: process.env.PATH, MEMSIM_SANDBOX: "node", JUPYTERHUB_USER: "x" }, limits)).toMatchObject({ engine: "pool", sandbox: { sandbox: "node" } });
  });
});
