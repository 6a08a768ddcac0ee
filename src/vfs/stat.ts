// Building Stat records: device numbers for back ends, defaults for nodes without real metadata,
// and the translation of Node-style (fs.Stats, memfs Stats) numeric metadata.
import { FileType, type Stat } from './types.js';

let nextDev = 1n;

/** A fresh device number: each back end instance is its own device, so (dev, ino) identifies a node. */
export function nextDeviceId(): bigint {
  return nextDev++;
}

/** Nanoseconds since the epoch for a millisecond time (Date.getTime(), Stats.mtimeMs). */
export function msToNs(ms: number): bigint {
  // A stat converts three times that are mostly equal and mostly the same as the last stat's.
  if (ms === lastMs) return lastNs;
  const whole = Math.floor(ms);
  // fs.Stats carry fractional milliseconds; keep what survives a double.
  const ns = whole === ms ? BigInt(whole) * 1_000_000n : BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6));
  lastMs = ms;
  lastNs = ns;
  return ns;
}
let lastMs = 0;
let lastNs = 0n;

/**
 * The size a directory reports: one 4 KiB block, as on ext4 (and overlayfs over it), where programs
 * compared with Linux run; a program printing st_size or st_blocks of a directory sees 4096 and 8.
 */
export const DIRECTORY_SIZE = 4096n;

/** A Stat for a node that has no stored metadata (devices, pipes, synthesized directories). */
export function makeStat(type: FileType, dev: bigint, ino: bigint, size = 0n, timeNs = 0n): Stat {
  return {
    dev, ino, type,
    nlink: type === FileType.Directory ? 2n : 1n,
    size,
    atimeNs: timeNs, mtimeNs: timeNs, ctimeNs: timeNs,
    mode: type === FileType.Directory ? 0o755 : type === FileType.CharacterDevice ? 0o666 : 0o644,
  };
}

const S_IFMT = 0o170000;

/** The file type encoded in a POSIX st_mode (the same bits on Linux, macOS and in memfs). */
export function fileTypeFromMode(mode: number): FileType {
  switch (mode & S_IFMT) {
    case 0o100000: return FileType.RegularFile;
    case 0o040000: return FileType.Directory;
    case 0o120000: return FileType.SymbolicLink;
    case 0o020000: return FileType.CharacterDevice;
    case 0o060000: return FileType.BlockDevice;
    case 0o010000: return FileType.Fifo;
    case 0o140000: return FileType.SocketStream;
    default: return FileType.Unknown;
  }
}

/** The numeric fields that fs.Stats and memfs's Stats share. */
export interface NumericStats {
  ino: number; mode: number; nlink: number; size: number;
  atimeMs: number; mtimeMs: number; ctimeMs: number;
}

/** Stat from Node-style numeric stats; `dev` is the back end's own device number. */
export function statFromNumeric(s: NumericStats, dev: bigint): Stat {
  return {
    dev,
    ino: BigInt(s.ino),
    type: fileTypeFromMode(s.mode),
    nlink: BigInt(s.nlink),
    size: BigInt(s.size),
    atimeNs: msToNs(s.atimeMs),
    mtimeNs: msToNs(s.mtimeMs),
    ctimeNs: msToNs(s.ctimeMs),
    mode: s.mode & 0o7777,
  };
}

/** Current wall-clock time in ns. */
export function nowNs(): bigint {
  return msToNs(Date.now());
}

/** The fields of node:fs BigIntStats that Stat needs (ns times, 64-bit inode numbers). */
export interface BigIntStatsLike {
  ino: bigint; mode: bigint; nlink: bigint; size: bigint;
  atimeNs: bigint; mtimeNs: bigint; ctimeNs: bigint;
}

/** Stat from node:fs BigIntStats; `dev` is the back end's own device number. */
export function statFromBigInt(s: BigIntStatsLike, dev: bigint): Stat {
  const mode = Number(s.mode);
  return {
    dev, ino: s.ino, type: fileTypeFromMode(mode), nlink: s.nlink, size: s.size,
    atimeNs: s.atimeNs, mtimeNs: s.mtimeNs, ctimeNs: s.ctimeNs, mode: mode & 0o7777,
  };
}
