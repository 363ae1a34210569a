/**
 * A small handler for testing the protocol server without Python: an execute_request's code is
 * a command (one per cell) that says what the handler does while serving it. Plain JavaScript so
 * that a kernel process started by Jupyter's own clients can load it too (test-kernel.mjs).
 *
 *   block MS     busy-waits MS milliseconds on the main thread, then prints "blocked"
 *   wait [TEXT]  prints TEXT (when given) as a program prints while it runs, waits until
 *                interrupted, then fails with KeyboardInterrupt
 *   input P      asks for one line with prompt P and prints what came back
 *   spam N       publishes N stream messages at once, without waiting between them
 *   fail         the handler itself throws
 *   anything else is printed back as a stream, and count as an execution
 */

/**
 * @param {{ blocking?: (on: boolean) => void }} [options] told just before and just after a `block` busy-waits
 * @returns {import("../../../src/frontends/jupyter/types.js").KernelHandler & { interrupts: number, shutdowns: boolean[] }}
 */
export function createTestHandler(options = {}) {
  let count = 0;
  /** @type {(() => void) | undefined} */
  let wake;
  const handler = {
    interrupts: 0,
    /** @type {boolean[]} */
    shutdowns: [],
    kernelInfo() {
      return {
        status: "ok",
        protocol_version: "5.3",
        implementation: "memsim-test",
        implementation_version: "0",
        language_info: { name: "python", version: "3.14", mimetype: "text/x-python", file_extension: ".py" },
        banner: "test handler",
        help_links: [],
      };
    },
    /** @param {string} channel @param {any} request @param {any} io */
    async handle(channel, request, io) {
      const type = request.header.msg_type;
      if (type === "comm_info_request") return { msgType: "comm_info_reply", content: { status: "ok", comms: {} } };
      if (type === "is_complete_request") return { msgType: "is_complete_reply", content: { status: "complete" } };
      if (type !== "execute_request") return null;
      const code = String(request.content.code ?? "");
      const [word, ...rest] = code.trim().split(/\s+/);
      const arg = rest.join(" ");
      count++;
      io.publish("execute_input", { code, execution_count: count });
      const ok = { msgType: "execute_reply", content: { status: "ok", execution_count: count, user_expressions: {}, payload: [] } };
      const print = (text) => io.publish("stream", { name: "stdout", text });
      if (word === "block") {
        options.blocking?.(true);
        const until = Date.now() + Number(arg);
        while (Date.now() < until);
        options.blocking?.(false);
        print("blocked\n");
      } else if (word === "wait") {
        if (arg) print(`${arg}\n`);
        await new Promise((resolve) => (wake = resolve));
        const error = { ename: "KeyboardInterrupt", evalue: "", traceback: ["KeyboardInterrupt"] };
        io.publish("error", error);
        return { msgType: "execute_reply", content: { status: "error", execution_count: count, ...error } };
      } else if (word === "input") {
        const value = await io.input(arg, false);
        print(value === null ? "no stdin\n" : `got ${value}\n`);
      } else if (word === "spam") {
        for (let i = 0; i < Number(arg); i++) print(`${i}\n`);
      } else if (word === "fail") {
        throw new Error("the test handler failed on purpose");
      } else print(`${code}\n`);
      return ok;
    },
    async interrupt() {
      handler.interrupts++;
      wake?.();
      wake = undefined;
    },
    /** @param {boolean} restart */
    async shutdown(restart) {
      handler.shutdowns.push(restart);
    },
  };
  return handler;
}
