// The forwarding channel between a decoupled program's worker and the vCPU: two pages of shared
// memory per program thread. The worker writes a call and, unless the vCPU is polling the channel,
// rings the process's IRQ (a kernel object: the vCPU's scheduler sees its thread ready); the vCPU
// serves the call with the same implementation a multiplexed call uses and writes the reply. No
// argument is copied: pointers point into the program's memory, which both sides share.
//
//   bytes     what
//   0..63     Int32 State, Call, Handlers, Polling, Again, Sleeping, Pending, LocalIo, LocalBusy, MemoryLimit, LockOwner, Instantiating,
//             FreeFds (2), Umask, NextMode
//   128..255  Float64/BigInt64 arguments (MAX_ARGS)
//   256..263  the result
//   384..399  Float64: when the worker started, how long it slept (its CPU time where /proc has none)
//   400..407  Float64: the process's RLIMIT_FSIZE (FSIZE_SLOT)
//   1024..    Int32 handler arguments, HANDLER_INTS per handler, MAX_HANDLERS of them
//   1280..    Int32 fd_fdstat_get answers kept for the worker, per descriptor below FDSTAT_FDS, then
//             FDSTAT_HIGH more for descriptors above (their numbers from 1664)
//   1792..    Int32 files the worker opened itself, until the vCPU adopts them (open_lending.ts)
//   2048..    Int32 lent host files: per descriptor below LENT_FDS, its host descriptor and access
//   2560..    Float64 lent file offsets (LentAccess.Stream, StreamWrite, Seek), per descriptor below LENT_FDS
//   3072..    BigInt64 lent files' device numbers (LentAccess.Stat), per descriptor below LENT_FDS
//   3584..    Int32 lent record locks: per descriptor below LENT_FDS, its file's lock slot and lock rights
//   3840..    Int32 deferred calls: a count, then DEFER_INTS per call
//   4096..    Float64 lent files' host inode numbers (write_behind_ring.ts), per descriptor below LENT_FDS

import type { InstantiationFailure } from './trap.js';
import type { EncodedList } from './startup_lending.js';

/** Int32 slots. */
export const enum Slot {
  /** Who owns the channel: Idle/Reply (the worker may write a call), Request (the vCPU serves it). */
  State = 0,
  /** The index of the called import in the program's import list (or an Op below). */
  Call = 1,
  /** How many signal handlers the worker runs before the call returns (their args follow). */
  Handlers = 2,
  /**
   * Polling.Spinning while the vCPU polls the channel (it sees a call without a ring). The worker
   * stores the request, then reads this; the vCPU clears it, then reads the state: one of them
   * sees the other.
   */
  Polling = 3,
  /** 1 in a reply that is no result: the worker runs the handlers, then makes the call again (SA_RESTART). */
  Again = 4,
  /**
   * 1 while the worker sleeps in Atomics.wait for the reply: only then does the vCPU notify (a
   * notify costs a lock even with nobody waiting). Same order as Polling, the other way round.
   */
  Sleeping = 5,
  /**
   * 1 while signal handlers wait for the worker's next call, or the process is stopped (job
   * control): the worker forwards the calls it could answer itself (lent host files, the clock,
   * its output ring) until the vCPU's next reply clears it.
   */
  Pending = 6,
  /** Calls the worker answered on what the vCPU lent it: host files, record locks, fdstat answers (its own count; the vCPU reads it at the end). */
  LocalIo = 7,
  /**
   * 1 while the worker does I/O on a lent file. It stores this, then reads the state; the vCPU
   * ending the program stores Exit, then waits for 0: no I/O of the program follows its end.
   */
  LocalBusy = 8,
  /**
   * The pages a prepared program's memory.grow may reach (RLIMIT_AS, the machine's memory left),
   * as the vCPU last set it; the worker hands it to the program's limit global when a call returns.
   */
  MemoryLimit = 9,
  /** The process's pid: the owner of the record locks the worker takes (set before it starts). */
  LockOwner = 10,
  /**
   * 1 until the worker has instantiated the module (its start function ran): a call that would
   * wait there, or a start function that runs too long, fails the load, as on the vCPU.
   */
  Instantiating = 11,
  /**
   * Two Int32s: bit i of the first (second) set when descriptor i (32 + i) is free, as the vCPU's
   * table had it at its last reply; the worker clears (sets) a bit when it opens (closes) one
   * itself, or defers its close (open_lending.ts).
   */
  FreeFds = 12,
  /** The process's umask, as of the vCPU's last reply. */
  Umask = 14,
  /** The mode create_mode left for the next creating open (-1: none), as of the vCPU's last reply. */
  NextMode = 15,
  /** First handler's 8 trampoline arguments; HANDLER_INTS per handler. */
  HandlerArgs = 256,
}

export const enum State { Idle = 0, Request = 1, Reply = 2, Exit = 3 }

/** Slot.Polling's values. */
export const enum Polling { Off = 0, Spinning = 1 }

/** Slot.Handlers in a reply that tells the worker to unwind the program (l4_recouple). */
export const UNWIND = -1;

/** Calls that are not imports of the program. */
export const enum Op {
  /** A signal handler the reply asked for has returned (its number in the first argument). */
  SignalReturn = -1,
  /** A deferred call: take over the file the worker opened itself (open_lending.ts; the record's index follows). */
  Adopt = -2,
  /**
   * The program returned from _start (exit status 0): told through the channel, which wakes a vCPU
   * that waits on its wake word at once, where a message waits for its event loop (~2 ms more).
   */
  Returned = -3,
}

/** Float64/BigInt64 slots (8 bytes each): the call's arguments and its result. */
export const ARG_SLOT = 16;
export const MAX_ARGS = 16;
export const RESULT_SLOT = ARG_SLOT + MAX_ARGS;
/** Float64 slots: performance.timeOrigin-based ms when the worker started, ms it spent asleep. */
export const STARTED_SLOT = 48;
export const SLEPT_SLOT = 49;
/**
 * Float64 slot: the process's soft RLIMIT_FSIZE in bytes (Infinity: none), as of the vCPU's last
 * reply. A lent write that would reach past it is forwarded (SIGXFSZ, a short write: the vCPU's).
 */
export const FSIZE_SLOT = 50;
export const HANDLER_INTS = 8;
export const MAX_HANDLERS = 8;

/**
 * Host files lent to the worker (decoupled.ts): Int32 slot LENT_SLOT + fd holds 0 (forward the
 * call) or lentEntry(host descriptor, access). Written by the vCPU only while the worker waits for
 * a reply; the worker reads it for fd_pread/fd_pwrite on its own core.
 */
export const LENT_SLOT = 512;
export const LENT_FDS = 64;
/** Float64 slot of descriptor 0's file offset while it is lent for OFFSET_ACCESS (the worker's then). */
export const LENT_OFFSET_SLOT = 320;
/** BigInt64 slot of descriptor 0's file's device number (the mount's, as fstat reports it) while it is lent for Stat. */
export const LENT_DEV_SLOT = 384;
/**
 * Read, Write: fd_pread, fd_pwrite. Stream: fd_read at the file offset, which the channel holds
 * until the vCPU takes it back at the worker's next forwarded call. StreamWrite: fd_write there.
 * Seek: fd_seek and fd_tell of that offset. Sync: fd_sync. DataSync: fd_datasync (a read-only
 * descriptor may have the right to one and not the other). Stat: l4posix fstat (any descriptor).
 * FileStat: WASI's fd_filestat_get (with its right).
 */
export const enum LentAccess { Read = 1, Write = 2, Stream = 4, Sync = 8, Stat = 16, DataSync = 32, StreamWrite = 64, Seek = 128, FileStat = 256 }
/** The accesses that use the file offset the channel holds (LENT_OFFSET_SLOT). */
export const OFFSET_ACCESS = LentAccess.Stream | LentAccess.StreamWrite | LentAccess.Seek;
/** Bits of an entry that hold its LentAccess; the host descriptor (plus one) is above them. */
const ACCESS_BITS = 9;
export const lentEntry = (hostFd: number, access: number): number => ((hostFd + 1) << ACCESS_BITS) | access;
export const lentHostFd = (entry: number): number => (entry >>> ACCESS_BITS) - 1;
/**
 * Float64 slot of descriptor 0's host inode number while it is lent: a read of a file other than
 * those with writes queued (write_behind_ring.ts) need not wait for them.
 */
export const LENT_INO_SLOT = 512;
export const CHANNEL_BYTES = 8192;

/**
 * fd_fdstat_get answers the worker gives itself (wasi-libc's openat asks for its directory's at
 * every open): FDSTAT_INTS Int32s from FDSTAT_SLOT + fd * FDSTAT_INTS per descriptor below
 * FDSTAT_FDS: fdstatWord(file type, flags) (0: forward the call), rights base, rights inheriting,
 * 1 if its close may be deferred. Kept by the vCPU (after each forwarded call) for descriptors no
 * other descriptor or process shares; the worker clears a descriptor's entries when it defers its close.
 */
export const FDSTAT_SLOT = 320;
/**
 * Answers kept for FDSTAT_HIGH descriptors at or above FDSTAT_FDS too (a libl4posix program's
 * preopens sit at the top of the table, 1023 downwards, and wasi-libc's openat asks for theirs):
 * entry FDSTAT_FDS + k, whose descriptor plus one is Int32 FDSTAT_HIGH_FDS_SLOT + k (0: unused).
 */
export const FDSTAT_HIGH = 8;
export const FDSTAT_HIGH_FDS_SLOT = FDSTAT_SLOT + (16 + FDSTAT_HIGH) * 4;

/** The first Int32 of `fd`'s kept fd_fdstat_get answer in the channel, or -1 when it has no place there. */
export function fdstatAt(i32: Int32Array, fd: number): number {
  if (fd >>> 0 < FDSTAT_FDS) return FDSTAT_SLOT + fd * FDSTAT_INTS;
  for (let k = 0; k < FDSTAT_HIGH; k++) {
    if (i32[FDSTAT_HIGH_FDS_SLOT + k] === fd + 1) return FDSTAT_SLOT + (FDSTAT_FDS + k) * FDSTAT_INTS;
  }
  return -1;
}

/**
 * Calls the worker defers (DecoupledWorkerData.defer): ones that only set state of the process
 * that nothing reads before its next forwarded call, with a result known beforehand — create_mode
 * (the mode of the next create; always 0) and fcntl F_SETFD on a descriptor the worker knows open
 * (its fdstat kept; always 0), fd_close of a descriptor the vCPU marked closable (a regular file or
 * directory without locks of the process: always 0). Int32 DEFER_SLOT holds how many wait; each is DEFER_INTS Int32s
 * (import index, arguments). The vCPU makes them, in order, before it serves the next forwarded call.
 */
export const DEFER_SLOT = 960;
export const DEFER_INTS = 4;
export const MAX_DEFERRED = 15;
export const FDSTAT_FDS = 16;
export const FDSTAT_INTS = 4;
export const fdstatWord = (fileType: number, flags: number): number => (1 | (fileType << 8) | (flags << 16)) | 0;

/**
 * Record locks lent to the worker (fcntl F_GETLK/F_SETLK/F_SETLKW on its own core): Int32 slot
 * LOCK_SLOT + fd holds 0 (forward the call) or lockEntry(the file's slot in the machine's lock
 * pool, LockRight bits). Written by the vCPU only while the worker waits for a reply.
 */
export const LOCK_SLOT = 896;
export const enum LockRight { Read = 1, Write = 2 }
export const lockEntry = (slot: number, rights: number): number => ((slot + 1) << 2) | rights;
export const lockSlotOf = (entry: number): number => (entry >>> 2) - 1;

/**
 * Files the worker opened itself in a lent mount root (open_lending.ts), until the vCPU adopts
 * them at the worker's next forwarded call: OPEN_INTS Int32s per record from OPEN_SLOT, MAX_OPENS
 * of them: the descriptor plus one (0: free record), the host descriptor, the directory
 * descriptor it was opened through, OpenedAs bits, the lent directory's entry (dir_lending.ts).
 */
export const OPEN_SLOT = 448;
export const OPEN_INTS = 8;
export const MAX_OPENS = 8;
export const enum OpenedAs { Directory = 1, Read = 2, Write = 4 }

/** Value type of an i64 parameter or result (passed as BigInt). */
export const I64 = 0x7e;

/** What the worker needs to run the program. */
export interface DecoupledWorkerData {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  channel: SharedArrayBuffer;
  /** Each function import in order: module, name, parameter types, result type (0 = none). */
  imports: { module: string; name: string; params: number[]; result: number }[];
  /** The calls the worker answers on its own core ("module.name", the table's coreLocal). */
  coreLocal: string[];
  /** process.hrtime.bigint() minus the machine's monotonic clock (ns): the worker's local clock. */
  monotonicBaseNs: bigint;
  /** How long the worker spins for a reply before it sleeps (ns), at most (it adapts). */
  spinNs: number;
  /** Whether the worker may defer calls (DEFER_SLOT); never for a traced or server-routed program. */
  defer: boolean;
  /** The machine's record-lock pool (lock_slots.ts), when the worker may take locks itself. */
  lockSlots?: SharedArrayBuffer;
  /** The process's wake IRQ in the shared kernel: the worker triggers it to ring the vCPU. */
  ring: { memory: WebAssembly.Memory; module: WebAssembly.Module; cpu: number; irq: number };
  /** The table of directories the vCPU lends (dir_lending.ts), when it may lend any. */
  lentDirs?: SharedArrayBuffer;
  /** The process's mount tree's generation (Vfs.generation), which lent directories are checked against. */
  mountGeneration?: Int32Array;
  /** The machine's count of open host files (host_files.ts), when the worker may open files of lent mount roots itself. */
  hostFiles?: SharedArrayBuffer;
  /** The program's output ring (output_ring.ts), when console outputs may be lent to the worker. */
  outputRing?: SharedArrayBuffer;
  /** The write-behind control and this program's ring (write_behind_ring.ts), when its lent host writes may be queued. */
  writeBehind?: { control: SharedArrayBuffer; ring: SharedArrayBuffer };
  /** What the worker answers as the program starts (startup_lending.ts): arguments, environment, the preopens' table. */
  startup?: { args: EncodedList; env: EncodedList; preopens: SharedArrayBuffer };
  /**
   * A program that moves here from the vCPU (l4_decouple): its prepared module was unwound into
   * the save area (the top `reserveBytes` of memory); set these globals and rewind it.
   */
  adopt?: {
    globals: Record<string, number | bigint>;
    reserveBytes: number;
    /** Its memory.grow helper's limit: the global exported as `name`, set to `pages`. */
    memoryLimit: { name: string; pages: number };
  };
}

/** What the worker posts when the program stops running there. */
export type DecoupledWorkerMessage =
  /** Its modules are loaded (it may be terminated without leaving module files open). */
  | { type: 'booted' }
  /** The worker's OS thread, as /proc names it ("<pid>/task/<tid>"; Linux), for its CPU time. */
  | { type: 'thread'; path: string }
  | { type: 'returned' }
  | { type: 'recouple'; globals: Record<string, number | bigint> }
  | { type: 'trapped'; message: string; stack?: string; stackExhausted?: boolean; instantiation?: InstantiationFailure };
