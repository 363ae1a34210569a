/**
 * Where a kernel's cells run. On one's own machine, in interpreter threads of the kernel's
 * process, as `memsim run` does. Under a shared JupyterHub (whose single-user servers pass
 * `JUPYTERHUB_*` settings to their kernels), in the sandbox pool, as in chat: one machine
 * serves many people's notebooks. MEMSIM_SANDBOX, when set, decides.
 */
import { sandboxMode } from "../../../sandbox/index.js";
import { engineFromEnv, type EngineConfig, type Limits } from "../../../session/index.js";

const HUB_SETTINGS = ["JUPYTERHUB_USER", "JUPYTERHUB_API_TOKEN", "JUPYTERHUB_SERVICE_PREFIX"];

export function startedByJupyterHub(env: NodeJS.ProcessEnv): boolean {
  return HUB_SETTINGS.some((name) => Boolean(env[name]));
}

export function kernelEngine(env: NodeJS.ProcessEnv, limits: Limits): EngineConfig {
  if (env.MEMSIM_SANDBOX || !startedByJupyterHub(env)) return engineFromEnv(env, { limits });
  // the strongest isolation this machine has (bubblewrap, else Node's permission model)
  return engineFromEnv({ ...env, MEMSIM_SANDBOX: sandboxMode(undefined, env).mode }, { limits });
}
