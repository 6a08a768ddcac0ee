// A program's file on the host, read once per start: its bytes and, when the file held still while
// it was read, its identity (device, inode, size, modification and change times). The identity
// stands in for the content where a content hash would mean reading 75 MB through SHA-256 on every
// start: as the key of a machine's loaded images, and, through a record of the hash it was
// verified to have (rememberedHash), as the key of the preparation cache.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync, type BigIntStats } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../toolchain/compile_cache.js';

export interface ProgramFile {
  bytes: Uint8Array;
  /**
   * The file's identity while it was read, or undefined when it changed during the read or was
   * changed so recently that a further change could leave its times as they are (the file system
   * keeps times in ticks of a few ms; git's "racily clean" entries).
   */
  id?: string;
  /**
   * Bytes free in the buffer just before `bytes`, which the loader may take to rewrite the
   * module's head in place (shareMemory) instead of copying the whole module.
   */
  room?: number;
}

/** Room read files get before their bytes: more than shareMemory's head grows by (~30 bytes). */
const ROOM = 64;

/** How long a file must have been left alone before its times are trusted to show a change (ms). */
const SETTLED_MS = 2000;

function identity(st: BigIntStats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

/** `path`'s identity now, if it is settled; undefined when it cannot be trusted or read. */
export function fileIdentity(path: string): string | undefined {
  try {
    const st = statSync(path, { bigint: true });
    return settled(st) ? identity(st) : undefined;
  } catch {
    return undefined;
  }
}

function settled(st: BigIntStats): boolean {
  return Number(st.ctimeNs / 1_000_000n) < Date.now() - SETTLED_MS && Number(st.mtimeNs / 1_000_000n) < Date.now() - SETTLED_MS;
}

/** Reads `path` whole, with its identity when it held still; throws as readFileSync does. */
export function readProgramFile(path: string): ProgramFile {
  const fd = openSync(path, 'r');
  try {
    const before = fstatSync(fd, { bigint: true });
    const size = Number(before.size);
    if (!before.isFile()) return { bytes: readFileSync(fd) };
    // Never from Node's shared pool: the room before the bytes must be this file's own.
    const bytes = Buffer.allocUnsafeSlow(ROOM + size).subarray(ROOM);
    let done = 0;
    while (done < size) {
      const n = readSync(fd, bytes, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    const after = fstatSync(fd, { bigint: true });
    // Shorter than it said, or changed meanwhile: what was read is no version of the file to name.
    if (done < size || identity(after) !== identity(before)) return { bytes: readFileSync(path) };
    return { bytes, id: settled(before) ? identity(before) : undefined, room: ROOM };
  } finally {
    closeSync(fd);
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The SHA-256 of a file's content, `bytes`, read while the file had identity `id`: from the record
 * of an earlier start when one was kept for that identity, else computed and recorded. A file
 * changed since has another identity (its change time moved), so it is hashed afresh.
 */
export function rememberedHash(id: string, bytes: Uint8Array): string {
  const dir = join(cacheDir(), 'files');
  const record = join(dir, `${sha256(Buffer.from(id)).slice(0, 32)}.json`);
  try {
    const r = JSON.parse(readFileSync(record, 'utf8')) as { id?: unknown; sha256?: unknown };
    if (r.id === id && typeof r.sha256 === 'string' && /^[0-9a-f]{64}$/.test(r.sha256)) return r.sha256;
  } catch { /* none yet, or damaged: hashed and written again below */ }
  const hash = sha256(bytes);
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${record}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ id, sha256: hash }));
    renameSync(tmp, record);
  } catch { /* a read-only cache costs the next start the hash again */ }
  return hash;
}
