// Lent directories: a decoupled program's stat() and unlink() of a name in a host mount's root,
// answered on its own core. SQLite stats its journal a few times per transaction and unlinks it at
// each commit; forwarded, each call costs two wake-ups of tens of µs on a VM, the lookup a few.
//
// What is lent is a lexical fact the vCPU checked: for descriptor D, a path `Pname` (P the bytes
// lent, `name` one plain component) names `name` in the root of the host mount at D's path + P,
// because the mount tree finds mount points by name alone and none lies below that mount. An
// absolute P ("/data/") is lent for every descriptor (ABSOLUTE), as the stat call ignores D then. The
// worker compares bytes, looks `name` up in the root's descriptor (a single component: nothing
// else is resolved) and answers as hostfs.lstat does, or unlinks it there as hostfs.unlink does
// (where the mount is writable and D has the right; a failure is forwarded for the vCPU's errno);
// anything else is forwarded — another path, a symlink to follow, signals waiting. The mount
// tree's generation (shared memory, advanced by every mount and unmount) is checked before each
// answer; the vCPU withdraws an entry once it is no longer valid (D names another file or lost the
// right; checked after each forwarded call; a deferred close drops it on the worker at once).
// Entries are written by the vCPU only while the worker waits for a reply.
//
//   bytes            what
//   0..3             Int32 version: advanced at every change (the worker re-reads the table)
//   64 + e*ENTRY..   entry e: Int32 in use, generation, |P|, |host dir|; BigInt64 device; Int32 D
//                    (ABSOLUTE for an absolute P), LentFor bits; P's bytes, then the host directory's
//                    ("/proc/<pid>/fd/<root>/")
//
// Where the mount counts its open files in a shared budget and can adopt a host descriptor, the
// worker may also open names there (and the root itself) with path_open: open_lending.ts.

import type { FileSystem, OpenFile, Vfs } from '../vfs/types.js';

/** Entries in the table; the fifth directory lent replaces the oldest. */
export const MAX_LENT_DIRS = 4;
const ENTRY_BYTES = 224;
const HEADER_BYTES = 64;
const TEXT_AT = 32;
/** The descriptor of an entry for absolute paths (whatever descriptor the call names). */
export const ABSOLUTE = -1;
/** Longest P plus host directory an entry holds (bytes, ASCII). */
const MAX_TEXT = ENTRY_BYTES - TEXT_AT;
export const DIR_LENDING_BYTES = HEADER_BYTES + MAX_LENT_DIRS * ENTRY_BYTES;

/** What an entry is lent for besides stat. */
export const enum LentFor { Unlink = 1, Open = 2, OpenToWrite = 4 }

/** One lent directory, as the worker uses it. */
export interface LentDir {
  dirfd: number;
  generation: number;
  /** P: the bytes a path must start with (empty when D is the mount's root, else ending in '/'). */
  prefix: Uint8Array;
  /** The host path of the mount's root through its descriptor, ending in '/'. */
  hostDir: string;
  dev: bigint;
  /** Names may be unlinked on the worker too (path_unlink_file). */
  unlink: boolean;
  /** LentFor bits. */
  lentFor: number;
  /** The entry's index in the table (a file opened through it names it: open_lending.ts). */
  entry: number;
}

/** The table as the worker reads it: the entries in use, by descriptor (ABSOLUTE's may be several). */
export function readLentDirs(buffer: SharedArrayBuffer): Map<number, LentDir[]> {
  const i32 = new Int32Array(buffer);
  const u8 = new Uint8Array(buffer);
  const dirs = new Map<number, LentDir[]>();
  for (let e = 0; e < MAX_LENT_DIRS; e++) {
    const at = HEADER_BYTES + e * ENTRY_BYTES;
    if (i32[at >> 2]! === 0) continue;
    const prefixLen = i32[(at >> 2) + 2]!, hostLen = i32[(at >> 2) + 3]!, dirfd = i32[(at >> 2) + 6]!;
    const text = at + TEXT_AT;
    const list = dirs.get(dirfd) ?? [];
    dirs.set(dirfd, list);
    list.push({
      dirfd,
      generation: i32[(at >> 2) + 1]!,
      prefix: u8.slice(text, text + prefixLen),
      hostDir: Buffer.from(u8.subarray(text + prefixLen, text + prefixLen + hostLen)).toString('latin1'),
      dev: new BigInt64Array(buffer, at + 16, 1)[0]!,
      unlink: (i32[(at >> 2) + 7]! & LentFor.Unlink) !== 0,
      lentFor: i32[(at >> 2) + 7]!,
      entry: e,
    });
  }
  return dirs;
}

export const tableVersion = (buffer: SharedArrayBuffer): number => Atomics.load(new Int32Array(buffer, 0, 1), 0);

/** What the process says may be lent for a descriptor and a prefix (DecoupledHost.lendableDir). */
export interface LendableDir {
  hostDir: string;
  dev: bigint;
  generation: number;
  /** Names may be unlinked there (a writable mount, a descriptor with the right to unlink). */
  unlink: boolean;
  /** The guest path of the mount's root. */
  path: string;
  /**
   * Files may be opened there by the worker, which takes their places in this budget
   * (HostFileBudget.shared) and the mount adopts (FileSystem.adoptHostFile); `write`: for writing too.
   */
  opens?: { budget: SharedArrayBuffer; write: boolean; adopt(fd: number, directory: boolean, read: boolean, write: boolean): OpenFile };
  /** Whether the lend still holds (the descriptor names the same directory with the same rights). */
  valid(): boolean;
  /** Kept while lent: the mount whose root descriptor the worker uses stays open. */
  hold: object;
}

/**
 * What may be lent for names under `prefix` (isLendablePrefix) on directory descriptor `dir` (its
 * entry and its path, as the stat call joins them): the host mount at exactly that path, with no
 * mount below it and a root descriptor to look names up in; else undefined.
 */
export function lendableDir(vfs: Vfs, dir: { path: string; unlink: boolean; valid(): boolean } | undefined, prefix: string): LendableDir | undefined {
  if (vfs.leafMountAt === undefined || vfs.generation === undefined) return undefined;
  const absolute = prefix.startsWith('/');
  if (!absolute && dir === undefined) return undefined;
  const path = absolute ? (prefix === '/' ? '/' : prefix.slice(0, -1))
    : prefix === '' ? dir!.path : (dir!.path === '/' ? '/' : dir!.path + '/') + prefix.slice(0, -1);
  const fs: FileSystem | undefined = vfs.leafMountAt(path);
  const root = fs?.lendableRoot?.();
  if (root === undefined) return undefined;
  const generation = Atomics.load(vfs.generation, 0);
  const budget = fs!.hostFileBudget, adopt = fs!.adoptHostFile;
  return {
    hostDir: root.hostDir, dev: root.dev, generation, hold: fs!, path,
    // Opens: through a descriptor (path_open has one), of a mount that counts its files.
    opens: !absolute && budget !== undefined && adopt !== undefined ? { budget, write: !fs!.readOnly, adopt: adopt.bind(fs) } : undefined,
    // Absolute paths: stat only (path_unlink_file's descriptor is checked for its right even then).
    unlink: !absolute && dir!.unlink && !fs!.readOnly,
    valid: () => Atomics.load(vfs.generation!, 0) === generation && (absolute || dir!.valid()),
  };
}

/** Whether `p` is P as lent: canonical components of printable ASCII, each followed by '/' (after a '/' when absolute). */
export function isLendablePrefix(p: string): boolean {
  if (p === '' || p === '/') return true;
  if (p.length > MAX_TEXT / 2 || !p.endsWith('/')) return false;
  for (const name of p.slice(p.startsWith('/') ? 1 : 0, -1).split('/')) {
    if (name === '' || name === '.' || name === '..') return false;
  }
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** The vCPU's side: what it lent, and the shared table the worker reads. */
export class LentDirTable {
  readonly buffer = new SharedArrayBuffer(DIR_LENDING_BYTES);
  private readonly i32 = new Int32Array(this.buffer);
  private readonly u8 = new Uint8Array(this.buffer);
  private readonly slots: ({ dirfd: number; prefix: string; lent: LendableDir } | undefined)[] = new Array(MAX_LENT_DIRS).fill(undefined);
  private next = 0;

  /** Whether descriptor `dirfd` is lent with prefix `prefix` (for unlinking too, if `unlink`). */
  has(dirfd: number, prefix: string, unlink: boolean): boolean {
    return this.slots.some((s) => s !== undefined && s.dirfd === dirfd && s.prefix === prefix && (s.lent.unlink || !unlink));
  }

  get size(): number {
    return this.slots.reduce((n, s) => n + (s === undefined ? 0 : 1), 0);
  }

  /**
   * Lends `dirfd` for paths starting with `prefix` (isLendablePrefix), in place of its earlier entry
   * (ABSOLUTE: of the same prefix), a free one or the oldest.
   */
  lend(dirfd: number, prefix: string, lent: LendableDir): void {
    const text = prefix + lent.hostDir;
    if (text.length > MAX_TEXT) return;
    let e = this.slots.findIndex((s) => s?.dirfd === dirfd && (dirfd !== ABSOLUTE || s.prefix === prefix));
    if (e < 0) e = this.slots.indexOf(undefined);
    if (e < 0) e = this.next++ % MAX_LENT_DIRS;
    this.slots[e] = { dirfd, prefix, lent };
    const at = HEADER_BYTES + e * ENTRY_BYTES;
    const w = at >> 2;
    this.i32[w + 1] = lent.generation;
    this.i32[w + 2] = prefix.length;
    this.i32[w + 3] = lent.hostDir.length;
    new BigInt64Array(this.buffer, at + 16, 1)[0] = lent.dev;
    this.u8.set(Buffer.from(text, 'latin1'), at + TEXT_AT);
    this.i32[w + 6] = dirfd;
    this.i32[w + 7] = (lent.unlink ? LentFor.Unlink : 0) | (lent.opens !== undefined ? LentFor.Open : 0) | (lent.opens?.write === true ? LentFor.OpenToWrite : 0);
    this.i32[w] = 1;
    Atomics.add(this.i32, 0, 1);
  }

  /** What entry `e` lends, if it is in use. */
  at(e: number): { dirfd: number; prefix: string; lent: LendableDir } | undefined {
    return this.slots[e];
  }

  /** Withdraws every entry that no longer holds (after each forwarded call: it may have changed that). */
  check(): void {
    for (let e = 0; e < MAX_LENT_DIRS; e++) {
      const s = this.slots[e];
      if (s !== undefined && !s.lent.valid()) this.withdraw(e);
    }
  }

  /** Withdraws every entry (the program ends, or nothing may be lent any more). */
  clear(): void {
    for (let e = 0; e < MAX_LENT_DIRS; e++) if (this.slots[e] !== undefined) this.withdraw(e);
  }

  private withdraw(e: number): void {
    this.slots[e] = undefined;
    this.i32[(HEADER_BYTES + e * ENTRY_BYTES) >> 2] = 0;
    Atomics.add(this.i32, 0, 1);
  }
}
