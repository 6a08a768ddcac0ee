// The memory map the import fuzzer's module and its script generator share. Hostile arguments
// point only into the low zone, the scratch zone, the top of memory or outside it; the guard zone
// (canaries, the control block, the pristine scratch image and the script) is never an argument,
// so any change there is the host writing where it was not asked to.
import { isWideKind, SYSCALLS, type ParamKind, type SyscallSpec } from '../../src/libc/syscalls/index.js';

/** Small pointers (0, 1, 8, ...) and lengths up to MAX_SANE_LEN from them land here. */
export const LOW_END = 0x10000;

/** Scratch: what valid pointers point at, restored from the pristine image before every call. */
export const SCRATCH = 0x10000;
export const SCRATCH_SIZE = 0x20000;
/** Path strings, PATH_SLOT bytes apart. */
export const PATHS = SCRATCH;
export const PATH_SLOT = 0x100;
export const PATH_SLOTS = 48;
/** Two long paths (over PATH_MAX; a component over NAME_MAX). */
export const LONG_PATHS = 0x13000;
export const LONG_PATH_SLOT = 0x1800;
/** iovec arrays, IOV_SLOT bytes apart. */
export const IOVS = 0x16000;
export const IOV_SLOT = 0x100;
export const IOV_SLOTS = 32;
/** poll_oneoff subscription arrays. */
export const SUBS = 0x18000;
export const SUB_SLOT = 0x300;
export const SUB_SLOTS = 8;
/** Structs of plausible and implausible words (sigaction, itimerval, spawn requests, ...). */
export const STRUCTS = 0x1a000;
export const STRUCT_SLOT = 0x100;
export const STRUCT_SLOTS = 0x60;
/** Buffers the calls read into and write from. */
export const BUFS = 0x20000;
export const BUFS_END = 0x2f000;

/** A length a valid pointer may come with: keeps [ptr, ptr + len) below the guard zone. */
export const MAX_SANE_LEN = 0x4000;

/** The guard zone starts here (after a gap that sane ranges may reach into). */
export const GUARD = 0x38000;
export const CANARY_A = 0x38000;
/** Control block: progress (index of the call being made), signal count, the script's header. */
export const CTRL = 0x40000;
export const CTRL_PROGRESS = CTRL;
export const CTRL_SIGNALS = CTRL + 4;
export const CTRL_IOV = CTRL + 16;
export const CTRL_NREAD = CTRL + 24;
export const CANARY_B = 0x40100;
export const CANARY_END = 0x4ff00;
/** The script's header and the scratch image are read from stdin to here (header just before it). */
export const PRISTINE = 0x50000;
export const HEADER = PRISTINE - 16;
/** Call records, RECORD bytes each. */
export const RECORDS = PRISTINE + SCRATCH_SIZE;
export const RECORD = 128;
export const MAX_ARGS = 12;

/** Exit statuses of the module itself (a hostile call cannot produce them: proc_exit is never fuzzed). */
export const EXIT_DONE = 77;
export const EXIT_CANARY = 91;
export const EXIT_SCRIPT = 92;
export const EXIT_SHORT_INPUT = 93;
export const EXIT_NO_MEMORY = 94;

export const SCRIPT_MAGIC = 0x5a5a4634;

/** The wasm value type of a parameter: the 64-bit kinds arrive as BigInt. */
export function isWide(kind: ParamKind): boolean {
  return isWideKind(kind);
}

/** Every provided call, in the order the module imports them (its dispatch index). */
export const FUZZED: readonly SyscallSpec[] = SYSCALLS;

/** A call that ends the caller and returns nothing (proc_exit). */
export function returnsNothing(s: SyscallSpec): boolean {
  return !s.returns;
}

/** The checksum a record carries in its word 3: the other 31 words, and its index. */
export function recordChecksum(words: Uint32Array | number[], index: number): number {
  let x = (Math.imul(index, 0x9e3779b1) ^ 0xc0ffee) >>> 0;
  for (let w = 0; w < RECORD / 4; w++) if (w !== 3) x = (x ^ words[w]!) >>> 0;
  return x;
}
