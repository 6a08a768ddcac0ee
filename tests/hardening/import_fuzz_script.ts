// The import fuzzer's script: from a seed, the scratch image (paths, iovec arrays, subscriptions,
// structs) and a list of calls with hostile arguments, chosen per parameter kind of the syscall
// table. Reproducible: the same seed and count give the same bytes.
import type { Param, SyscallSpec } from '../../src/libc/syscalls/index.js';
import {
  BUFS, BUFS_END, FUZZED, GUARD, IOV_SLOT, IOV_SLOTS, IOVS, LONG_PATH_SLOT, LONG_PATHS, MAX_ARGS,
  MAX_SANE_LEN, PATH_SLOT, PATH_SLOTS, PATHS, RECORD, RECORDS, recordChecksum, SCRATCH, SCRATCH_SIZE,
  SCRIPT_MAGIC, STRUCT_SLOT, STRUCT_SLOTS, STRUCTS, SUB_SLOT, SUB_SLOTS, SUBS,
} from './import_fuzz_layout.js';

/** mulberry32: small, seeded, good enough for argument choice. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One argument: a value, or (fromEnd) a distance below the end of memory at the time of the call. */
export interface Arg { value: bigint; fromEnd?: boolean }

export interface Call {
  spec: SyscallSpec;
  index: number;
  args: Arg[];
  /** What it must return (WASI: the errno; l4posix: the value or -errno); 'fail': any error. */
  expect?: number | 'fail';
}

/**
 * Calls never made: they end or replace the program by design (proc_exit, exec with a valid
 * request), or clone it with the script (fork). exec is made, but only with requests out of bounds.
 */
export const NEVER = new Set(['wasi_snapshot_preview1.proc_exit', 'l4posix.fork']);

/** Signals that end a process by default; kill/raise send them only to processes that do not exist. */
const FATAL = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 19, 20, 21, 22, 24, 25, 26, 27, 29, 30, 31,
  ...Array.from({ length: 33 }, (_, i) => 32 + i)]);

/**
 * The first path slots: what the prelude opens (relative to the root preopen, fd 3), NUL-ended.
 * Later calls use them too.
 */
const PRELUDE_PATHS: (string | number[])[] = ['tmp/f', 'f', 'tmp/d', 'sub', 'dev/null', 'dev/zero', 'rom/notes', 'tmp/g', 'tmp/d/h',
  'data/sub/g', 'esc/secret', 'abs/secret', '../outside/secret', 'tmp/loop', [0x74, 0x6d, 0x70, 0x2f, 0xff],
  [0x74, 0x6d, 0x70, 0x00, 0x66], 'sub/../../outside/secret', 'data/esc/secret', 'sneak', '/etc/passwd', 'abs2', 'hard',
  '../outside/moved', 'f'];

/** Calls that wait for good whatever their arguments. */
const RARE = new Set(['pause', 'sigsuspend']);

const PATH_STRINGS: (string | number[])[] = [
  '/', '.', '..', '', '/tmp', '/tmp/f', '/tmp/d', '/tmp/d/', '/tmp/l', '/tmp/loop', '/tmp/new', 'tmp/f',
  '/data', '/data/f', '/data/sub', '/data/esc', '/data/esc/secret', '/data/abs', '/data/../outside/secret',
  '/data/sub/../../..', '../../../../../../../../etc/passwd', '/data/' + '../'.repeat(40) + 'etc', '/dev/null',
  '/dev/zero', '/dev/tty', '/dev/fd/0', '/proc/self/fd/3', '/rom/notes', '//data//f', '/tmp/f/', '/tmp/f/..',
  'f', 'sub/g', 'caf\u00e9', '/tmp/\u00ff\u00fe', 'tmp', 'tmp/f', 'tmp/d', 'tmp/d/x', 'tmp/l', 'tmp/loop', 'tmp/f/x',
  'data', 'data/f', 'data/sub', 'data/esc', 'data/esc/secret', 'data/abs/secret', 'data/sub/../../outside',
  'sub/../../outside/secret', 'esc/secret', 'abs', '..', '../outside', 'dev', 'dev/null', 'rom', 'tmp/new', 'sub/new',
  // Not UTF-8: a lone continuation byte, an overlong '/', a truncated sequence, 0xff.
  [0x2f, 0x74, 0x6d, 0x70, 0x2f, 0x80], [0x2f, 0xc0, 0xaf, 0x65, 0x74, 0x63], [0x2f, 0x64, 0x61, 0x74, 0x61, 0x2f, 0xe2, 0x82],
  [0xff, 0xfe, 0xfd],
  // An embedded NUL.
  [0x2f, 0x74, 0x6d, 0x70, 0x00, 0x2f, 0x66],
];

const SPECIAL32 = [0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 31, 32, 63, 64, 65, 127, 128, 255, 256, 1023, 1024, 1025, 4096,
  0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0xfffff000, 0x80000001];
const SPECIAL64 = [0n, 1n, 2n, 4096n, (1n << 31n) - 1n, 1n << 31n, 1n << 32n, (1n << 53n) + 1n, (1n << 63n) - 1n,
  1n << 63n, (1n << 64n) - 1n, (1n << 64n) - 4096n, 1_000_000_000n, 999_999_999n];
/** Out-of-bounds pointers whatever the memory's size (it never reaches 2 GiB here). */
const WILD = [0xffffffff, 0xfffffffc, 0xfffffff8, 0xfffffff0, 0xffff0000, 0x80000000, 0x7fffffff, 0x7ffffff8];
/** Distances below the end of memory: partly or wholly past it for any struct size. */
const FROM_END = [0, 1, 2, 3, 4, 7, 8, 12, 16, 23, 24, 31, 32, 63, 64];
const HUGE_LEN = [0x7fffffff, 0x80000000, 0xffffffff, 0xfffffff0, 0x10000000, 0x20000000, 0x40000001];

const FD = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 31, 64, 100, 1023, 1024, 4095, 65535, 0x7fffffff, 0xffffffff, 0x80000000, 0xfffffffe];

/** The byte sizes of what a pointer of each kind points at (out-pointers, structs). */
const SIZE: Partial<Record<Param['kind'], number>> = { out32: 4, out64: 8, outfd: 4, filestat: 64, fdstat: 24, prestat: 8, events: 4 };

export interface Script {
  /** stdin for the module: header, scratch image, records; it makes the prelude's, then those from `start`. */
  bytes(start: number): Uint8Array;
  calls: Call[];
  scratch: Uint8Array;
  /** The calls that set up descriptors (made on every run). */
  prelude: number;
}

export function makeScript(seed: number, count: number): Script {
  const random = rng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(a: readonly T[]): T => a[int(a.length)]!;
  const chance = (p: number) => random() < p;
  const recordsEnd = RECORDS + count * RECORD;
  /** A random 32-bit value that is no pointer into the guard zone, the pristine image or the records. */
  const wild32 = (): number => {
    const v = (random() * 4294967296) >>> 0;
    return v >= GUARD - MAX_SANE_LEN && v < recordsEnd + 0x10000 ? (v | 0x80000000) >>> 0 : v;
  };

  // The scratch image.
  const scratch = new Uint8Array(SCRATCH_SIZE);
  const sv = new DataView(scratch.buffer);
  const at = (addr: number) => addr - SCRATCH;
  const pathLens: number[] = [];
  for (let k = 0; k < PATH_SLOTS; k++) {
    const p = k < PRELUDE_PATHS.length ? PRELUDE_PATHS[k]! : pick(PATH_STRINGS);
    const bytes = typeof p === 'string' ? new TextEncoder().encode(p) : Uint8Array.from(p);
    scratch.set(bytes.subarray(0, PATH_SLOT - 1), at(PATHS + k * PATH_SLOT));
    pathLens.push(Math.min(bytes.length, PATH_SLOT - 1));
    // Half have no NUL after them: the bytes past the path are junk.
    if (k >= PRELUDE_PATHS.length && chance(0.5)) for (let b = pathLens[k]!; b < PATH_SLOT; b++) scratch[at(PATHS + k * PATH_SLOT) + b] = 0x41 + int(26);
  }
  const longPaths = [new TextEncoder().encode('tmp/' + 'x/'.repeat(2500)), new TextEncoder().encode('tmp/' + 'n'.repeat(300))];
  longPaths.forEach((b, k) => scratch.set(b.subarray(0, LONG_PATH_SLOT - 1), at(LONG_PATHS + k * LONG_PATH_SLOT)));

  /** A word for a struct: plausible numbers and pointers as often as junk. */
  const word = (): number => {
    const r = random();
    if (r < 0.3) return int(16);
    if (r < 0.45) return BUFS + int(BUFS_END - BUFS) & ~3;
    if (r < 0.55) return PATHS + int(PATH_SLOTS) * PATH_SLOT;
    if (r < 0.7) return pick(SPECIAL32);
    if (r < 0.8) return pick(WILD);
    if (r < 0.9) return int(1_000_000_000);
    return wild32();
  };
  // The first two are sigactions that install a handler (kind 2; with SA_RESTART, without).
  // The third is a semaphore of junk (a negative count).
  const handlerAct = [[2, 5, 0x10000000, 0, 0], [2, 7, 0, 0xffffffff, 0], [0xffff0000, 0, 0, 0, 0]];
  handlerAct.forEach((words, k) => words.forEach((w, i) => sv.setUint32(at(STRUCTS + k * STRUCT_SLOT + 4 * i), w >>> 0, true)));
  for (let s = handlerAct.length; s < STRUCT_SLOTS; s++) {
    const kind = int(4);
    for (let w = 0; w < STRUCT_SLOT / 4; w++) {
      const v = kind === 0 ? 0 : kind === 1 ? word() : kind === 2 ? (w < 8 ? word() : 0) : 0xffffffff;
      sv.setUint32(at(STRUCTS + s * STRUCT_SLOT + 4 * w), v >>> 0, true);
    }
  }

  // iovec arrays: sane entries, empty ones, out of bounds, huge lengths, self- and cross-overlap.
  const iovCounts: number[] = [];
  // The first five are the checks': one sane entry; one out of bounds; a length past the end; a
  // sane entry, then one out of bounds.
  // A fifth reads into itself first: its second entry is what a read just wrote there.
  const fixedIovs = [[[BUFS, 16]], [[0xfffffff0, 16]], [[BUFS, 0xffffffff]], [[BUFS, 16], [0x7ffffff8, 16]],
    [[IOVS + 4 * IOV_SLOT, 16], [BUFS, 16]]];
  fixedIovs.forEach((entries, k) => {
    iovCounts.push(entries.length);
    entries.forEach(([buf, l], e) => {
      sv.setUint32(at(IOVS + k * IOV_SLOT + 8 * e), buf! >>> 0, true);
      sv.setUint32(at(IOVS + k * IOV_SLOT + 8 * e + 4), l! >>> 0, true);
    });
  });
  for (let k = fixedIovs.length; k < IOV_SLOTS; k++) {
    const base = IOVS + k * IOV_SLOT;
    const n = 1 + int(IOV_SLOT / 8 - 1);
    iovCounts.push(n);
    const shared = BUFS + int(0x4000);
    for (let e = 0; e < n; e++) {
      const r = random();
      let buf: number, len: number;
      if (r < 0.45) { buf = BUFS + int(BUFS_END - BUFS - 0x1000); len = pick([1, 2, 7, 16, 100, 512, 4096]); }
      else if (r < 0.55) { buf = BUFS + int(0x1000); len = 0; }
      else if (r < 0.65) { buf = pick(WILD); len = pick([1, 8, 16, 0x100]); }
      else if (r < 0.75) { buf = BUFS + int(0x1000); len = pick(HUGE_LEN); }
      else if (r < 0.85) { buf = base; len = pick([8, 16, IOV_SLOT]); }
      else if (r < 0.95) { buf = shared; len = 64; }
      else { buf = wild32(); len = int(0x100); }
      sv.setUint32(at(base + 8 * e), buf >>> 0, true);
      sv.setUint32(at(base + 8 * e + 4), len >>> 0, true);
    }
  }

  // Subscriptions: short clocks (relative, absolute, bad ids), descriptors, unknown tags.
  for (let k = 0; k < SUB_SLOTS; k++) {
    for (let e = 0; e < SUB_SLOT / 48; e++) {
      const p = at(SUBS + k * SUB_SLOT + 48 * e);
      sv.setBigUint64(p, BigInt(int(1 << 30)), true);
      const tag = chance(0.9) ? int(3) : pick([3, 255]);
      sv.setUint8(p + 8, tag);
      if (tag === 0) {
        sv.setUint32(p + 16, chance(0.8) ? int(4) : pick(SPECIAL32), true);
        sv.setBigUint64(p + 24, chance(0.8) ? BigInt(int(2_000_000)) : pick(SPECIAL64), true);
        sv.setUint16(p + 40, chance(0.8) ? 0 : int(4), true);
      } else {
        sv.setUint32(p + 16, pick(FD) >>> 0, true);
      }
    }
  }
  // Buffers: bytes to write (text, junk).
  for (let b = BUFS; b < BUFS_END; b++) scratch[at(b)] = chance(0.5) ? 0x20 + int(95) : int(256);

  // Arguments, by kind.
  const ptrTo = (size: number, others: Arg[]): Arg => {
    const r = random();
    if (r < 0.35) return { value: BigInt(BUFS + (int(BUFS_END - BUFS - size) & ~(chance(0.8) ? 7 : 0))) };
    if (r < 0.45) return { value: BigInt(pick([0, 1, 4, 8, 0x100, 0xff8, 0xfff])) };
    if (r < 0.6) return { value: BigInt(pick(FROM_END)), fromEnd: true };
    if (r < 0.75) return { value: BigInt(pick(WILD)) };
    if (r < 0.85 && others.length > 0) return pick(others);
    if (r < 0.92) return { value: BigInt(pick([IOVS + IOV_SLOT * int(IOV_SLOTS), PATHS + PATH_SLOT * int(PATH_SLOTS), STRUCTS + STRUCT_SLOT * int(STRUCT_SLOTS)])) };
    return { value: BigInt(wild32()) };
  };
  const length = (): number => {
    const r = random();
    if (r < 0.55) return pick([0, 1, 2, 3, 7, 8, 16, 24, 64, 255, 256, 4095, 4096, MAX_SANE_LEN]);
    if (r < 0.85) return pick(HUGE_LEN);
    return int(MAX_SANE_LEN);
  };
  const int32 = (): number => {
    const r = random();
    // Flags, commands, signal numbers, ids: most are small, and a call only looks at its
    // pointers once the rest is valid.
    if (r < 0.3) return int(4);
    if (r < 0.45) return int(65);
    if (r < 0.75) return pick(SPECIAL32);
    if (r < 0.85) return -int(200);
    return wild32();
  };
  const int64 = (): bigint => {
    const r = random();
    if (r < 0.4) return pick(SPECIAL64);
    if (r < 0.7) return BigInt(int(100_000));
    if (r < 0.8) return -BigInt(int(100_000));
    return BigInt.asUintN(64, (BigInt(wild32()) << 32n) | BigInt(wild32()));
  };
  const flags = (valid: number): number => {
    const r = random();
    if (r < 0.5) return int(valid + 1);
    if (r < 0.65) return valid;
    if (r < 0.85) return pick([valid + 1, 0xff, 0xffff, 0xffffffff, 0x80000000]);
    return wild32();
  };

  // The prelude: descriptors of every kind for the hostile calls to meet (fd 5 on).
  const calls: Call[] = [];
  const spec = (name: string) => FUZZED.find((x) => x.name === name)!;
  const v = (n: number | bigint): Arg => ({ value: BigInt(n) });
  const slot = (k: number) => v(PATHS + k * PATH_SLOT);
  const len = (k: number) => v(pathLens[k]!);
  const out = v(BUFS_END - 64);
  const ALL = (1n << 30n) - 1n;
  // Directories and the ROM are opened without the rights to write (EISDIR, EROFS otherwise).
  const READ_ONLY = ALL & ~((1n << 0n) | (1n << 6n) | (1n << 8n) | (1n << 22n));
  // O_NONBLOCK: what hostile calls made of the tree (a FIFO where a file was) must not make the
  // prelude (or a check) wait; each descriptor the prelude opens is made blocking again after it.
  const NONBLOCK = 4;
  const open = (dir: number, k: number, oflags: number, rights = ALL) =>
    [v(dir), v(1), slot(k), len(k), v(oflags), v(rights), v(ALL), v(NONBLOCK), out];
  const prelude: [string, Arg[]][] = [
    ['path_open', open(3, 0, 0)], // 5: a tmpfs file
    ['path_open', open(4, 1, 0)], // 6: a host file
    ['path_open', open(3, 2, 2, READ_ONLY)], // 7: a tmpfs directory
    ['path_open', open(4, 3, 2, READ_ONLY)], // 8: a host directory
    ['pipe', [out, v(0)]], // 9, 10
    ['socketpair', [v(3), v(6), v(0), out]], // 11, 12: stream sockets
    ['path_open', open(3, 4, 0)], // 13: /dev/null
    ['path_open', open(3, 5, 0)], // 14: /dev/zero
    ['path_open', open(3, 6, 0, READ_ONLY)], // 15: a ROM file
    ['path_open', open(3, 7, 1)], // 16: a new tmpfs file
    ['socketpair', [v(3), v(5), v(0), out]], // 17, 18: datagram sockets
    ['dup', [v(1)]], // 19
    ['path_open', open(3, 8, 1)], // 20
    // Handlers for signals the hostile calls raise (or their timers send), run by the trampoline.
    ['sigaction', [v(10), v(STRUCTS), v(0)]],
    ['sigaction', [v(14), v(STRUCTS + STRUCT_SLOT), v(0)]],
    ['sigaction', [v(17), v(STRUCTS), v(0)]],
    ['sigaction', [v(23), v(STRUCTS + STRUCT_SLOT), v(0)]],
    ['sigaction', [v(28), v(STRUCTS), v(0)]],
  ];
  let nextFd = 5;
  for (const [name, args] of prelude) {
    if (name === 'path_open') {
      calls.push({ spec: spec(name), index: FUZZED.indexOf(spec(name)), args });
      calls.push({ spec: spec('fd_fdstat_set_flags'), index: FUZZED.indexOf(spec('fd_fdstat_set_flags')), args: [v(nextFd++), v(0)] });
    } else {
      calls.push({ spec: spec(name), index: FUZZED.indexOf(spec(name)), args });
      nextFd += name === 'dup' ? 1 : name === 'sigaction' ? 0 : 2;
    }
  }
  // Then calls whose answer is known (Linux's, WASI's): bad pointers, descriptors, flags, paths
  // that would leave their mount. The value the import returns (WASI: errno; l4posix: -errno),
  // or 'fail' for any error.
  const iov = (k: number) => v(IOVS + k * IOV_SLOT);
  const at3 = (k: number) => [v(3), slot(k), len(k)];
  const wild = v(0xfffffff0);
  const checks: [string, Arg[], (number | 'fail')?][] = [
    ['path_open', open(4, 10, 0), 'fail'],
    ['path_open', open(4, 11, 0), 'fail'],
    ['path_open', open(4, 12, 0), 'fail'],
    ['path_open', open(4, 16, 0), 'fail'],
    ['path_open', open(3, 17, 0), 'fail'],
    ['path_open', open(3, 13, 0), 32],
    ['path_open', open(3, 14, 0), 25],
    ['path_open', open(3, 15, 0), 28],
    ['path_open', [v(3), v(1), v(LONG_PATHS), v(longPaths[0]!.length), v(0), v(ALL), v(ALL), v(0), out], 37],
    ['path_open', [v(3), v(1), v(LONG_PATHS + LONG_PATH_SLOT), v(longPaths[1]!.length), v(0), v(ALL), v(ALL), v(0), out], 37],
    ['path_open', [v(3), v(1), slot(0), v(0xffffffff), v(0), v(ALL), v(ALL), v(0), out], 21],
    ['path_open', [...open(3, 0, 0).slice(0, 8), wild], 21],
    ['fd_write', [v(1), iov(1), v(1), out], 21],
    ['fd_write', [v(1), iov(3), v(2), out], 21],
    ['fd_write', [v(1), iov(0), v(1), v(0xfffffffc)], 21],
    ['fd_write', [v(1), v(0xfffffff8), v(1), out], 21],
    ['fd_read', [v(5), iov(2), v(1), out], 21],
    ['fd_read', [v(5), iov(0), v(1025), out], 28],
    ['fd_read', [v(0x7fffffff), iov(0), v(1), out], 8],
    ['fd_read', [v(0xffffffff), iov(0), v(1), out], 8],
    ['fd_read', [v(7), iov(0), v(1), out], 31],
    // A pipe has no FD_SEEK right: ENOTCAPABLE, which wasi-libc's lseek and pread make ESPIPE.
    ['fd_pread', [v(9), iov(0), v(1), v(0), out], 76],
    // 16 bytes of junk written to a file, read back into an iovec array itself: its second
    // entry counts as it was checked, not as the junk the read put there.
    ['fd_write', [v(5), iov(0), v(1), out], 0],
    ['fd_seek', [v(5), v(0), v(0), out], 0],
    ['fd_read', [v(5), iov(4), v(2), out], 0],
    ['sem_getvalue', [v(STRUCTS + 2 * STRUCT_SLOT)], -28],
    // The last bytes of memory as the program sees it are its own (a multiplexed program's
    // memory.size does not count asyncify's save area); one byte past is EFAULT.
    ['random_get', [{ value: 16n, fromEnd: true }, v(8)], 0],
    ['random_get', [{ value: 8n, fromEnd: true }, v(16)], 21],
    ['fd_seek', [v(5), v(0), v(3), out], 28],
    ['fd_seek', [v(5), v(-1n), v(0), out], 28],
    ['fd_seek', [v(9), v(0), v(1), out], 76],
    ['fd_seek', [v(5), v(0), v(0), wild], 21],
    ['clock_time_get', [v(99), v(0), out], 28],
    ['clock_time_get', [v(1), v(0), wild], 21],
    ['clock_res_get', [v(0xffffffff), out], 28],
    ['random_get', [wild, v(32)], 21],
    ['random_get', [v(BUFS), v(0xffffffff)], 21],
    ['fd_close', [v(0x7fffffff)], 8],
    // A descriptor closed a moment ago (19, the prelude's dup of stdout).
    ['fd_close', [v(19)], 0],
    ['fd_write', [v(19), iov(0), v(1), out], 8],
    ['fd_close', [v(19)], 8],
    ['fd_renumber', [v(5), v(0x7fffffff)], 8],
    ['fd_filestat_get', [v(5), wild], 21],
    ['fd_fdstat_get', [v(0xffffffff), out], 8],
    ['fd_prestat_get', [v(5), out], 8],
    ['fd_prestat_dir_name', [v(3), wild, v(64)], 21],
    ['fd_readdir', [v(5), v(BUFS), v(256), v(0), out], 54],
    ['fd_readdir', [v(7), wild, v(256), v(0), out], 21],
    ['path_create_directory', at3(0), 20],
    ['path_remove_directory', at3(0), 54],
    ['path_unlink_file', at3(2), 31],
    ['path_filestat_get', [v(3), v(1), slot(0), len(0), wild], 21],
    ['path_readlink', [v(3), slot(0), len(0), v(BUFS), v(64), out], 28],
    ['args_get', [wild, v(BUFS)], 21],
    ['args_sizes_get', [out, wild], 21],
    ['environ_sizes_get', [wild, out], 21],
    ['poll_oneoff', [v(SUBS), wild, v(1), out], 21],
    ['poll_oneoff', [wild, v(BUFS), v(1), out], 21],
    ['sock_recv', [v(5), iov(0), v(1), v(0), out, out], 57],
    ['sock_send', [v(11), iov(1), v(1), v(0), out], 21],
    ['kill', [v(99999), v(0)], -71],
    ['kill', [v(99999), v(65)], -28],
    ['sigaction', [v(9), v(STRUCTS), v(0)], -28],
    ['sigaction', [v(65), v(STRUCTS), v(0)], -28],
    ['sigaction', [v(0), v(STRUCTS), v(0)], -28],
    ['sigaction', [v(10), wild, v(0)], -21],
    ['sigprocmask', [v(0), wild, v(0)], -21],
    ['dup', [v(0x7fffffff)], -8],
    ['dup3', [v(5), v(5), v(0)], -28],
    ['pipe', [wild, v(0)], -21],
    ['socketpair', [v(3), v(6), v(0), wild], -21],
    ['fstat', [v(5), wild], -21],
    ['uname', [wild], -21],
    ['getrlimit', [v(99), v(BUFS), v(0)], -28],
    ['waitpid', [v(0xffffffff), v(BUFS), v(0)], -12],
    ['ppoll', [v(BUFS), v(5000), v(0), v(0)], -28],
    ['ppoll', [wild, v(1), v(0), v(0)], -21],
    ['statat', [v(4), slot(10), len(10), v(0), v(BUFS)], 'fail'],
    ['statat', [v(4), slot(12), len(12), v(0), v(BUFS)], 'fail'],
    ['faccessat', [v(4), slot(11), len(11), v(0), v(0)], 'fail'],
    ['realpath', [v(4), slot(10), len(10), v(BUFS), v(4096)], 'fail'],
    ['fchmodat', [v(4), slot(12), len(12), v(0o777), v(0)], 'fail'],
    ['mkfifoat', [v(4), slot(12), len(12), v(0o666)], 'fail'],
    // Links the program makes itself lead nowhere out of the mount either: a symlink to
    // ../outside, one to /etc/passwd (the guest's, which does not exist), a hard link through
    // a host symlink, a rename out of the mount.
    ['path_symlink', [slot(12), len(12), v(4), slot(18), len(18)]],
    ['path_open', open(4, 18, 0), 'fail'],
    ['path_symlink', [slot(19), len(19), v(4), slot(20), len(20)]],
    ['path_open', open(4, 20, 0), 'fail'],
    ['path_link', [v(4), v(1), slot(10), len(10), v(4), slot(21), len(21)], 'fail'],
    ['path_rename', [v(4), slot(23), len(23), v(4), slot(22), len(22)], 'fail'],
  ];
  // The checks come after the prelude as ordinary calls: a run that starts later skips them (on
  // a tree the hostile calls changed, a descriptor they read may be a pipe).
  const preludeCount = calls.length;
  for (const [name, args, expect] of checks) {
    calls.push({ spec: spec(name), index: FUZZED.indexOf(spec(name)), args, ...(expect === undefined ? {} : { expect }) });
  }
  const specs = FUZZED.filter((s) => !NEVER.has(`${s.module}.${s.name}`));
  for (let index = calls.length; index < count; index++) {
    let spec = pick(specs);
    // pause and sigsuspend always wait (a run ends there): rarely.
    while (RARE.has(spec.name) && !chance(0.1)) spec = pick(specs);
    const args: Arg[] = [];
    const pointers: Arg[] = [];
    const params = spec.params;
    for (let j = 0; j < params.length; j++) {
      const kind = params[j]!.kind;
      const next = params[j + 1]?.kind;
      let a: Arg;
      switch (kind) {
        case 'fd':
          // A path's directory: mostly a directory (3 and 4 preopens, 7 and 8 the prelude's).
          a = { value: BigInt(params.some((x) => x.kind === 'path') && chance(0.6) ? pick([3, 4, 7, 8]) : chance(0.7) ? int(22) : pick(FD)) };
          break;
        case 'path': {
          const r = random();
          const k = int(PATH_SLOTS);
          if (r < 0.75) {
            a = { value: BigInt(PATHS + k * PATH_SLOT) };
            const l = pathLens[k]!;
            args.push(a);
            j++;
            a = { value: BigInt(pick([l, l, l, l + 1, 0, l + 8, PATH_SLOT, 0xffffffff, 0x80000000, 4097])) };
          } else if (r < 0.85) {
            const k2 = int(2);
            args.push({ value: BigInt(LONG_PATHS + k2 * LONG_PATH_SLOT) });
            j++;
            a = { value: BigInt(longPaths[k2]!.length) };
          } else {
            a = ptrTo(1, pointers);
          }
          break;
        }
        case 'iovs': case 'ciovs': {
          if (chance(0.8)) {
            const k = int(IOV_SLOTS);
            args.push({ value: BigInt(IOVS + k * IOV_SLOT) });
            j++;
            a = { value: BigInt(chance(0.6) ? int(iovCounts[k]! + 1) : pick([1024, 1025, 0x1fffffff, 0x20000000, 0x7fffffff, 0xffffffff])) };
          } else {
            a = ptrTo(8, pointers);
          }
          break;
        }
        case 'buf': case 'pathout': case 'ptr': case 'out32': case 'out64': case 'outfd': case 'filestat': case 'fdstat': case 'prestat': case 'events':
          a = kind === 'ptr' && next !== 'len' && chance(0.4)
            ? { value: BigInt(STRUCTS + STRUCT_SLOT * int(STRUCT_SLOTS)) }
            : ptrTo(SIZE[kind] ?? 64, pointers);
          pointers.push(a);
          break;
        case 'subs': a = chance(0.8) ? { value: BigInt(SUBS + SUB_SLOT * int(SUB_SLOTS)) } : ptrTo(48, pointers); break;
        case 'len': a = { value: BigInt(length()) }; break;
        case 'int': a = { value: BigInt(int32() >>> 0) }; break;
        case 'i64': case 'ns': a = { value: int64() }; break;
        case 'rights': a = { value: chance(0.5) ? BigInt(int(1 << 30)) : pick(SPECIAL64) }; break;
        case 'lookup': a = { value: BigInt(flags(1)) }; break;
        case 'oflags': a = { value: BigInt(flags(15)) }; break;
        case 'fdflags': a = { value: BigInt(flags(31)) }; break;
        case 'whence': a = { value: BigInt(flags(2)) }; break;
        case 'advice': a = { value: BigInt(flags(5)) }; break;
        case 'fst': a = { value: BigInt(flags(15)) }; break;
        case 'clock': a = { value: BigInt(flags(3)) }; break;
        case 'signal': a = { value: BigInt(flags(64)) }; break;
        case 'riflags': a = { value: BigInt(flags(3)) }; break;
        case 'siflags': a = { value: BigInt(flags(0)) }; break;
        case 'sdflags': a = { value: BigInt(flags(3)) }; break;
        default: a = { value: BigInt(int32() >>> 0) };
      }
      args.push(a);
    }
    tame(spec, args, pick, int);
    calls.push({ spec, index: FUZZED.indexOf(spec), args });
  }

  const encode = (start: number): Uint8Array => {
    const bytes = new Uint8Array(16 + SCRATCH_SIZE + count * RECORD);
    const hv = new DataView(bytes.buffer);
    hv.setUint32(0, SCRIPT_MAGIC, true);
    hv.setUint32(4, start, true);
    hv.setUint32(8, count, true);
    hv.setUint32(12, preludeCount, true);
    bytes.set(scratch, 16);
    const words = new Uint32Array(RECORD / 4);
    calls.forEach((c, i) => {
      words.fill(0);
      words[0] = c.index;
      words[1] = c.args.length;
      let tags = 0;
      c.args.forEach((a, j) => {
        if (a.fromEnd) tags |= 1 << (2 * j);
        const u = BigInt.asUintN(64, a.value);
        words[4 + 2 * j] = Number(u & 0xffffffffn);
        words[5 + 2 * j] = Number(u >> 32n);
      });
      words[2] = tags >>> 0;
      words[3] = recordChecksum(words, i);
      bytes.set(new Uint8Array(words.buffer), 16 + SCRATCH_SIZE + i * RECORD);
    });
    return bytes;
  };
  if (FUZZED.some((s) => s.params.length > MAX_ARGS)) throw new Error('import fuzz: a call has more parameters than a record holds');
  return { bytes: encode, calls, scratch, prelude: preludeCount };
}

/**
 * What keeps the script running: kill and raise send fatal signals only where no process is, exec
 * gets requests out of bounds or of junk only (a valid one would replace the program).
 */
function tame(spec: SyscallSpec, args: Arg[], pick: <T>(a: readonly T[]) => T, int: (n: number) => number): void {
  const key = `${spec.module}.${spec.name}`;
  if (key === 'l4posix.exec') {
    // Or a request of junk words (no path there names a program).
    args[0] = pick<Arg>([{ value: 0xffffffffn }, { value: 0x7fffffffn }, { value: 4n, fromEnd: true }, { value: 0xfffffff0n },
      { value: BigInt(STRUCTS + STRUCT_SLOT * (2 + int(STRUCT_SLOTS - 2))) }]);
  }
  const fatal = (i: number) => FATAL.has(Number(BigInt.asIntN(32, args[i]!.value)));
  if (key === 'l4posix.raise' && fatal(0)) args[0] = { value: BigInt(pick([0, 10, 17, 18, 23, 28, 65, 1000, 0xffffffff])) };
  // WASI numbers signals its own way: CHLD 16, CONT 17, URG 22, WINCH 27.
  const wasiSig = Number(BigInt.asIntN(32, args[0]?.value ?? 0n));
  if (key === 'wasi_snapshot_preview1.proc_raise' && wasiSig >= 1 && wasiSig <= 30 && ![16, 17, 22, 27].includes(wasiSig)) {
    args[0] = { value: BigInt(pick([0, 16, 17, 22, 27, 31, 65, 1000, 0xffffffff])) };
  }
  if (key === 'l4posix.kill' && fatal(1)) {
    args[0] = { value: BigInt(pick([99999, 0x7fffffff, -99999 >>> 0, 0x80000000])) };
  }
  // Counts of structs the call writes back: small, or beyond any memory (with a product that
  // wraps in 32 bits); a count in between makes a valid range over the guard zone.
  spec.params.forEach((p, i) => {
    if (p.name === 'nfds' || p.name === 'nsubscriptions') {
      args[i] = { value: BigInt(pick([0, 1, 2, 3, 4, 8, 16, 64, 1025, 0x7fffffff, 0xffffffff, 0x10000000, 0x5555556, 0x20000001])) };
    }
  });
}
