// A decoupled program's core: a worker thread that runs the program's *original* code (no
// asyncify: a blocking call simply waits here). Every import is a stub that forwards the call to
// the vCPU through the shared channel (spin briefly, then Atomics.wait); the monotonic clock is
// answered here. Signal handlers the vCPU asks for run here, before the call returns. The ring is
// the process's IRQ in the shared kernel, triggered from here (a kernel call made directly).
import { fdatasyncSync, fstatSync, fsyncSync, lstatSync, readSync, readlinkSync, unlinkSync, writeSync, type BigIntStats } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { workerData, parentPort } from 'node:worker_threads';
import { Kernel } from '../kernel/kernel.js';
import { storeU53 } from '../libc/time.js';
import { Filestat, LookupFlags, NULL_GUARD, NULL_WATCH, Rights, USER_END_EXPORT } from '../libc/abi.js';
import { statFromBigInt } from '../vfs/stat.js';
import { Whence, type Stat } from '../vfs/types.js';
import { Errno } from '../errno.js';
import { failureOf, isWasmException, UNCAUGHT_EXCEPTION } from './trap.js';
import { LockSlots } from '../vfs/lock_slots.js';
import { MAX_RECORD, OutputRing } from './output_ring.js';
import { LockType, conflictIn, withLock } from '../vfs/record_locks.js';
import { ABSOLUTE, readLentDirs, tableVersion, type LentDir } from './dir_lending.js';
import { WorkerOpens, setFdFree } from './open_lending.js';
import { StartupAnswers } from './startup_lending.js';
import { Ctl, RingWriter, waitWritten } from './write_behind_ring.js';
import {
  ARG_SLOT, DEFER_INTS, DEFER_SLOT, HANDLER_INTS, I64, LENT_DEV_SLOT, LENT_FDS, LENT_INO_SLOT, LENT_OFFSET_SLOT, LENT_SLOT, LOCK_SLOT, LentAccess, LockRight, MAX_DEFERRED, Op, Polling, RESULT_SLOT, SLEPT_SLOT, Slot, FSIZE_SLOT,
  STARTED_SLOT, State, UNWIND, fdstatAt, lentHostFd, lockSlotOf, type DecoupledWorkerData, type DecoupledWorkerMessage,
} from './decouple_channel.js';

// Its modules are loaded: the vCPU may now end this worker without leaving the loader's open
// module files behind (a worker terminated while Node reads them does not close them).
parentPort!.postMessage({ type: 'booted' } satisfies DecoupledWorkerMessage);
// Started ahead of its program (prewarmDecoupledWorker), the worker gets its data in a message.
const data = (workerData ?? await new Promise((resolve) => parentPort!.once('message', resolve))) as DecoupledWorkerData;
const i32 = new Int32Array(data.channel);
const f64 = new Float64Array(data.channel);
const i64 = new BigInt64Array(data.channel);
const memory = data.memory;
// This instance only triggers the ring IRQ: it enters the kernel as the vCPU's CPU would, and no
// call it makes uses that CPU's scratch area.
const kernel = Kernel.attach(data.ring.memory, data.ring.module, data.ring.cpu);
f64[STARTED_SLOT] = performance.timeOrigin + performance.now();
f64[SLEPT_SLOT] = 0;

/** Thrown through the program when the vCPU ends it (exit, kill, shutdown). */
class Ended extends Error {}

let deliver: ((...a: number[]) => void) | undefined;

/** asyncify's exports, when the program was prepared (it moved here with l4_decouple). */
interface Asyncify {
  asyncify_start_unwind(at: number): void;
  asyncify_stop_unwind(): void;
  asyncify_start_rewind(at: number): void;
  asyncify_stop_rewind(): void;
}
let asyncify: Asyncify | undefined;
let rewinding = false;
let unwinding = false;
const reserve = data.adopt?.reserveBytes ?? 0;
const saveArea = () => memory.buffer.byteLength - reserve;

function call(index: number): void {
  i32[Slot.Call] = index;
  // Marked as local work, which the vCPU waits out before it terminates this worker: a worker
  // terminated inside the kernel (the IRQ below) would leave the kernel's lock held for good, and
  // the vCPU's next kernel call would wait for it forever. None starts once the program has ended.
  if (!enterLocalIo()) throw new Ended();
  Atomics.store(i32, Slot.State, State.Request);
  // A vCPU that polls the channel sees the request; otherwise the IRQ makes the process's thread
  // ready (and wakes the vCPU if it sleeps).
  const polling = Atomics.load(i32, Slot.Polling);
  try {
    if (polling === Polling.Off) kernel.triggerIrq(data.ring.irq);
  } finally {
    leaveLocalIo();
  }
  awaitReply(Math.max(0, index + 1) * 2 + polling);
  if (Atomics.load(i32, Slot.State) === State.Exit) throw new Ended();
  // A prepared program's memory.grow bound (RLIMIT_AS may have changed in this very call).
  if (memoryLimit !== undefined && i32[Slot.MemoryLimit] !== memoryLimitPages) {
    memoryLimitPages = i32[Slot.MemoryLimit]!;
    memoryLimit.value = memoryLimitPages;
  }
}

/** The limit global of a prepared program (l4_decouple), and the value it holds. */
let memoryLimit: WebAssembly.Global | undefined;
let memoryLimitPages = -1;

/**
 * How long the next call spins for its reply (ms): adapts like an adaptive mutex. A reply caught
 * spinning doubles it (up to spinNs), one that had to be slept for halves it (down to MIN_SPIN_MS):
 * where the cores are oversubscribed, spinning only keeps the vCPU off the core it needs. One
 * figure per import (index + 1; Op.SignalReturn and Op.Returned are 0) and per whether the vCPU was polling the
 * channel (Polling), because replies differ a hundredfold: fcntl takes a few µs, unlink or a
 * directory's fsync a millisecond, and a vCPU that must be woken first tens of µs more. With one
 * figure for all, each slow reply cut the spin of the quick ones that followed, and they paid a
 * sleep and a wake-up (tens of µs each) for a reply that came in microseconds.
 */
const maxSpinMs = data.spinNs / 1e6;
const MIN_SPIN_MS = 0.01;
const spinMs = new Float64Array((data.imports.length + 1) * 2).fill(maxSpinMs);

/** Spins for the reply (a futex wake-up costs tens of µs here), then sleeps until it comes; `slot` indexes spinMs. */
function awaitReply(slot: number): void {
  const until = performance.now() + spinMs[slot]!;
  for (let n = 1; ; n++) {
    if (Atomics.load(i32, Slot.State) !== State.Request) {
      spinMs[slot] = Math.min(maxSpinMs, spinMs[slot]! * 2);
      return;
    }
    // The clock is read now and then: the loop notices a reply within nanoseconds.
    if ((n & 127) === 0 && performance.now() > until) break;
  }
  spinMs[slot] = Math.max(MIN_SPIN_MS, spinMs[slot]! / 2);
  const t0 = performance.now();
  Atomics.store(i32, Slot.Sleeping, 1);
  while (Atomics.load(i32, Slot.State) === State.Request) Atomics.wait(i32, Slot.State, State.Request);
  Atomics.store(i32, Slot.Sleeping, 0);
  f64[SLEPT_SLOT] = f64[SLEPT_SLOT]! + (performance.now() - t0);
}

/** The handler calls the reply carries (each one's arguments). */
function handlersOfReply(): number[][] {
  const n = i32[Slot.Handlers]!;
  const calls: number[][] = [];
  for (let h = 0; h < n; h++) calls.push(Array.from(i32.subarray(Slot.HandlerArgs + h * HANDLER_INTS, Slot.HandlerArgs + (h + 1) * HANDLER_INTS)));
  return calls;
}

/**
 * Runs the handlers the reply carries; each one's return is reported, with how many of them are
 * still to run. After the last, a signal that return made deliverable (the handler's mask
 * restored: one it raised for itself) comes with the reply and runs at once, as at Linux's
 * sigreturn, before the program goes on. (Not while others wait here: one of them may leave by
 * siglongjmp, and what the vCPU handed over with it would be lost.)
 */
function runHandlers(): void {
  if (i32[Slot.Handlers] === 0) return;
  const calls = handlersOfReply();
  for (let args = calls.shift(); args !== undefined; args = calls.shift()) {
    deliver?.(...args);
    f64[ARG_SLOT] = args[0]!;
    f64[ARG_SLOT + 1] = calls.length;
    call(Op.SignalReturn);
    calls.push(...handlersOfReply());
  }
}

function stub(index: number, params: number[], result: number): (...args: (number | bigint)[]) => number | bigint | undefined {
  return (...args) => {
    if (rewinding) {
      // Back in the call the program unwound at on the vCPU (l4_decouple): it returns 0 here.
      asyncify!.asyncify_stop_rewind();
      rewinding = false;
      return result === I64 ? 0n : 0;
    }
    for (;;) {
      for (let k = 0; k < params.length; k++) {
        if (params[k] === I64) i64[ARG_SLOT + k] = args[k] as bigint;
        else f64[ARG_SLOT + k] = args[k] as number;
      }
      call(index);
      if (i32[Slot.Again] === 0) break;
      // SA_RESTART: the handlers of the signal that interrupted the call run, then the call again.
      runHandlers();
    }
    const r = result === 0 ? undefined : result === I64 ? i64[RESULT_SLOT]! : f64[RESULT_SLOT]!;
    if (i32[Slot.Handlers] === UNWIND) {
      // l4_recouple: the program unwinds into the save area and continues on the vCPU.
      const at = saveArea();
      const view = new Int32Array(memory.buffer, at, 2);
      view[0] = at + 8;
      view[1] = at + reserve;
      asyncify!.asyncify_start_unwind(at);
      unwinding = true;
      return r;
    }
    runHandlers();
    return r;
  };
}

const CLOCK_MONOTONIC = 1;

/** performance.now() (ms, this worker's origin) plus this, in ns, is the machine's monotonic clock. */
const clockOffsetMs = Number(process.hrtime.bigint() - data.monotonicBaseNs) / 1e6 - performance.now();
let clockView = new DataView(memory.buffer);

/** clock_time_get(MONOTONIC) on this core; anything else (or a bad pointer) is forwarded. */
function localClock(forward: Forward): Forward {
  return ((id: number, precision: bigint, ptr: number): number | bigint | undefined => {
    const at = ptr >>> 0;
    // Signals waiting, or the process stopped (job control): the call goes to the vCPU.
    if (id !== CLOCK_MONOTONIC || Atomics.load(i32, Slot.Pending) !== 0) return forward(id, precision, ptr);
    if (at + 8 > clockView.byteLength) {
      clockView = new DataView(memory.buffer);
      if (at + 8 > clockView.byteLength) return forward(id, precision, ptr);
    }
    storeU53(clockView, at, Math.floor((performance.now() + clockOffsetMs) * 1e6));
    return 0;
  }) as Forward;
}

/** Largest transfer made here (node:fs lengths are int32); a larger one is forwarded. */
const MAX_LOCAL_IO = 1 << 30;
const MAX_SAFE_OFFSET = BigInt(Number.MAX_SAFE_INTEGER);
let memBytes = new Uint8Array(memory.buffer);
let memView = new DataView(memory.buffer);
let memU32 = new Uint32Array(memory.buffer);
/** wasm memory is little-endian: an aligned u32 is read through memU32 only on a little-endian host. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The u32 at `at` (inMemory checked): an aligned one as an element of memU32 (a DataView on shared memory costs more). */
function loadU32(at: number): number {
  return (at & 3) === 0 && LITTLE_ENDIAN ? memU32[at >>> 2]! : memView.getUint32(at, true);
}

function storeU32(at: number, v: number): void {
  if ((at & 3) === 0 && LITTLE_ENDIAN) memU32[at >>> 2] = v;
  else memView.setUint32(at, v, true);
}

/**
 * Whether bytes up to `end` lie in the program's memory, the views renewed only when they reach
 * past the current ones (memory only grows; reading memory.buffer on every call costs).
 */
/**
 * A program linked by l4wasm cc (its user_end marker) has no object in its first bytes (abi.ts NULL_GUARD): a buffer
 * there is forwarded, and the vCPU answers EFAULT as for any call of the program.
 */
const nullGuard = WebAssembly.Module.exports(data.module).some((e) => e.name === USER_END_EXPORT) ? NULL_GUARD : 0;

function inMemory(end: number): boolean {
  if (end <= memBytes.byteLength) return true;
  memBytes = new Uint8Array(memory.buffer);
  memView = new DataView(memory.buffer);
  memU32 = new Uint32Array(memory.buffer);
  return end <= memBytes.byteLength;
}

/**
 * Marks local work as under way (I/O on a lent file, a lock slot held, a kernel entry); false once
 * the program has ended (nothing may follow).
 */
function enterLocalIo(): boolean {
  Atomics.store(i32, Slot.LocalBusy, 1);
  if (Atomics.load(i32, Slot.State) !== State.Exit) return true;
  Atomics.store(i32, Slot.LocalBusy, 0);
  return false;
}

/**
 * enterLocalIo for a call the worker would answer itself: false (forward it) also after a write
 * through a null pointer, which the vCPU's answer finds (SIGSEGV before the call acts: process.ts
 * nullPageWritten).
 */
function enterLocalCall(): boolean {
  if (nullGuard !== 0) {
    for (let i = 0; i < NULL_WATCH / 4; i++) if (memU32[i] !== 0) return false;
  }
  return enterLocalIo();
}

function leaveLocalIo(): void {
  Atomics.store(i32, Slot.LocalBusy, 0);
}

/**
 * fd_pread / fd_pwrite on a host file the vCPU lent for this descriptor: one iovec, straight to
 * the host descriptor. Anything else (not lent, several iovecs, an address outside memory, a host
 * error, signal handlers waiting) is forwarded, so the vCPU gives every answer but the plain one.
 */
function lentIo(access: LentAccess): (forward: Forward) => Forward {
  return (forward) => ((fd: number, iovs: number, n: number, offset: bigint, resultPtr: number): number | bigint | undefined => {
    // Plain reads (each Atomics.load here cost ~30 ns a call): the lent table changes only while
    // this thread waits for a reply, and Pending, set at any time, is seen by the next call if
    // not by this one. An offset past 2^53 converts to one past MAX_SAFE_INTEGER.
    const entry = fd >>> 0 < LENT_FDS ? i32[LENT_SLOT + fd]! : 0;
    const at = Number(offset);
    if ((entry & access) === 0 || n !== 1 || !(at >= 0 && at <= Number.MAX_SAFE_INTEGER) || i32[Slot.Pending] !== 0) {
      return forward(fd, iovs, n, offset, resultPtr);
    }
    const iov = iovs >>> 0, out = resultPtr >>> 0;
    if (!inMemory(Math.max(iov + 8, out + 4))) return forward(fd, iovs, n, offset, resultPtr);
    const ptr = loadU32(iov), len = loadU32(iov + 4);
    if (len > MAX_LOCAL_IO || (ptr < nullGuard && len !== 0) || !inMemory(ptr + len)) return forward(fd, iovs, n, offset, resultPtr);
    // Past RLIMIT_FSIZE: a short write or SIGXFSZ, the vCPU's to give.
    if (access === LentAccess.Write && at + len > f64[FSIZE_SLOT]!) return forward(fd, iovs, n, offset, resultPtr);
    if (!enterLocalCall()) return forward(fd, iovs, n, offset, resultPtr);
    let done: number;
    try {
      if (access !== LentAccess.Write) {
        writeBehind?.beforeRead(f64[LENT_INO_SLOT + fd]!);
        done = readSync(lentHostFd(entry), memBytes, ptr, len, at);
      } else if (writeBehind !== undefined && writeBehind.queue(lentHostFd(entry), fd, f64[LENT_INO_SLOT + fd]!, memBytes, ptr, len, at)) {
        done = len;
      } else {
        // Not after the writes queued before it.
        if (writeBehind !== undefined) waitWritten(writeBehind.ctl);
        done = writeSync(lentHostFd(entry), memBytes, ptr, len, at);
      }
    } catch {
      leaveLocalIo();
      return forward(fd, iovs, n, offset, resultPtr);
    }
    leaveLocalIo();
    storeU32(out, done);
    i32[Slot.LocalIo]!++;
    return 0;
  }) as Forward;
}

/** Largest number of iovecs a Stream read takes here (stdio passes two); more are forwarded. */
const MAX_LOCAL_IOVS = 8;
const iovPtr = new Array<number>(MAX_LOCAL_IOVS).fill(0);
const iovLen = new Array<number>(MAX_LOCAL_IOVS).fill(0);

/**
 * Reads the `count` iovecs at `iov` into iovPtr/iovLen, with the result pointer `out`: their
 * total length, or -1 when the array, a buffer or the result lies outside memory (the call is
 * forwarded for the vCPU's answer).
 */
function gatherIovecs(iov: number, count: number, out: number): number {
  if (iov < nullGuard || out < nullGuard || !inMemory(Math.max(iov + 8 * count, out + 4))) return -1;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const ptr = loadU32(iov + 8 * i), len = loadU32(iov + 8 * i + 4);
    if ((ptr < nullGuard && len !== 0) || !inMemory(ptr + len)) return -1;
    iovPtr[i] = ptr;
    iovLen[i] = len;
    total += len;
  }
  return total;
}

/**
 * fd_read (Stream) or fd_write (StreamWrite, never an O_APPEND description) on a host file lent
 * for it: at the offset the channel holds, advancing it, iovec by iovec up to the first short
 * transfer (PositionedFile.read/write). What it cannot answer whole is forwarded; a host error
 * before any byte moved too, for the vCPU's errno.
 */
function lentStream(access: LentAccess.Stream | LentAccess.StreamWrite): (forward: Forward) => Forward {
  const write = access === LentAccess.StreamWrite;
  return (forward) => ((fd: number, iovs: number, n: number, resultPtr: number): number | bigint | undefined => {
    // Plain reads, as lentIo's.
    const entry = fd >>> 0 < LENT_FDS ? i32[LENT_SLOT + fd]! : 0;
    const count = n >>> 0;
    if ((entry & access) === 0 || count > MAX_LOCAL_IOVS || i32[Slot.Pending] !== 0) {
      return forward(fd, iovs, n, resultPtr);
    }
    const out = resultPtr >>> 0;
    const want = gatherIovecs(iovs >>> 0, count, out);
    if (want < 0 || want > MAX_LOCAL_IO) return forward(fd, iovs, n, resultPtr);
    const hostFd = lentHostFd(entry);
    if (!write) writeBehind?.beforeRead(f64[LENT_INO_SLOT + fd]!);
    const start = f64[LENT_OFFSET_SLOT + fd]!;
    if (start + want > (write ? f64[FSIZE_SLOT]! : Number.MAX_SAFE_INTEGER) || !enterLocalCall()) return forward(fd, iovs, n, resultPtr);
    let total = 0;
    for (let i = 0; i < count; i++) {
      // The iovecs as checked: a read into the iovec array itself must not change the later ones.
      const ptr = iovPtr[i]!, len = iovLen[i]!;
      if (len === 0) continue;
      let moved: number;
      try {
        moved = write ? writeSync(hostFd, memBytes, ptr, len, start + total) : readSync(hostFd, memBytes, ptr, len, start + total);
      } catch {
        // Nothing moved yet: the vCPU answers (with the errno); else the bytes moved so far.
        if (total === 0) {
          leaveLocalIo();
          return forward(fd, iovs, n, resultPtr);
        }
        break;
      }
      total += moved;
      if (moved < len) break;
    }
    leaveLocalIo();
    f64[LENT_OFFSET_SLOT + fd] = start + total;
    storeU32(out, total);
    i32[Slot.LocalIo]!++;
    return 0;
  }) as Forward;
}

/**
 * fd_seek / fd_tell of a host file lent for Seek: the offset the channel holds, moved as
 * PositionedFile.seek moves it (the end from the host's fstat). Anything it would refuse
 * (before the start, a bad whence or pointer) is forwarded for the vCPU's errno.
 */
function lentSeek(forward: Forward): Forward {
  return ((fd: number, offset: bigint, whence: number, resultPtr: number): number | bigint | undefined => {
    const entry = fd >>> 0 < LENT_FDS ? Atomics.load(i32, LENT_SLOT + fd) : 0;
    const out = resultPtr >>> 0;
    if ((entry & LentAccess.Seek) === 0 || whence >>> 0 > Whence.End || offset > MAX_SAFE_OFFSET || offset < -MAX_SAFE_OFFSET ||
        Atomics.load(i32, Slot.Pending) !== 0 || !inMemory(out + 8)) {
      return forward(fd, offset, whence, resultPtr);
    }
    let base = whence === Whence.Set ? 0 : f64[LENT_OFFSET_SLOT + fd]!;
    if (whence === Whence.End) {
      if (!enterLocalCall()) return forward(fd, offset, whence, resultPtr);
      try {
        base = fstatSync(lentHostFd(entry)).size;
      } catch {
        leaveLocalIo();
        return forward(fd, offset, whence, resultPtr);
      }
      leaveLocalIo();
    }
    const next = base + Number(offset);
    if (!Number.isSafeInteger(next) || next < 0) return forward(fd, offset, whence, resultPtr);
    f64[LENT_OFFSET_SLOT + fd] = next;
    memView.setBigUint64(out, BigInt(next), true);
    i32[Slot.LocalIo]!++;
    return 0;
  }) as Forward;
}

function lentTell(forward: Forward): Forward {
  return ((fd: number, resultPtr: number): number | bigint | undefined => {
    const entry = fd >>> 0 < LENT_FDS ? Atomics.load(i32, LENT_SLOT + fd) : 0;
    const out = resultPtr >>> 0;
    if ((entry & LentAccess.Seek) === 0 || Atomics.load(i32, Slot.Pending) !== 0 || !inMemory(out + 8)) return forward(fd, resultPtr);
    memView.setBigUint64(out, BigInt(f64[LENT_OFFSET_SLOT + fd]!), true);
    i32[Slot.LocalIo]!++;
    return 0;
  }) as Forward;
}

/** fd_sync / fd_datasync of a lent host file, on this core; an error is forwarded for the vCPU's answer. */
function lentSync(data: boolean): (forward: Forward) => Forward {
  return (forward) => ((fd: number): number | bigint | undefined => {
    const entry = fd >>> 0 < LENT_FDS ? Atomics.load(i32, LENT_SLOT + fd) : 0;
    if ((entry & (data ? LentAccess.DataSync : LentAccess.Sync)) === 0 || Atomics.load(i32, Slot.Pending) !== 0 || !enterLocalCall()) return forward(fd);
    try {
      if (data) fdatasyncSync(lentHostFd(entry));
      else fsyncSync(lentHostFd(entry));
    } catch {
      leaveLocalIo();
      return forward(fd);
    }
    leaveLocalIo();
    i32[Slot.LocalIo]!++;
    return 0;
  }) as Forward;
}

/** The host's fstat of lent file `entry` (descriptor `fd`) with the mount's device number; undefined on a host error (forward). */
function fstatLent(entry: number, fd: number): Stat | undefined {
  writeBehind?.beforeRead(f64[LENT_INO_SLOT + fd]!);
  try {
    return statFromBigInt(fstatSync(lentHostFd(entry), { bigint: true }), i64[LENT_DEV_SLOT + fd]!);
  } catch {
    return undefined;
  }
}

/**
 * The host's lstat of `name` in lent directory `d`'s root, as local work: its stats, null when
 * there is none, undefined on a host error or once the program has ended (forward).
 */
function lstatLent(d: LentDir, name: string): BigIntStats | null | undefined {
  if (!enterLocalCall()) return undefined;
  try {
    return lstatSync(d.hostDir + name, { bigint: true, throwIfNoEntry: false }) ?? null;
  } catch {
    return undefined;
  } finally {
    leaveLocalIo();
  }
}

/**
 * l4posix fstat of a host file lent for Stat: the host's fstat with the mount's device number,
 * written as the vCPU writes it (Filestat, then the type byte), the permission bits as the result.
 * A bad buffer or a host error is forwarded for the vCPU's answer.
 */
function lentStat(forward: Forward): Forward {
  return ((fd: number, buf: number): number | bigint | undefined => {
    const entry = fd >>> 0 < LENT_FDS ? Atomics.load(i32, LENT_SLOT + fd) : 0;
    const at = buf >>> 0;
    if ((entry & LentAccess.Stat) === 0 || Atomics.load(i32, Slot.Pending) !== 0 || !inMemory(at + Filestat.SIZE)) return forward(fd, buf);
    const st = fstatLent(entry, fd);
    if (st === undefined) return forward(fd, buf);
    Filestat.writePosix(memView, at, st);
    i32[Slot.LocalIo]!++;
    return st.mode & 0o7777;
  }) as Forward;
}

/** fd_filestat_get of a host file lent for FileStat: the host's fstat, written as the vCPU writes it (WASI's Filestat). */
function lentFileStat(forward: Forward): Forward {
  return ((fd: number, buf: number): number | bigint | undefined => {
    const entry = fd >>> 0 < LENT_FDS ? Atomics.load(i32, LENT_SLOT + fd) : 0;
    const at = buf >>> 0;
    if ((entry & LentAccess.FileStat) === 0 || Atomics.load(i32, Slot.Pending) !== 0 || !inMemory(at + Filestat.SIZE)) return forward(fd, buf);
    const st = fstatLent(entry, fd);
    if (st === undefined) return forward(fd, buf);
    Filestat.write(memView, at, st);
    i32[Slot.LocalIo]!++;
    return 0;
  }) as Forward;
}

/**
 * WASI's path_filestat_get of `P/name` on a lent directory (dir_lending.ts) whose kept fdstat
 * has the right: the host's lstat of `name` in the mount's root, answered as the vCPU answers it
 * (ENOENT too). Forwarded: absolute paths (a plain WASI program gets EPERM for them), a symlink
 * to follow, flags other than LookupFlags.SYMLINK_FOLLOW, a host error, a bad buffer, signals waiting.
 */
function lentPathStat(forward: Forward): Forward {
  return ((dirfd: number, flags: number, ptr: number, len: number, buf: number): number | bigint | undefined => {
    const p = ptr >>> 0, n = len >>> 0, out = buf >>> 0;
    if (n === 0 || (flags & ~LookupFlags.SYMLINK_FOLLOW) !== 0 || Atomics.load(i32, Slot.Pending) !== 0 || !inMemory(Math.max(p + n, out + Filestat.SIZE)) ||
        memBytes[p] === 0x2f) {
      return forward(dirfd, flags, ptr, len, buf);
    }
    const kept = fdstatAt(i32, dirfd);
    if (kept < 0 || Atomics.load(i32, kept) === 0 || (i32[kept + 1]! & Rights.PATH_FILESTAT_GET) === 0) return forward(dirfd, flags, ptr, len, buf);
    const d = lentDirOf(dirfd, p, n);
    const name = d !== undefined ? lentName(d, p, n) : undefined;
    const s = name === undefined ? undefined : lstatLent(d!, name);
    if (s === undefined) return forward(dirfd, flags, ptr, len, buf);
    if (s === null) {
      i32[Slot.LocalIo]!++;
      return Errno.ENOENT; // a WASI call's errno is positive
    }
    if (s.isSymbolicLink() && (flags & LookupFlags.SYMLINK_FOLLOW) !== 0) return forward(dirfd, flags, ptr, len, buf);
    Filestat.write(memView, out, statFromBigInt(s, d!.dev));
    i32[Slot.LocalIo]!++;
    return 0;
  }) as Forward;
}


/**
 * getpid, getuid, getgid (real or effective: the first argument): the process's pid and
 * credentials never change, so the first forwarded answer is given again here. Forwarded while
 * signal handlers wait (they run at a forwarded call).
 */
function constantAnswer(forward: Forward): Forward {
  const kept: (number | bigint | undefined)[] = [];
  return ((...a: (number | bigint)[]): number | bigint | undefined => {
    const key = a[0] ? 1 : 0;
    if (kept[key] !== undefined && Atomics.load(i32, Slot.Pending) === 0) return kept[key];
    const r = forward(...a);
    if (typeof r === 'number' && r >= 0) kept[key] = r;
    return r;
  }) as Forward;
}

/** fd_fdstat_get from the answer the vCPU keeps in the channel (decouple_channel.ts FDSTAT_SLOT); else forwarded. */
function keptFdstat(forward: Forward): Forward {
  return ((fd: number, buf: number): number | bigint | undefined => {
    const at = fdstatAt(i32, fd);
    const word = at >= 0 ? Atomics.load(i32, at) : 0;
    const ptr = buf >>> 0;
    if (word === 0 || Atomics.load(i32, Slot.Pending) !== 0 || !inMemory(ptr + 24)) return forward(fd, buf);
    // As abi.ts Fdstat.write lays it out, padding zeroed.
    memView.setUint8(ptr, (word >>> 8) & 0xff);
    memView.setUint8(ptr + 1, 0);
    memView.setUint16(ptr + 2, word >>> 16, true);
    memView.setUint32(ptr + 4, 0, true);
    memView.setUint32(ptr + 8, i32[at + 1]!, true);
    memView.setUint32(ptr + 12, 0, true);
    memView.setUint32(ptr + 16, i32[at + 2]!, true);
    memView.setUint32(ptr + 20, 0, true);
    i32[Slot.LocalIo]!++;
    return 0;
  }) as Forward;
}

/** The directories the vCPU lent (dir_lending.ts), as last read, and the table version read. */
let lentDirs = new Map<number, LentDir[]>();
let lentDirsVersion = -1;
/** wasi-libc's value (the lookup flag it stands for), as l4posix_fs.ts reads it. */
const AT_SYMLINK_NOFOLLOW = 0x1;
/** Longest name (bytes) the mount tree passes on; a longer one is forwarded for its ENAMETOOLONG. */
const NAME_MAX = 255;

/**
 * The lent directory of `dirfd` whose prefix the path at `p` (`n` bytes, in memory) starts with,
 * while its mount tree is as it was lent; else undefined.
 */
function lentDirOf(dirfd: number, p: number, n: number): LentDir | undefined {
  const table = data.lentDirs;
  if (table === undefined || data.mountGeneration === undefined) return undefined;
  const version = tableVersion(table);
  if (version !== lentDirsVersion) {
    lentDirs = readLentDirs(table);
    lentDirsVersion = version;
  }
  const list = lentDirs.get(dirfd);
  if (list === undefined) return undefined;
  for (const d of list) {
    const prefix = d.prefix, plen = prefix.length;
    if (plen >= n) continue;
    let i = 0;
    while (i < plen && memBytes[p + i] === prefix[i]) i++;
    if (i === plen) return Atomics.load(data.mountGeneration, 0) === d.generation ? d : undefined;
  }
  return undefined;
}

/**
 * The plain name (one component of printable ASCII: not '.', '..', empty or a path) that the path
 * at `p` (`n` bytes) names after `d`'s prefix; else undefined (the call is forwarded).
 */
function lentName(d: LentDir, p: number, n: number): string | undefined {
  const plen = d.prefix.length, nameLen = n - plen;
  if (nameLen <= 0 || nameLen > NAME_MAX) return undefined;
  for (let i = p + plen; i < p + n; i++) {
    const c = memBytes[i]!;
    if (c < 0x20 || c > 0x7e || c === 0x2f) return undefined;
  }
  if (memBytes[p + plen] === 0x2e && (nameLen === 1 || (nameLen === 2 && memBytes[p + plen + 1] === 0x2e))) return undefined;
  return Buffer.from(memBytes.buffer, memBytes.byteOffset + p + plen, nameLen).toString('latin1');
}

/**
 * path_unlink_file of `Pname` on a directory lent for unlinking (dir_lending.ts): the host's unlink
 * of `name` in the mount's root, as hostfs.unlink makes it. A failure is forwarded: the vCPU
 * makes the call again and answers with its errno.
 */
function lentUnlink(forward: Forward): Forward {
  return ((dirfd: number, ptr: number, len: number): number | bigint | undefined => {
    const p = ptr >>> 0, n = len >>> 0;
    if (n === 0 || Atomics.load(i32, Slot.Pending) !== 0 || !inMemory(p + n) || memBytes[p] === 0x2f) return forward(dirfd, ptr, len);
    const d = lentDirOf(dirfd, p, n);
    const name = d?.unlink === true ? lentName(d, p, n) : undefined;
    if (name === undefined || !enterLocalCall()) return forward(dirfd, ptr, len);
    try {
      unlinkSync(d!.hostDir + name);
    } catch {
      leaveLocalIo();
      return forward(dirfd, ptr, len);
    }
    leaveLocalIo();
    i32[Slot.LocalIo]!++;
    return 0;
  }) as Forward;
}

/**
 * l4posix statat of `P/name` on a lent directory (dir_lending.ts): the host's lstat of `name` in
 * the mount's root, answered as hostfs.lstat answers it (ENOENT too). Forwarded: another path or
 * flag, a symlink to follow, a host error, a bad buffer, signals waiting.
 */
function lentStatat(forward: Forward): Forward {
  return ((dirfd: number, ptr: number, len: number, flags: number, buf: number): number | bigint | undefined => {
    const p = ptr >>> 0, n = len >>> 0, out = buf >>> 0;
    if (n === 0 || (flags & ~AT_SYMLINK_NOFOLLOW) !== 0 || Atomics.load(i32, Slot.Pending) !== 0 || !inMemory(Math.max(p + n, out + Filestat.SIZE))) {
      return forward(dirfd, ptr, len, flags, buf);
    }
    // An absolute path names the same file whatever the descriptor (the vCPU does not look at it).
    const d = lentDirOf(memBytes[p] === 0x2f ? ABSOLUTE : dirfd, p, n);
    const name = d !== undefined ? lentName(d, p, n) : undefined;
    const s = name === undefined ? undefined : lstatLent(d!, name);
    if (s === undefined) return forward(dirfd, ptr, len, flags, buf);
    if (s === null) {
      i32[Slot.LocalIo]!++;
      return -Errno.ENOENT;
    }
    if (s.isSymbolicLink() && (flags & AT_SYMLINK_NOFOLLOW) === 0) return forward(dirfd, ptr, len, flags, buf);
    const st = statFromBigInt(s, d!.dev);
    Filestat.writePosix(memView, out, st);
    i32[Slot.LocalIo]!++;
    return st.mode & 0o7777;
  }) as Forward;
}

const lockSlots = data.lockSlots !== undefined ? new LockSlots(data.lockSlots) : undefined;
const enum LockCmd { GETLK = 5, SETLK = 6, SETLKW = 7 }
/** struct flock's size (l4posix_lock.ts has its layout). */
const FLOCK_SIZE = 32;

/**
 * fcntl F_GETLK / F_SETLK / F_SETLKW on a descriptor whose file's locks the vCPU lent (they live
 * in a slot of the machine's lock pool, taken under its mutex by the vCPU and every worker alike),
 * answered as l4posix_lock.ts answers them. Forwarded: other commands, a range not from SEEK_SET,
 * anything invalid (the vCPU gives the errno), an F_SETLKW that would wait, a change while an owner
 * waits on the vCPU (it wakes them), locks that do not fit the slot, a slot withdrawn.
 */
function lentLock(forward: Forward): Forward {
  return ((fd: number, cmd: number, arg: number): number | bigint | undefined => {
    const entry = fd >>> 0 < LENT_FDS ? Atomics.load(i32, LOCK_SLOT + fd) : 0;
    if (entry === 0 || lockSlots === undefined || (cmd !== LockCmd.GETLK && cmd !== LockCmd.SETLK && cmd !== LockCmd.SETLKW) ||
        Atomics.load(i32, Slot.Pending) !== 0) {
      return forward(fd, cmd, arg);
    }
    const ptr = arg >>> 0;
    if (!inMemory(ptr + FLOCK_SIZE)) return forward(fd, cmd, arg);
    const type = memView.getInt16(ptr, true), whence = memView.getInt16(ptr + 2, true);
    const lStart = Number(memView.getBigInt64(ptr + 8, true)), lLen = Number(memView.getBigInt64(ptr + 16, true));
    if (whence !== 0 || (type !== LockType.Read && type !== LockType.Write && type !== LockType.Unlock)) return forward(fd, cmd, arg);
    if (cmd === LockCmd.GETLK ? type === LockType.Unlock
      : (type === LockType.Read && (entry & LockRight.Read) === 0) || (type === LockType.Write && (entry & LockRight.Write) === 0)) {
      return forward(fd, cmd, arg);
    }
    let start = lStart;
    let end = lLen === 0 ? Infinity : start + lLen;
    if (lLen < 0) { end = start; start += lLen; }
    if (start < 0 || !Number.isSafeInteger(start) || (end !== Infinity && !Number.isSafeInteger(end))) return forward(fd, cmd, arg);
    const owner = i32[Slot.LockOwner]!;
    const slot = lockSlotOf(entry);
    if (!enterLocalCall()) return forward(fd, cmd, arg);
    let result: number | undefined;
    lockSlots.lock(slot);
    try {
      const locks = lockSlots.read(slot);
      if (locks !== undefined) {
        const conflict = type === LockType.Unlock ? undefined : conflictIn(locks, owner, type, start, end);
        if (cmd === LockCmd.GETLK) {
          if (conflict === undefined) {
            memView.setInt16(ptr, LockType.Unlock, true);
          } else {
            memView.setInt16(ptr, conflict.type, true);
            memView.setInt16(ptr + 2, 0, true);
            memView.setBigInt64(ptr + 8, BigInt(conflict.start), true);
            memView.setBigInt64(ptr + 16, conflict.end === Infinity ? 0n : BigInt(conflict.end - conflict.start), true);
            memView.setInt32(ptr + 24, conflict.owner, true);
          }
          result = 0;
        } else if (conflict !== undefined) {
          if (cmd === LockCmd.SETLK) result = -Errno.EAGAIN;
        } else {
          const next = withLock(locks, owner, type, start, end);
          // Owners waiting on the vCPU are woken there: such a change is forwarded.
          if (!(next.changed && lockSlots.waiters(slot) > 0) && lockSlots.write(slot, next.locks)) {
            if (next.changed) lockSlots.bump(slot);
            result = 0;
          }
        }
      }
    } finally {
      lockSlots.unlock(slot);
      leaveLocalIo();
    }
    if (result === undefined) return forward(fd, cmd, arg);
    i32[Slot.LocalIo]!++;
    return result;
  }) as Forward;
}

const output = data.outputRing !== undefined ? new OutputRing(data.outputRing) : undefined;

/**
 * fd_write to a console output the vCPU lent: the bytes go into the output ring (output_ring.ts)
 * and the write returns; the vCPU is rung once per drain. Forwarded: a descriptor not lent, a
 * write larger than a record or with more iovecs than taken here, anything outside memory, a full
 * ring (the vCPU drains it before it serves the call), signal handlers waiting.
 */
function ringWrite(forward: Forward): Forward {
  return ((fd: number, iovs: number, n: number, resultPtr: number): number | bigint | undefined => {
    const count = n >>> 0;
    if (output === undefined || !output.lent(fd) || count === 0 || count > MAX_LOCAL_IOVS || Atomics.load(i32, Slot.Pending) !== 0) {
      return forward(fd, iovs, n, resultPtr);
    }
    const out = resultPtr >>> 0;
    const total = gatherIovecs(iovs >>> 0, count, out);
    if (total <= 0 || total > MAX_RECORD) return forward(fd, iovs, n, resultPtr);
    // Local work (the vCPU ending the program waits it out): the kernel entry of the ring below.
    if (!enterLocalCall()) return forward(fd, iovs, n, resultPtr);
    const at = output.reserve(fd, total);
    if (at < 0) {
      leaveLocalIo();
      return forward(fd, iovs, n, resultPtr);
    }
    for (let i = 0, o = at; i < count; i++) {
      output.bytes.set(memBytes.subarray(iovPtr[i]!, iovPtr[i]! + iovLen[i]!), o);
      o += iovLen[i]!;
    }
    try {
      if (output.publish()) kernel.triggerIrq(data.ring.irq);
    } finally {
      leaveLocalIo();
    }
    memView.setUint32(out, total, true);
    i32[Slot.LocalIo]!++;
    return 0;
  }) as Forward;
}

type Forward = (...a: (number | bigint)[]) => number | bigint | undefined;
/** This core's implementations of the coreLocal calls, by "module.name". */
/** Arguments, environment and preopens, answered here (startup_lending.ts). */
const startup = new StartupAnswers({
  inMemory, view: () => memView, bytes: () => memBytes, pending: () => Atomics.load(i32, Slot.Pending) !== 0,
  answered: () => { i32[Slot.LocalIo]!++; },
}, data.startup?.preopens, data.startup?.args, data.startup?.env);

const CORE_LOCAL: Record<string, (forward: Forward) => Forward> = {
  'wasi_snapshot_preview1.clock_time_get': localClock,
  'wasi_snapshot_preview1.fd_pread': lentIo(LentAccess.Read),
  'wasi_snapshot_preview1.fd_pwrite': lentIo(LentAccess.Write),
  'wasi_snapshot_preview1.fd_read': lentStream(LentAccess.Stream),
  // A console output's writes go into the ring; a lent file's at its offset.
  'wasi_snapshot_preview1.fd_write': (forward) => ringWrite(lentStream(LentAccess.StreamWrite)(forward)),
  'wasi_snapshot_preview1.fd_seek': lentSeek,
  'wasi_snapshot_preview1.fd_tell': lentTell,
  'wasi_snapshot_preview1.fd_sync': lentSync(false),
  'wasi_snapshot_preview1.fd_datasync': lentSync(true),
  'l4posix.fstat': lentStat,
  'wasi_snapshot_preview1.fd_filestat_get': lentFileStat,
  'wasi_snapshot_preview1.path_filestat_get': lentPathStat,
  'l4posix.statat': lentStatat,
  'wasi_snapshot_preview1.path_unlink_file': lentUnlink,
  'wasi_snapshot_preview1.path_open': (forward) => (opens !== undefined ? opens.open(forward) : forward),
  'l4posix.fcntl': lentLock,
  'wasi_snapshot_preview1.fd_fdstat_get': keptFdstat,
  'wasi_snapshot_preview1.fd_prestat_get': (forward) => startup.prestat(forward),
  'wasi_snapshot_preview1.fd_prestat_dir_name': (forward) => startup.prestatName(forward),
  'wasi_snapshot_preview1.args_sizes_get': startup.sizes('args'),
  'wasi_snapshot_preview1.args_get': startup.list('args'),
  'wasi_snapshot_preview1.environ_sizes_get': startup.sizes('env'),
  'wasi_snapshot_preview1.environ_get': startup.list('env'),
  'l4posix.getpid': constantAnswer,
  'l4posix.getuid': constantAnswer,
  'l4posix.getgid': constantAnswer,
};

/** Queues a call for the vCPU to make before it serves the next forwarded one; false when the queue is full. */
function defer(index: number, args: number[]): boolean {
  const n = i32[DEFER_SLOT]!;
  if (n >= MAX_DEFERRED) return false;
  const at = DEFER_SLOT + 1 + n * DEFER_INTS;
  i32[at] = index;
  for (let k = 0; k < args.length; k++) i32[at + 1 + k] = args[k]!;
  i32[DEFER_SLOT] = n + 1;
  return true;
}

const F_SETFD = 2;

/**
 * The deferred calls (decouple_channel.ts DEFER_SLOT): create_mode always, fcntl F_SETFD on a
 * descriptor whose fdstat the vCPU keeps here (so it is open), fd_close of one it marked closable;
 * forwarded while signal handlers wait.
 */
function deferred(imp: { module: string; name: string }, index: number, next: Forward): Forward {
  if (imp.module === 'wasi_snapshot_preview1' && imp.name === 'fd_close') {
    return ((fd: number) => {
      // A file opened on this core that the vCPU has not taken over yet is closed here.
      if (opens !== undefined && Atomics.load(i32, Slot.Pending) === 0) {
        const r = opens.close(fd);
        if (r !== undefined) return r;
      }
      const at = fdstatAt(i32, fd);
      if (at < 0 || Atomics.load(i32, at) === 0 || i32[at + 3] !== 1 || Atomics.load(i32, Slot.Pending) !== 0 || !defer(index, [fd])) return next(fd);
      // The descriptor is gone for this core at once: what was lent for it is no longer used here.
      Atomics.store(i32, at, 0);
      if (fd >>> 0 < LENT_FDS) {
        Atomics.store(i32, LENT_SLOT + fd, 0);
        Atomics.store(i32, LOCK_SLOT + fd, 0);
      }
      lentDirs.delete(fd);
      startup.closed(fd);
      // Free for the next open on this core (open_lending.ts), as the vCPU's table will have it.
      setFdFree(i32, fd, true);
      return 0;
    }) as Forward;
  }
  if (imp.module !== 'l4posix') return next;
  if (imp.name === 'create_mode') {
    // With opens on this core, the queue holds the one mode the vCPU will have (open_lending.ts).
    return ((mode: number) => (Atomics.load(i32, Slot.Pending) === 0 && (opens !== undefined ? opens.deferMode(mode) : defer(index, [mode])) ? 0 : next(mode))) as Forward;
  }
  if (imp.name === 'fcntl') {
    return ((fd: number, cmd: number, arg: number) => {
      const at = cmd === F_SETFD ? fdstatAt(i32, fd) : -1;
      if (at >= 0 && Atomics.load(i32, at) !== 0 &&
          Atomics.load(i32, Slot.Pending) === 0 && defer(index, [fd, cmd, arg])) return 0;
      return next(fd, cmd, arg);
    }) as Forward;
  }
  return next;
}

/** Files opened on this core in lent mount roots (open_lending.ts): only where calls may be deferred. */
const createModeIndex = data.imports.findIndex((imp) => imp.module === 'l4posix' && imp.name === 'create_mode');
const opens = data.defer && data.hostFiles !== undefined && data.lentDirs !== undefined
  ? new WorkerOpens({
    i32, i64, f64, bytes: () => memBytes, view: () => memView, inMemory, enterLocalIo, leaveLocalIo, lentDirOf, lentName,
    createModeIndex: createModeIndex >= 0 ? createModeIndex : undefined, hostFiles: data.hostFiles,
  })
  : undefined;

/** The ring lent host writes are queued in (write_behind_ring.ts), when the vCPU gave one. */
const writeBehind = data.writeBehind !== undefined ? new RingWriter(new Int32Array(data.writeBehind.control), data.writeBehind.ring) : undefined;
/**
 * Calls that need not wait for queued writes: they touch no host file and tell nothing outside the
 * machine (every guest that looks at a file waits for them itself; record locks are the machine's own).
 */
const UNORDERED = new Set([
  'clock_time_get', 'clock_res_get', 'args_get', 'args_sizes_get', 'environ_get', 'environ_sizes_get', 'fd_fdstat_get',
  'fd_prestat_get', 'fd_prestat_dir_name', 'random_get', 'sched_yield',
].map((n) => `wasi_snapshot_preview1.${n}`).concat(
  ['preempt', 'getpid', 'getppid', 'getuid', 'getgid', 'sysconf', 'create_mode', 'fcntl'].map((n) => `l4posix.${n}`)));
/**
 * Calls that wait only when forwarded: on this core, fd_pwrite queues (or waits) itself, and the
 * reads and stats wait only for writes to their own file (RingWriter.beforeRead).
 */
const ORDERED_WHEN_FORWARDED = new Set(['wasi_snapshot_preview1.fd_pwrite', 'wasi_snapshot_preview1.fd_pread', 'wasi_snapshot_preview1.fd_read',
  'wasi_snapshot_preview1.fd_filestat_get', 'l4posix.fstat']);
/** Calls that report a queued write's failure on their descriptor (as Linux reports writeback errors). */
const REPORTING = new Set(['wasi_snapshot_preview1.fd_sync', 'wasi_snapshot_preview1.fd_datasync', 'wasi_snapshot_preview1.fd_close']);

/** `fn`, made once the writes queued before it are (and reporting a failed one, for `reports`). */
function afterQueuedWrites(wb: RingWriter, fn: Forward, reports: boolean): Forward {
  const ctl = wb.ctl;
  if (!reports) return ((...a: (number | bigint)[]) => {
    if (Atomics.load(ctl, Ctl.Pending) !== 0) waitWritten(ctl);
    return fn(...a);
  }) as Forward;
  return ((...a: (number | bigint)[]) => {
    if (Atomics.load(ctl, Ctl.Pending) !== 0) waitWritten(ctl);
    const failed = wb.takeError(a[0] as number);
    const r = fn(...a);
    return failed !== 0 && r === 0 ? failed : r;
  }) as Forward;
}

const imports: Record<string, Record<string, unknown>> = { env: { memory } };
data.imports.forEach((imp, index) => {
  const key = `${imp.module}.${imp.name}`;
  let fn: Forward = stub(index, imp.params, imp.result);
  const forwardOrdered = writeBehind !== undefined && ORDERED_WHEN_FORWARDED.has(key);
  if (forwardOrdered) fn = afterQueuedWrites(writeBehind, fn, false);
  // The calls the table marks coreLocal, by their implementation here (what it cannot answer, it forwards).
  const local = data.coreLocal.includes(key) ? CORE_LOCAL[key] : undefined;
  if (local !== undefined) fn = local(fn);
  if (data.defer) fn = deferred(imp, index, fn);
  // The loops of a prepared program ask for preemption: nothing to share this core with.
  if (imp.module === 'l4posix' && imp.name === 'preempt') fn = () => 1 << 30;
  if (writeBehind !== undefined && !forwardOrdered && !UNORDERED.has(key)) fn = afterQueuedWrites(writeBehind, fn, REPORTING.has(key));
  (imports[imp.module] ??= {})[imp.name] = fn;
});

function post(m: DecoupledWorkerMessage): void { parentPort!.postMessage(m); }

// The vCPU reads this thread's CPU time from /proc (where there is one).
try { post({ type: 'thread', path: readlinkSync('/proc/thread-self') }); } catch { /* not Linux: it counts wall time awake */ }

let instantiating = true;
try {
  const instance = new WebAssembly.Instance(data.module, imports as WebAssembly.Imports);
  instantiating = false;
  Atomics.store(i32, Slot.Instantiating, 0);
  const exp = instance.exports as Record<string, unknown>;
  if (typeof exp.__l4posix_signal_deliver === 'function') deliver = exp.__l4posix_signal_deliver as (...a: number[]) => void;
  const globals = () => {
    const out: Record<string, number | bigint> = {};
    for (const [name, g] of Object.entries(exp)) if (name.startsWith('__l4wasm_global_') && g instanceof WebAssembly.Global) out[name] = g.value as number | bigint;
    return out;
  };
  if (data.adopt) {
    asyncify = exp as unknown as Asyncify;
    for (const [name, v] of Object.entries(data.adopt.globals)) (exp[name] as WebAssembly.Global).value = v;
    // Its memory.grow goes through the prepared helper: the limit the vCPU gave it holds here too.
    const limit = exp[data.adopt.memoryLimit.name];
    if (limit instanceof WebAssembly.Global) {
      memoryLimit = limit;
      memoryLimitPages = limit.value = data.adopt.memoryLimit.pages;
    }
    asyncify.asyncify_start_rewind(saveArea());
    rewinding = true;
  }
  (exp._start as () => void)();
  if (unwinding) {
    asyncify!.asyncify_stop_unwind();
    post({ type: 'recouple', globals: globals() });
  } else {
    // Ended by the vCPU's reply (Ended is thrown); the message is for a vCPU that did not end it.
    call(Op.Returned);
    post({ type: 'returned' });
  }
} catch (e) {
  if (!(e instanceof Ended)) {
    const err = e as Error;
    const failure = instantiating ? failureOf(e) : undefined;
    post({
      type: 'trapped',
      // A wasm exception is no Error: named as the vCPU names it (and so the same signal).
      message: isWasmException(e) ? UNCAUGHT_EXCEPTION : err?.message ?? String(e),
      stack: err?.stack,
      stackExhausted: err instanceof RangeError && /call stack/i.test(err.message),
      // The program never started (a start function, a segment out of bounds): a LoadError on the vCPU.
      ...(failure !== undefined ? { instantiation: failure } : {}),
    });
  }
}
