/**
 * A kernel's connection file, as Jupyter writes it before it starts the kernel: where to bind
 * the five sockets and the key that signs every message.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { MemsimError } from "../../../core/errors.js";

/** The kernel could not start from its connection file (missing, unreadable, or not what Jupyter writes). */
export class ConnectionFileError extends MemsimError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("kernel-connection-file", message, options);
    this.name = "ConnectionFileError";
  }
}

const Port = z.number().int().min(1).max(65535);

const ConnectionSchema = z.object({
  transport: z.enum(["tcp", "ipc"]).default("tcp"),
  ip: z.string().min(1),
  shell_port: Port,
  iopub_port: Port,
  stdin_port: Port,
  control_port: Port,
  hb_port: Port,
  signature_scheme: z.string().default("hmac-sha256"),
  key: z.string().default(""),
  kernel_name: z.string().optional(),
});

export type ConnectionInfo = z.infer<typeof ConnectionSchema>;

export type SocketName = "shell" | "control" | "stdin" | "iopub" | "hb";

const PORT_OF: Record<SocketName, "shell_port" | "control_port" | "stdin_port" | "iopub_port" | "hb_port"> = {
  shell: "shell_port",
  control: "control_port",
  stdin: "stdin_port",
  iopub: "iopub_port",
  hb: "hb_port",
};

/** Checks a connection file's content; only HMAC-SHA256 signing is known. */
export function parseConnection(value: unknown): ConnectionInfo {
  const parsed = ConnectionSchema.safeParse(value);
  if (!parsed.success) throw new ConnectionFileError(`the connection file is not one Jupyter writes: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`); // operator-facing
  if (parsed.data.key !== "" && parsed.data.signature_scheme !== "hmac-sha256") {
    throw new ConnectionFileError(`signature scheme ${parsed.data.signature_scheme} is not supported (only hmac-sha256)`); // operator-facing
  }
  return parsed.data;
}

/** Reads and checks the connection file at `path`. */
export function readConnectionFile(path: string): ConnectionInfo {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new ConnectionFileError(`cannot read the connection file ${path}`, { cause }); // operator-facing
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new ConnectionFileError(`the connection file ${path} is not JSON`, { cause }); // operator-facing
  }
  return parseConnection(value);
}

/** The ZeroMQ address of one socket: tcp://ip:port, or ipc://ip-port as Jupyter names its ipc files. */
export function socketAddress(info: ConnectionInfo, socket: SocketName): string {
  const port = info[PORT_OF[socket]];
  return info.transport === "tcp" ? `tcp://${info.ip}:${port}` : `ipc://${info.ip}-${port}`;
}
