/** kernel_info_reply: what the kernel is, answered from files on disk without loading Pyodide. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { memsimVersion } from "../../../core/version.js";
import type { Translator } from "../../../i18n/index.js";
import { pyodideIndexURL } from "../../../runners/python/index.js";


/** The CPython version Pyodide ships, read from its lock file (the interpreter need not be loaded). */
export function pyodidePythonVersion(): string {
  const lock = JSON.parse(readFileSync(join(pyodideIndexURL(), "pyodide-lock.json"), "utf8")) as { info?: { python?: string } };
  return lock.info?.python ?? "3";
}

export function kernelInfo(tr: Translator): Record<string, unknown> {
  const version = memsimVersion();
  const python = pyodidePythonVersion();
  return {
    status: "ok",
    protocol_version: "5.3",
    implementation: "memsim",
    implementation_version: version,
    language_info: {
      name: "python",
      version: python,
      mimetype: "text/x-python",
      file_extension: ".py",
      pygments_lexer: "ipython3",
      codemirror_mode: { name: "ipython", version: 3 },
      nbconvert_exporter: "python",
    },
    banner: tr.t("kernel.banner", { version, python }),
    // the version's own documentation: memsim runs exactly that CPython
    help_links: [{ text: tr.t("kernel.help.python"), url: `https://docs.python.org/${python.split(".").slice(0, 2).join(".")}/` }],
  };
}
