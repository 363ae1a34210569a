// Run by pictures-memory.test.ts in a process of its own, with this process's resident
// memory read as pictures are made. "frames": `memsim run FILE --frames DIR`, memory read at
// each picture written. "gif": the run's Trace, then its GIF, memory read before and during.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { pathToFileURL } from "node:url";

const [mode, dist, program, framesDir] = process.argv.slice(2);
const rss = () => process.memoryUsage.rss();
const turn = () => new Promise((resolve) => setImmediate(resolve));
const io = (out) => ({ stdout: (t) => out.push(t), stderr: () => undefined, readStdin: () => "", env: { ...process.env, LANG: "C" } });
const { main } = await import(pathToFileURL(`${dist}/src/cli/main.js`).href);

if (mode === "frames") {
  // the CLI imports writeFileSync by name: the module's binding is updated to this one
  const atWrite = [];
  const write = fs.writeFileSync;
  fs.writeFileSync = function (path, ...rest) {
    const out = write.call(this, path, ...rest);
    if (String(path).endsWith(".png")) atWrite.push(rss());
    return out;
  };
  syncBuiltinESMExports();
  const status = await main(["run", program, "--frames", framesDir], io([]));
  process.stdout.write(JSON.stringify({ status, atWrite }) + "\n");
} else {
  const out = [];
  const status = await main(["run", program, "--json"], io(out));
  // --json prints the compact form: expanded as every reader of a Trace does
  const { decodeTrace } = await import(pathToFileURL(`${dist}/src/core/wire.js`).href);
  const trace = decodeTrace(JSON.parse(out.join("")));
  const { renderGifAsync, renderStepPng } = await import(pathToFileURL(`${dist}/src/render/index.js`).href);
  // fonts and the first canvas are the renderer's once for all: not counted
  renderStepPng(trace, 0);
  await turn();
  const before = rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rss())), 1);
  const gif = await renderGifAsync(trace);
  peak = Math.max(peak, rss());
  clearInterval(sampler);
  process.stdout.write(JSON.stringify({ status, steps: trace.steps.length, frames: gif.frames, bytes: gif.gif.length, before, peak }) + "\n");
}
