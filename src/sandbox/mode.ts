/**
 * Which isolation this host can give a worker: bubblewrap where it is installed and works,
 * otherwise Node's permission model alone.
 */
import { spawnSync } from "node:child_process";
import { SandboxError } from "./errors.js";
import type { SandboxMode } from "./options.js";

export interface SandboxInfo {
  mode: SandboxMode;
  /** where bubblewrap is, when it is used */
  bwrap?: string;
  /** set when the weaker mode is in force without being asked for */
  warning?: string;
  /** why bubblewrap is not in use, when it was looked for */
  reason?: string;
  /** the layers in force, for logs and `memsim` status output */
  layers: string[];
}

const NODE_LAYERS = [
  "node --experimental-permission (read: Pyodide, the worker's code and its snapshot only; no child processes or addons)", // operator-facing
  "one interpreter per run: a thread restored from the start-up snapshot, discarded when the run ends", // operator-facing
  "--disallow-code-generation-from-strings",
  "empty environment, empty jsglobals, no network globals", // operator-facing
  "per-run limits: time, steps, memory, output, recursion depth, trace size", // operator-facing
  "the worker dies with the host (bubblewrap --die-with-parent, or setpriv --pdeathsig KILL)", // operator-facing
];
const BWRAP_LAYERS = ["bubblewrap: no network, own pid/ipc/uts/user namespaces, read-only view of the needed files only, no capabilities", ...NODE_LAYERS]; // operator-facing

let cached: { key: string; info: SandboxInfo } | undefined;

function findBwrap(env: NodeJS.ProcessEnv): { path?: string; error?: string } {
  const which = spawnSync("/bin/sh", ["-c", "command -v bwrap"], { encoding: "utf8", env: { PATH: env.PATH ?? "/usr/bin:/bin" } });
  const path = which.stdout?.trim();
  if (which.status !== 0 || !path) return { error: "bubblewrap (bwrap) is not installed" }; // operator-facing
  // bwrap can be present but unusable (no user namespaces): try the flags the workers use
  const probe = spawnSync(path, ["--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--", "true"], {
    encoding: "utf8",
    timeout: 10_000,
  });
  if (probe.status !== 0) return { path, error: `bubblewrap does not work here: ${(probe.stderr || probe.error?.message || "").trim()}` }; // operator-facing
  return { path };
}

/**
 * The isolation in force for `requested` (or MEMSIM_SANDBOX, or the best available).
 * Throws when bubblewrap is asked for and cannot run.
 */
export function sandboxMode(requested?: SandboxMode, env: NodeJS.ProcessEnv = process.env): SandboxInfo {
  const asked = requested ?? parseMode(env.MEMSIM_SANDBOX);
  const key = `${asked ?? ""}|${env.PATH ?? ""}`;
  if (cached?.key === key) return cached.info;
  let info: SandboxInfo;
  if (asked === "node") info = { mode: "node", layers: NODE_LAYERS };
  else {
    const found = findBwrap(env);
    if (found.path && !found.error) info = { mode: "bwrap", bwrap: found.path, layers: BWRAP_LAYERS };
    else if (asked === "bwrap") throw new SandboxError("bwrap-unavailable", `MEMSIM_SANDBOX=bwrap, but ${found.error}.`);
    else
      info = {
        mode: "node",
        layers: NODE_LAYERS,
        reason: found.error,
        warning: `${found.error}: Python runs under Node's permission model only. Install bubblewrap for the strong sandbox (apt-get install bubblewrap), or set MEMSIM_SANDBOX=node to accept this mode.`, // operator-facing
      };
  }
  cached = { key, info };
  return info;
}

function parseMode(value: string | undefined): SandboxMode | undefined {
  if (value === undefined || value === "") return undefined;
  if (value === "bwrap" || value === "node") return value;
  throw new SandboxError("bad-sandbox-mode", `MEMSIM_SANDBOX must be "bwrap" or "node", not "${value}".`);
}

/**
 * For front ends that serve strangers (the chat bot): refuses the weaker mode unless it
 * was accepted explicitly (`allowWeak`, or MEMSIM_ALLOW_WEAK_SANDBOX=1).
 */
export function requireStrongSandbox(info: SandboxInfo, options: { allowWeak?: boolean; env?: NodeJS.ProcessEnv } = {}): void {
  const env = options.env ?? process.env;
  if (info.mode === "bwrap") return;
  if (options.allowWeak || env.MEMSIM_ALLOW_WEAK_SANDBOX === "1") return;
  // say why bubblewrap is not in use: missing, present but failing, or set aside by MEMSIM_SANDBOX=node
  const why = info.reason ? `${info.reason.replace(/\.$/, "")}. ` : env.MEMSIM_SANDBOX === "node" ? "MEMSIM_SANDBOX=node turns bubblewrap off. " : ""; // operator-facing
  throw new SandboxError(
    "sandbox-too-weak",
    `${why}The chat bot runs code from strangers and needs bubblewrap (bwrap) for its sandbox. Install it (apt-get install bubblewrap, or dnf install bubblewrap); where it is installed but fails, allow unprivileged user namespaces (sysctl kernel.apparmor_restrict_unprivileged_userns=0, or run the bot outside a container that forbids them). Or set MEMSIM_ALLOW_WEAK_SANDBOX=1 to accept Node's permission model alone.`, // operator-facing
  );
}
