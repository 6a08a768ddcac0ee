// A program's file on the host, read once per start: its bytes and, when the file held still while
// it was read, its identity (device, inode, size, modification and change times). The identity
// stands in for the content where a content hash would mean reading 75 MB through SHA-256 on every
// start: as the key of a machine's loaded images, and, through a record of the hash it was
// verified to have (rememberedHash), as the key of the preparation cache. A start whose prepared
// module is cached reads only the module's head (readProgramHead): the sections before its code,
// which say what it imports and exports, not the megabytes of data after it.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync, type BigIntStats } from 'node:fs';
import { dirname, join } from 'node:path';
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

/**
 * A settled program file's head: every section before the code section (the whole interface:
 * types, imports, memory, exports), read without the code and data after it.
 */
export interface ProgramHead {
  /** The file (absolute, as read) and its identity while the head was read. */
  path: string;
  id: string;
  /** The module's bytes up to its code section, a valid module of those sections. */
  head: Uint8Array;
  /** The code section's size (bytes). */
  codeBytes: number;
  /** The whole file's size (bytes). */
  size: number;
}

/** What the first read of a file takes: most modules' sections before the code fit in it. */
const HEAD_CHUNK = 1 << 16;

/**
 * Reads `path`'s head when the file is settled and is a module with a code section; otherwise (a
 * file changed moments ago, or not a module as far as its head shows, or one without code) the
 * whole file, as readProgramFile. Throws as readFileSync does.
 */
export function readProgramHead(path: string): ProgramHead | ProgramFile {
  const fd = openSync(path, 'r');
  let found: ProgramHead | undefined;
  try {
    const before = fstatSync(fd, { bigint: true });
    if (before.isFile() && settled(before)) {
      const size = Number(before.size);
      let buf = Buffer.allocUnsafe(Math.min(size, HEAD_CHUNK));
      let have = readSync(fd, buf, 0, buf.length, 0);
      /** Makes bytes [0, end) present (fewer at the end of the file); false when the file ended early. */
      const need = (end: number): boolean => {
        end = Math.min(end, size);
        if (end <= have) return true;
        if (end > buf.length) {
          const grown = Buffer.allocUnsafe(Math.max(end, Math.min(size, buf.length * 2)));
          buf.copy(grown, 0, 0, have);
          buf = grown;
        }
        while (have < end) {
          const n = readSync(fd, buf, have, buf.length - have, have);
          if (n === 0) return false;
          have += n;
        }
        return true;
      };
      const codeAt = have >= 8 && buf.readUInt32BE(0) === 0x0061736d ? findCode(size, need, () => buf) : undefined;
      const after = fstatSync(fd, { bigint: true });
      if (codeAt !== undefined && identity(after) === identity(before)) {
        found = { path, id: identity(before), head: buf.subarray(0, codeAt.at), codeBytes: codeAt.size, size };
      }
    }
  } finally {
    closeSync(fd);
  }
  return found ?? readProgramFile(path);
}

/**
 * Walks the section headers of a module of `size` bytes from offset 8 to the code section (id 10):
 * where its header starts and its size; undefined when there is none or a header is malformed.
 */
function findCode(size: number, need: (end: number) => boolean, bytes: () => Buffer): { at: number; size: number } | undefined {
  let p = 8;
  while (p < size) {
    // A section header: its id and a LEB128 size of at most 5 bytes.
    if (!need(p + 6)) return undefined;
    const b = bytes();
    const at = p;
    const id = b[p++]!;
    let len = 0, mul = 1, x;
    let i = 0;
    do {
      if (p >= size || i++ === 5) return undefined;
      x = b[p++]!;
      len += (x & 0x7f) * mul;
      mul *= 128;
    } while (x & 0x80);
    if (id === 10) return p + len <= size ? { at, size: len } : undefined;
    p += len;
  }
  return undefined;
}

/**
 * The SHA-256 recorded for the file identity `id` by an earlier start, if there is one (nothing
 * is read of the file itself).
 */
export function knownHash(id: string): string | undefined {
  try {
    const r = JSON.parse(readFileSync(hashRecord(id), 'utf8')) as { id?: unknown; sha256?: unknown };
    if (r.id === id && typeof r.sha256 === 'string' && /^[0-9a-f]{64}$/.test(r.sha256)) return r.sha256;
  } catch { /* none yet, or damaged */ }
  return undefined;
}

function hashRecord(id: string): string {
  return join(cacheDir(), 'files', `${sha256(Buffer.from(id)).slice(0, 32)}.json`);
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
  const known = knownHash(id);
  if (known !== undefined) return known;
  const record = hashRecord(id);
  const hash = sha256(bytes);
  try {
    mkdirSync(dirname(record), { recursive: true });
    const tmp = `${record}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ id, sha256: hash }));
    renameSync(tmp, record);
  } catch { /* a read-only cache costs the next start the hash again */ }
  return hash;
}
