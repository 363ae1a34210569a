/**
 * What a sandboxed worker process, or an interpreter thread, takes away from its own
 * JavaScript before anything else loads: the network globals, and the process functions
 * that reach signals, native code, the working folder or other users.
 */
const NETWORK = ["fetch", "WebSocket", "EventSource", "XMLHttpRequest", "Request", "Response", "Headers", "FormData", "navigator"];
const PROCESS = ["kill", "_kill", "dlopen", "_linkedBinding", "chdir", "setuid", "setgid", "seteuid", "setegid", "setgroups", "initgroups"];

export function removePowers(extraProcess: string[] = []): void {
  for (const name of NETWORK) {
    try {
      delete (globalThis as Record<string, unknown>)[name];
    } catch {
      // a non-configurable global stays, and the sandbox's other layers still hold
    }
  }
  const refuse = () => {
    throw new Error("not available in memsim's sandbox");
  };
  const proc = process as unknown as Record<string, unknown>;
  for (const name of [...PROCESS, ...extraProcess]) {
    try {
      proc[name] = refuse;
    } catch {
      // already locked down by Node
    }
  }
}
