/** kernel_info is answered at once, from files on disk, while the interpreter is still loading. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createKernelHandler } from "../../../../src/frontends/jupyter/handler/index.js";
import type { SessionLayer } from "../../../../src/session/index.js";
import { request } from "./fake-io.js";

const root = join(import.meta.dirname, "..", "..", "..", "..");

/** A layer whose interpreter never finishes loading: kernel_info must not wait for it. */
function loadingLayer(): SessionLayer & { warmed: string[] } {
  const warmed: string[] = [];
  const never = new Promise<never>(() => undefined);
  return {
    warmed,
    config: { engine: "threads" },
    simulate: () => never,
    simulateSealed: () => never,
    warm: (language) => {
      warmed.push(language);
      return never;
    },
    interrupt: () => false,
    where: () => undefined,
    stats: () => undefined,
    close: async () => undefined,
  };
}

describe("kernel_info", () => {
  it("is answered before the interpreter has loaded, and starts loading it", async () => {
    const layer = loadingLayer();
    const handler = createKernelHandler({ env: {}, layer, locale: "en" });
    expect(layer.warmed).toEqual(["python"]);
    const info = handler.kernelInfo();
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    const lock = JSON.parse(readFileSync(join(root, "node_modules", "pyodide", "pyodide-lock.json"), "utf8")) as { info: { python: string } };
    expect(info).toMatchObject({
      status: "ok",
      protocol_version: "5.3",
      implementation: "memsim",
      implementation_version: pkg.version,
      language_info: {
        name: "python",
        version: lock.info.python,
        mimetype: "text/x-python",
        file_extension: ".py",
        pygments_lexer: "ipython3",
        codemirror_mode: { name: "ipython", version: 3 },
      },
    });
    expect(String((info.language_info as { version: string }).version)).toMatch(/^3\.14\./);
    expect(info.banner).toContain(lock.info.python);
    expect(info.help_links).toEqual([{ text: expect.any(String), url: expect.stringMatching(/^https:\/\/docs\.python\.org\/3\.14\/$/) }]);
    // the same answer as a request on the shell channel, still without the interpreter
    const { reply } = await request(handler, "kernel_info_request", {});
    expect(reply).toEqual({ msgType: "kernel_info_reply", content: info });
  });

  it("is worded in the kernel's language", () => {
    const handler = createKernelHandler({ env: {}, layer: loadingLayer(), locale: "zh-CN" });
    expect(String(handler.kernelInfo().banner)).toMatch(/\p{Script=Han}/u);
  });

  it("answers comm_info with no comms, and nothing for a request it does not know", async () => {
    const handler = createKernelHandler({ env: {}, layer: loadingLayer() });
    expect((await request(handler, "comm_info_request", {})).reply).toEqual({ msgType: "comm_info_reply", content: { status: "ok", comms: {} } });
    expect((await request(handler, "no_such_request", {})).reply).toBeNull();
  });
});

describe("a cell's limits", () => {
  it("are the chat's, from the same settings", async () => {
    const asked: unknown[] = [];
    const layer = loadingLayer();
    layer.simulate = async (_source, options) => {
      asked.push(options.limits);
      return { ok: false, error: { code: "busy" } };
    };
    const handler = createKernelHandler({ env: { MEMSIM_TIME_LIMIT_S: "2", MEMSIM_MAX_STEPS: "700" }, layer, locale: "en" });
    const { reply } = await request(handler, "execute_request", { code: "x = 1\n", silent: false, store_history: true, allow_stdin: false });
    expect(asked).toEqual([{ timeLimitMs: 2_000, maxSteps: 700 }]);
    // a run memsim could not make is one error, worded as the chat words it
    expect(reply?.content).toMatchObject({ status: "error", evalue: "memsim is busy right now. Try again in a moment." });
  });
});
