import { FileType, type Stat } from './types.js';
/** A fresh device number: each back end instance is its own device, so (dev, ino) identifies a node. */
export declare function nextDeviceId(): bigint;
/** Nanoseconds since the epoch for a millisecond time (Date.getTime(), Stats.mtimeMs). */
export declare function msToNs(ms: number): bigint;
/**
 * The size a directory reports: one 4 KiB block, as on ext4 (and overlayfs over it), where programs
 * compared with Linux run; a program printing st_size or st_blocks of a directory sees 4096 and 8.
 */
export declare const DIRECTORY_SIZE = 4096n;
/** A Stat for a node that has no stored metadata (devices, pipes, synthesized directories). */
export declare function makeStat(type: FileType, dev: bigint, ino: bigint, size?: bigint, timeNs?: bigint): Stat;
/** The file type encoded in a POSIX st_mode (the same bits on Linux, macOS and in memfs). */
export declare function fileTypeFromMode(mode: number): FileType;
/** The numeric fields that fs.Stats and memfs's Stats share. */
export interface NumericStats {
    ino: number;
    mode: number;
    nlink: number;
    size: number;
    atimeMs: number;
    mtimeMs: number;
    ctimeMs: number;
}
/** Stat from Node-style numeric stats; `dev` is the back end's own device number. */
export declare function statFromNumeric(s: NumericStats, dev: bigint): Stat;
/** Current wall-clock time in ns. */
export declare function nowNs(): bigint;
/** The fields of node:fs BigIntStats that Stat needs (ns times, 64-bit inode numbers). */
export interface BigIntStatsLike {
    ino: bigint;
    mode: bigint;
    nlink: bigint;
    size: bigint;
    atimeNs: bigint;
    mtimeNs: bigint;
    ctimeNs: bigint;
}
/** Stat from node:fs BigIntStats; `dev` is the back end's own device number. */
export declare function statFromBigInt(s: BigIntStatsLike, dev: bigint): Stat;
