/**
 * The progress file a run's interpreter writes as it goes (see PROGRESS_HEADER): the host
 * reads it when it has to stop a run, so a stopped run still says where it was.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { ProgressSource } from "./answers.js";
import { PROGRESS_HEADER } from "./protocol.js";

let root: string | undefined;

function tmpRoot(): string {
  root ??= mkdtempSync(join(process.env.TMPDIR || "/tmp", "memsim-sandbox-"));
  return root;
}

export class ProgressFile implements ProgressSource {
  readonly fd: number;

  constructor() {
    const dir = mkdtempSync(join(tmpRoot(), "progress-"));
    this.fd = openSync(join(dir, "progress"), "w+", 0o600);
    // the descriptor is all anyone needs: the file itself is not kept by name
    rmSync(dir, { recursive: true, force: true });
  }

  /** The step count and line the running program last reported. */
  progress(): { steps: number; line: number } {
    const buf = Buffer.alloc(PROGRESS_HEADER);
    try {
      readSync(this.fd, buf, 0, PROGRESS_HEADER, 0);
    } catch {
      return { steps: 0, line: 0 };
    }
    return { steps: buf.readUInt32LE(0), line: buf.readUInt32LE(4) };
  }

  /** The trace the tracer had when it stopped the program, if it did (untrusted JSON). */
  partialTrace(maxBytes: number): string | undefined {
    const head = Buffer.alloc(PROGRESS_HEADER);
    try {
      readSync(this.fd, head, 0, PROGRESS_HEADER, 0);
      const size = head.readUInt32LE(8);
      if (size === 0 || size > maxBytes) return undefined;
      const body = Buffer.alloc(size);
      readSync(this.fd, body, 0, size, PROGRESS_HEADER);
      return body.toString("utf8");
    } catch {
      return undefined;
    }
  }

  close(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}
