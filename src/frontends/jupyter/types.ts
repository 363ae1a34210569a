/**
 * The seam between the Jupyter kernel's protocol server (sockets, signing, ordering: `protocol/`)
 * and its handler (a request turned into replies and outputs, as data: `handler/`). Messages are
 * Jupyter's messaging protocol 5.3; the handler never sees a socket, an identity or a signature.
 */

/** A message header as the protocol defines it. */
export interface Header {
  msg_id: string;
  session: string;
  username: string;
  /** ISO 8601 */
  date: string;
  msg_type: string;
  /** "5.3" */
  version: string;
}

/** One request as the server received it, its signature already checked. */
export interface JupyterMessage {
  header: Header;
  /** `{}` when the message has no parent */
  parent_header: Header | Record<string, never>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
  buffers: Uint8Array[];
}

export type Channel = "shell" | "control";

/** What a handler may do while it serves one request: every message it sends has that request as its parent. */
export interface RequestIO {
  /** publishes on IOPub: stream, display_data, execute_input, execute_result, error, clear_output… */
  publish(msgType: string, content: Record<string, unknown>, metadata?: Record<string, unknown>): void;
  /**
   * Asks the front end for one line through the stdin channel (input_request, then its
   * input_reply). Resolves to null when the request did not allow stdin.
   */
  input(prompt: string, password: boolean): Promise<string | null>;
  /** whether the request allows stdin (`allow_stdin` of an execute_request) */
  readonly allowStdin: boolean;
}

/** A request's reply: sent on the channel the request came on, as `msgType` (e.g. "execute_reply"). */
export interface Reply {
  msgType: string;
  content: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/**
 * The kernel's behaviour. The server publishes `status: busy` before it passes a request on and
 * `status: idle` after its reply is sent, for every request (kernel_info included). Shell requests
 * are served one at a time, in the order they came; control requests are served at once, even
 * while a shell request is being served.
 */
export interface KernelHandler {
  /** kernel_info_reply's content: answered at once, before the interpreter has loaded */
  kernelInfo(): Record<string, unknown>;
  /**
   * Any other request except interrupt_request and shutdown_request: its reply, or null for a
   * message type the kernel does not know (the server logs it and replies nothing).
   */
  handle(channel: Channel, request: JupyterMessage, io: RequestIO): Promise<Reply | null>;
  /** interrupt_request: stops the running cell (it ends with KeyboardInterrupt); the session's names survive */
  interrupt(): Promise<void>;
  /** shutdown_request: lets go of the session (`restart`: a fresh one will be wanted) */
  shutdown(restart: boolean): Promise<void>;
}
