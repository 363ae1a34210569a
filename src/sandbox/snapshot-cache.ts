/**
 * The start-up snapshot of the command line and the console, kept between runs in the
 * user's cache folder: $MEMSIM_CACHE_DIR, else $XDG_CACHE_HOME/memsim, else ~/.cache/memsim.
 *
 * One file per key (snapshot.ts: memsim's version, the tracer and guard, Pyodide's files),
 * with a header that names the key, the length and a CRC-32 of the snapshot. It is written
 * to a temporary file and renamed into place, mode 0600 in a folder of this user's (0700).
 * A file that is not ours, not for this key, cut short or damaged is never used: the
 * snapshot is made again. Nothing a program does can write here: programs have no files
 * of the host, only Pyodide's in-memory ones.
 */
import { randomBytes } from "node:crypto";
import { closeSync, constants, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";

const MAGIC = "memsim snapshot\n"; // operator-facing: the file's first bytes
/** magic (16 bytes), key (32, ASCII), snapshot length (u32), CRC-32 of the snapshot (u32), spare */
const HEADER = 64;
const KEY_AT = 16;
const LENGTH_AT = 48;
const CRC_AT = 52;
/** snapshots of other keys unused this long are removed when a new one is written */
const STALE_MS = 14 * 24 * 3600_000;

/** The folder the snapshot is kept in, from the environment. */
export function cacheFolder(env: NodeJS.ProcessEnv): string {
  if (env.MEMSIM_CACHE_DIR) return env.MEMSIM_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "memsim");
  return join(homedir(), ".cache", "memsim");
}

export function cachePath(folder: string, key: string): string {
  return join(folder, `snapshot-${key}.bin`);
}

/** A snapshot read from the cache, in memory that interpreter threads can share. */
export interface CachedSnapshot {
  bytes: Uint8Array<SharedArrayBuffer>;
  /** true when the bytes are the ones written (checks the CRC-32: ~0.1 s, worth doing off the critical path) */
  intact(): boolean;
}

/** Only a regular file of this user's that no one else may write is trusted. */
function ours(st: { uid: number; mode: number }): boolean {
  return (!process.getuid || st.uid === process.getuid()) && (st.mode & 0o022) === 0;
}

/**
 * The cached snapshot for `key`, or undefined when there is none that may be used (absent,
 * foreign, for another key, or cut short). Read straight into shared memory: no copies.
 */
export async function readCachedSnapshot(folder: string, key: string): Promise<CachedSnapshot | undefined> {
  let file: FileHandle;
  try {
    file = await open(cachePath(folder, key), constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const st = await file.stat();
    if (!st.isFile() || !ours(st) || st.size <= HEADER) return undefined;
    const header = Buffer.alloc(HEADER);
    if ((await file.read(header, 0, HEADER, 0)).bytesRead !== HEADER) return undefined;
    if (header.toString("latin1", 0, KEY_AT) !== MAGIC) return undefined;
    if (header.toString("latin1", KEY_AT, LENGTH_AT).replace(/\0+$/, "") !== key) return undefined;
    const length = header.readUInt32LE(LENGTH_AT);
    const crc = header.readUInt32LE(CRC_AT);
    if (length !== st.size - HEADER) return undefined;
    // in use: not stale for another version's clean-up (see removeStale)
    if (Date.now() - st.mtimeMs > 24 * 3600_000) await file.utimes(new Date(), new Date());
    const bytes = new Uint8Array(new SharedArrayBuffer(length));
    for (let at = 0; at < length; ) {
      const { bytesRead } = await file.read(bytes, at, length - at, HEADER + at);
      if (bytesRead <= 0) return undefined;
      at += bytesRead;
    }
    return { bytes, intact: () => crc32(bytes) >>> 0 === crc };
  } catch {
    return undefined;
  } finally {
    await file.close();
  }
}

/**
 * Keeps `bytes` as the snapshot for `key` (temporary file, then rename: a reader sees the
 * old file or the whole new one). Throws when the folder cannot be made ours or written.
 */
export function writeCachedSnapshot(folder: string, key: string, bytes: Uint8Array): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const st = statSync(folder);
  if (!st.isDirectory() || !ours(st)) throw new Error(`${folder} is not a private folder of this user`); // operator-facing
  const header = Buffer.alloc(HEADER);
  header.write(MAGIC, 0, "latin1");
  header.write(key.slice(0, LENGTH_AT - KEY_AT), KEY_AT, "latin1");
  header.writeUInt32LE(bytes.length, LENGTH_AT);
  header.writeUInt32LE(crc32(bytes) >>> 0, CRC_AT);
  const tmp = join(folder, `.snapshot-${key}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    writeAll(fd, header);
    writeAll(fd, bytes);
  } catch (error) {
    closeSync(fd);
    unlinkSync(tmp);
    throw error;
  }
  closeSync(fd);
  renameSync(tmp, cachePath(folder, key));
  removeStale(folder, key);
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** Snapshots of other keys (an older memsim or Pyodide) unused for a while, and lost temporary files. */
function removeStale(folder: string, key: string): void {
  const now = Date.now();
  for (const name of readdirSync(folder)) {
    const snapshot = /^snapshot-[0-9a-f]+\.bin$/.test(name) && name !== `snapshot-${key}.bin`;
    const lost = /^\.snapshot-.*\.tmp$/.test(name);
    if (!snapshot && !lost) continue;
    try {
      const path = join(folder, name);
      if (now - statSync(path).mtimeMs > (lost ? 3600_000 : STALE_MS)) unlinkSync(path);
    } catch {
      // another process removed it first
    }
  }
}
