import * as require_fs from "node:fs";
import { fdatasyncSync, fstatSync, fsyncSync, lstatSync, readSync, readlinkSync, unlinkSync, writeSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { workerData, parentPort } from "node:worker_threads";
import { Kernel } from "../kernel/kernel.js";
import { storeU53 } from "../libc/time.js";
import { Filestat, LookupFlags, Rights } from "../libc/abi.js";
import { statFromBigInt } from "../vfs/stat.js";
import { Whence } from "../vfs/types.js";
import { Errno } from "../errno.js";
import { failureOf, isWasmException, UNCAUGHT_EXCEPTION } from "./trap.js";
import { LockSlots } from "../vfs/lock_slots.js";
import { MAX_RECORD, OutputRing } from "./output_ring.js";
import { LockType, conflictIn, withLock } from "../vfs/record_locks.js";
import { ABSOLUTE, readLentDirs, tableVersion } from "./dir_lending.js";
import { WorkerOpens, setFdFree } from "./open_lending.js";
import { StartupAnswers } from "./startup_lending.js";
import { Ctl, RingWriter, waitWritten } from "./write_behind_ring.js";
import {
  ARG_SLOT,
  DEFER_INTS,
  DEFER_SLOT,
  HANDLER_INTS,
  I64,
  LENT_DEV_SLOT,
  LENT_FDS,
  LENT_INO_SLOT,
  LENT_OFFSET_SLOT,
  LENT_SLOT,
  LOCK_SLOT,
  LentAccess,
  LockRight,
  MAX_DEFERRED,
  Op,
  Polling,
  RESULT_SLOT,
  SLEPT_SLOT,
  Slot,
  STARTED_SLOT,
  State,
  UNWIND,
  fdstatAt,
  lentHostFd,
  lockSlotOf
} from "./decouple_channel.js";
parentPort.postMessage({ type: "booted" });
const data = workerData ?? await new Promise((resolve) => parentPort.once("message", resolve));
const i32 = new Int32Array(data.channel);
const f64 = new Float64Array(data.channel);
const i64 = new BigInt64Array(data.channel);
const memory = data.memory;
const kernel = Kernel.attach(data.ring.memory, data.ring.module, data.ring.cpu);
f64[STARTED_SLOT] = performance.timeOrigin + performance.now();
f64[SLEPT_SLOT] = 0;
class Ended extends Error {
}
let deliver;
let asyncify;
let rewinding = false;
let unwinding = false;
const reserve = data.adopt?.reserveBytes ?? 0;
const saveArea = () => memory.buffer.byteLength - reserve;
function call(index) {
  i32[Slot.Call] = index;
  if (!enterLocalIo()) throw new Ended();
  Atomics.store(i32, Slot.State, State.Request);
  const polling = Atomics.load(i32, Slot.Polling);
  try {
    if (polling === Polling.Off) kernel.triggerIrq(data.ring.irq);
  } finally {
    leaveLocalIo();
  }
  awaitReply(Math.max(0, index + 1) * 2 + polling);
  if (Atomics.load(i32, Slot.State) === State.Exit) throw new Ended();
  if (memoryLimit !== void 0 && i32[Slot.MemoryLimit] !== memoryLimitPages) {
    memoryLimitPages = i32[Slot.MemoryLimit];
    memoryLimit.value = memoryLimitPages;
  }
}
let memoryLimit;
let memoryLimitPages = -1;
const maxSpinMs = data.spinNs / 1e6;
const MIN_SPIN_MS = 0.01;
const spinMs = new Float64Array((data.imports.length + 1) * 2).fill(maxSpinMs);
function awaitReply(slot) {
  const until = performance.now() + spinMs[slot];
  for (let n = 1; ; n++) {
    if (Atomics.load(i32, Slot.State) !== State.Request) {
      spinMs[slot] = Math.min(maxSpinMs, spinMs[slot] * 2);
      return;
    }
    if ((n & 127) === 0 && performance.now() > until) break;
  }
  spinMs[slot] = Math.max(MIN_SPIN_MS, spinMs[slot] / 2);
  const t0 = performance.now();
  Atomics.store(i32, Slot.Sleeping, 1);
  while (Atomics.load(i32, Slot.State) === State.Request) Atomics.wait(i32, Slot.State, State.Request);
  Atomics.store(i32, Slot.Sleeping, 0);
  f64[SLEPT_SLOT] = f64[SLEPT_SLOT] + (performance.now() - t0);
}
function handlersOfReply() {
  const n = i32[Slot.Handlers];
  const calls = [];
  for (let h = 0; h < n; h++) calls.push(Array.from(i32.subarray(Slot.HandlerArgs + h * HANDLER_INTS, Slot.HandlerArgs + (h + 1) * HANDLER_INTS)));
  return calls;
}
function runHandlers() {
  if (i32[Slot.Handlers] === 0) return;
  const calls = handlersOfReply();
  for (let args = calls.shift(); args !== void 0; args = calls.shift()) {
    deliver?.(...args);
    f64[ARG_SLOT] = args[0];
    f64[ARG_SLOT + 1] = calls.length;
    call(Op.SignalReturn);
    calls.push(...handlersOfReply());
  }
}
function stub(index, params, result) {
  return (...args) => {
    if (rewinding) {
      asyncify.asyncify_stop_rewind();
      rewinding = false;
      return result === I64 ? 0n : 0;
    }
    for (; ; ) {
      for (let k = 0; k < params.length; k++) {
        if (params[k] === I64) i64[ARG_SLOT + k] = args[k];
        else f64[ARG_SLOT + k] = args[k];
      }
      call(index);
      if (i32[Slot.Again] === 0) break;
      runHandlers();
    }
    const r = result === 0 ? void 0 : result === I64 ? i64[RESULT_SLOT] : f64[RESULT_SLOT];
    if (i32[Slot.Handlers] === UNWIND) {
      const at = saveArea();
      const view = new Int32Array(memory.buffer, at, 2);
      view[0] = at + 8;
      view[1] = at + reserve;
      asyncify.asyncify_start_unwind(at);
      unwinding = true;
      return r;
    }
    runHandlers();
    return r;
  };
}
const CLOCK_MONOTONIC = 1;
const clockOffsetMs = Number(process.hrtime.bigint() - data.monotonicBaseNs) / 1e6 - performance.now();
let clockView = new DataView(memory.buffer);
function localClock(forward) {
  return ((id, precision, ptr) => {
    const at = ptr >>> 0;
    if (id !== CLOCK_MONOTONIC || Atomics.load(i32, Slot.Pending) !== 0) return forward(id, precision, ptr);
    if (at + 8 > clockView.byteLength) {
      clockView = new DataView(memory.buffer);
      if (at + 8 > clockView.byteLength) return forward(id, precision, ptr);
    }
    storeU53(clockView, at, Math.floor((performance.now() + clockOffsetMs) * 1e6));
    return 0;
  });
}
const MAX_LOCAL_IO = 1 << 30;
const MAX_SAFE_OFFSET = BigInt(Number.MAX_SAFE_INTEGER);
let memBytes = new Uint8Array(memory.buffer);
let memView = new DataView(memory.buffer);
let memU32 = new Uint32Array(memory.buffer);
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
function loadU32(at) {
  return (at & 3) === 0 && LITTLE_ENDIAN ? memU32[at >>> 2] : memView.getUint32(at, true);
}
function storeU32(at, v) {
  if ((at & 3) === 0 && LITTLE_ENDIAN) memU32[at >>> 2] = v;
  else memView.setUint32(at, v, true);
}
function inMemory(end) {
  if (end <= memBytes.byteLength) return true;
  memBytes = new Uint8Array(memory.buffer);
  memView = new DataView(memory.buffer);
  memU32 = new Uint32Array(memory.buffer);
  return end <= memBytes.byteLength;
}
function enterLocalIo() {
  Atomics.store(i32, Slot.LocalBusy, 1);
  if (Atomics.load(i32, Slot.State) !== State.Exit) return true;
  Atomics.store(i32, Slot.LocalBusy, 0);
  return false;
}
function leaveLocalIo() {
  Atomics.store(i32, Slot.LocalBusy, 0);
}
function lentIo(access) {
  return (forward) => ((fd, iovs, n, offset, resultPtr) => {
    const entry = fd >>> 0 < LENT_FDS ? i32[LENT_SLOT + fd] : 0;
    const at = Number(offset);
    if ((entry & access) === 0 || n !== 1 || !(at >= 0 && at <= Number.MAX_SAFE_INTEGER) || i32[Slot.Pending] !== 0) {
      return forward(fd, iovs, n, offset, resultPtr);
    }
    const iov = iovs >>> 0, out = resultPtr >>> 0;
    if (!inMemory(Math.max(iov + 8, out + 4))) return forward(fd, iovs, n, offset, resultPtr);
    const ptr = loadU32(iov), len = loadU32(iov + 4);
    if (len > MAX_LOCAL_IO || !inMemory(ptr + len)) return forward(fd, iovs, n, offset, resultPtr);
    if (!enterLocalIo()) return forward(fd, iovs, n, offset, resultPtr);
    let done;
    try {
      if (access !== LentAccess.Write) {
        writeBehind?.beforeRead(f64[LENT_INO_SLOT + fd]);
        done = readSync(lentHostFd(entry), memBytes, ptr, len, at);
      } else if (writeBehind !== void 0 && writeBehind.queue(lentHostFd(entry), fd, f64[LENT_INO_SLOT + fd], memBytes, ptr, len, at)) {
        done = len;
      } else {
        if (writeBehind !== void 0) waitWritten(writeBehind.ctl);
        done = writeSync(lentHostFd(entry), memBytes, ptr, len, at);
      }
    } catch {
      leaveLocalIo();
      return forward(fd, iovs, n, offset, resultPtr);
    }
    leaveLocalIo();
    storeU32(out, done);
    i32[Slot.LocalIo]++;
    return 0;
  });
}
const MAX_LOCAL_IOVS = 8;
const iovPtr = new Array(MAX_LOCAL_IOVS).fill(0);
const iovLen = new Array(MAX_LOCAL_IOVS).fill(0);
function gatherIovecs(iov, count, out) {
  if (!inMemory(Math.max(iov + 8 * count, out + 4))) return -1;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const ptr = loadU32(iov + 8 * i), len = loadU32(iov + 8 * i + 4);
    if (!inMemory(ptr + len)) return -1;
    iovPtr[i] = ptr;
    iovLen[i] = len;
    total += len;
  }
  return total;
}
function lentStream(access) {
  const write = access === LentAccess.StreamWrite;
  return (forward) => ((fd, iovs, n, resultPtr) => {
    const entry = fd >>> 0 < LENT_FDS ? i32[LENT_SLOT + fd] : 0;
    const count = n >>> 0;
    if ((entry & access) === 0 || count > MAX_LOCAL_IOVS || i32[Slot.Pending] !== 0) {
      return forward(fd, iovs, n, resultPtr);
    }
    const out = resultPtr >>> 0;
    const want = gatherIovecs(iovs >>> 0, count, out);
    if (want < 0 || want > MAX_LOCAL_IO) return forward(fd, iovs, n, resultPtr);
    const hostFd = lentHostFd(entry);
    if (!write) writeBehind?.beforeRead(f64[LENT_INO_SLOT + fd]);
    const start = f64[LENT_OFFSET_SLOT + fd];
    if (start + want > Number.MAX_SAFE_INTEGER || !enterLocalIo()) return forward(fd, iovs, n, resultPtr);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const ptr = iovPtr[i], len = iovLen[i];
      if (len === 0) continue;
      let moved;
      try {
        moved = write ? writeSync(hostFd, memBytes, ptr, len, start + total) : readSync(hostFd, memBytes, ptr, len, start + total);
      } catch {
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
    i32[Slot.LocalIo]++;
    return 0;
  });
}
function lentSeek(forward) {
  return ((fd, offset, whence, resultPtr) => {
    const entry = fd >>> 0 < LENT_FDS ? Atomics.load(i32, LENT_SLOT + fd) : 0;
    const out = resultPtr >>> 0;
    if ((entry & LentAccess.Seek) === 0 || whence >>> 0 > Whence.End || offset > MAX_SAFE_OFFSET || offset < -MAX_SAFE_OFFSET || Atomics.load(i32, Slot.Pending) !== 0 || !inMemory(out + 8)) {
      return forward(fd, offset, whence, resultPtr);
    }
    let base = whence === Whence.Set ? 0 : f64[LENT_OFFSET_SLOT + fd];
    if (whence === Whence.End) {
      if (!enterLocalIo()) return forward(fd, offset, whence, resultPtr);
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
    i32[Slot.LocalIo]++;
    return 0;
  });
}
function lentTell(forward) {
  return ((fd, resultPtr) => {
    const entry = fd >>> 0 < LENT_FDS ? Atomics.load(i32, LENT_SLOT + fd) : 0;
    const out = resultPtr >>> 0;
    if ((entry & LentAccess.Seek) === 0 || Atomics.load(i32, Slot.Pending) !== 0 || !inMemory(out + 8)) return forward(fd, resultPtr);
    memView.setBigUint64(out, BigInt(f64[LENT_OFFSET_SLOT + fd]), true);
    i32[Slot.LocalIo]++;
    return 0;
  });
}
function lentSync(data2) {
  return (forward) => ((fd) => {
    const entry = fd >>> 0 < LENT_FDS ? Atomics.load(i32, LENT_SLOT + fd) : 0;
    if ((entry & (data2 ? LentAccess.DataSync : LentAccess.Sync)) === 0 || Atomics.load(i32, Slot.Pending) !== 0 || !enterLocalIo()) return forward(fd);
    try {
      if (data2) fdatasyncSync(lentHostFd(entry));
      else fsyncSync(lentHostFd(entry));
    } catch {
      leaveLocalIo();
      return forward(fd);
    }
    leaveLocalIo();
    i32[Slot.LocalIo]++;
    return 0;
  });
}
function fstatLent(entry, fd) {
  writeBehind?.beforeRead(f64[LENT_INO_SLOT + fd]);
  try {
    return statFromBigInt(fstatSync(lentHostFd(entry), { bigint: true }), i64[LENT_DEV_SLOT + fd]);
  } catch {
    return void 0;
  }
}
function lstatLent(d, name) {
  if (!enterLocalIo()) return void 0;
  try {
    return lstatSync(d.hostDir + name, { bigint: true, throwIfNoEntry: false }) ?? null;
  } catch {
    return void 0;
  } finally {
    leaveLocalIo();
  }
}
function lentStat(forward) {
  return ((fd, buf) => {
    const entry = fd >>> 0 < LENT_FDS ? Atomics.load(i32, LENT_SLOT + fd) : 0;
    const at = buf >>> 0;
    if ((entry & LentAccess.Stat) === 0 || Atomics.load(i32, Slot.Pending) !== 0 || !inMemory(at + Filestat.SIZE)) return forward(fd, buf);
    const st = fstatLent(entry, fd);
    if (st === void 0) return forward(fd, buf);
    Filestat.writePosix(memView, at, st);
    i32[Slot.LocalIo]++;
    return st.mode & 4095;
  });
}
function lentFileStat(forward) {
  return ((fd, buf) => {
    const entry = fd >>> 0 < LENT_FDS ? Atomics.load(i32, LENT_SLOT + fd) : 0;
    const at = buf >>> 0;
    if ((entry & LentAccess.FileStat) === 0 || Atomics.load(i32, Slot.Pending) !== 0 || !inMemory(at + Filestat.SIZE)) return forward(fd, buf);
    const st = fstatLent(entry, fd);
    if (st === void 0) return forward(fd, buf);
    Filestat.write(memView, at, st);
    i32[Slot.LocalIo]++;
    return 0;
  });
}
function lentPathStat(forward) {
  return ((dirfd, flags, ptr, len, buf) => {
    const p = ptr >>> 0, n = len >>> 0, out = buf >>> 0;
    if (n === 0 || (flags & ~LookupFlags.SYMLINK_FOLLOW) !== 0 || Atomics.load(i32, Slot.Pending) !== 0 || !inMemory(Math.max(p + n, out + Filestat.SIZE)) || memBytes[p] === 47) {
      return forward(dirfd, flags, ptr, len, buf);
    }
    const kept = fdstatAt(i32, dirfd);
    if (kept < 0 || Atomics.load(i32, kept) === 0 || (i32[kept + 1] & Rights.PATH_FILESTAT_GET) === 0) return forward(dirfd, flags, ptr, len, buf);
    const d = lentDirOf(dirfd, p, n);
    const name = d !== void 0 ? lentName(d, p, n) : void 0;
    const s = name === void 0 ? void 0 : lstatLent(d, name);
    if (s === void 0) return forward(dirfd, flags, ptr, len, buf);
    if (s === null) {
      i32[Slot.LocalIo]++;
      return Errno.ENOENT;
    }
    if (s.isSymbolicLink() && (flags & LookupFlags.SYMLINK_FOLLOW) !== 0) return forward(dirfd, flags, ptr, len, buf);
    Filestat.write(memView, out, statFromBigInt(s, d.dev));
    i32[Slot.LocalIo]++;
    return 0;
  });
}
function constantAnswer(forward) {
  const kept = [];
  return ((...a) => {
    const key = a[0] ? 1 : 0;
    if (kept[key] !== void 0 && Atomics.load(i32, Slot.Pending) === 0) return kept[key];
    const r = forward(...a);
    if (typeof r === "number" && r >= 0) kept[key] = r;
    return r;
  });
}
function keptFdstat(forward) {
  return ((fd, buf) => {
    const at = fdstatAt(i32, fd);
    const word = at >= 0 ? Atomics.load(i32, at) : 0;
    const ptr = buf >>> 0;
    if (word === 0 || Atomics.load(i32, Slot.Pending) !== 0 || !inMemory(ptr + 24)) return forward(fd, buf);
    memView.setUint8(ptr, word >>> 8 & 255);
    memView.setUint8(ptr + 1, 0);
    memView.setUint16(ptr + 2, word >>> 16, true);
    memView.setUint32(ptr + 4, 0, true);
    memView.setUint32(ptr + 8, i32[at + 1], true);
    memView.setUint32(ptr + 12, 0, true);
    memView.setUint32(ptr + 16, i32[at + 2], true);
    memView.setUint32(ptr + 20, 0, true);
    i32[Slot.LocalIo]++;
    return 0;
  });
}
let lentDirs = /* @__PURE__ */ new Map();
let lentDirsVersion = -1;
const AT_SYMLINK_NOFOLLOW = 1;
const NAME_MAX = 255;
function lentDirOf(dirfd, p, n) {
  const table = data.lentDirs;
  if (table === void 0 || data.mountGeneration === void 0) return void 0;
  const version = tableVersion(table);
  if (version !== lentDirsVersion) {
    lentDirs = readLentDirs(table);
    lentDirsVersion = version;
  }
  const list = lentDirs.get(dirfd);
  if (list === void 0) return void 0;
  for (const d of list) {
    const prefix = d.prefix, plen = prefix.length;
    if (plen >= n) continue;
    let i = 0;
    while (i < plen && memBytes[p + i] === prefix[i]) i++;
    if (i === plen) return Atomics.load(data.mountGeneration, 0) === d.generation ? d : void 0;
  }
  return void 0;
}
function lentName(d, p, n) {
  const plen = d.prefix.length, nameLen = n - plen;
  if (nameLen <= 0 || nameLen > NAME_MAX) return void 0;
  for (let i = p + plen; i < p + n; i++) {
    const c = memBytes[i];
    if (c < 32 || c > 126 || c === 47) return void 0;
  }
  if (memBytes[p + plen] === 46 && (nameLen === 1 || nameLen === 2 && memBytes[p + plen + 1] === 46)) return void 0;
  return Buffer.from(memBytes.buffer, memBytes.byteOffset + p + plen, nameLen).toString("latin1");
}
function lentUnlink(forward) {
  return ((dirfd, ptr, len) => {
    const p = ptr >>> 0, n = len >>> 0;
    if (n === 0 || Atomics.load(i32, Slot.Pending) !== 0 || !inMemory(p + n) || memBytes[p] === 47) return forward(dirfd, ptr, len);
    const d = lentDirOf(dirfd, p, n);
    const name = d?.unlink === true ? lentName(d, p, n) : void 0;
    if (name === void 0 || !enterLocalIo()) return forward(dirfd, ptr, len);
    try {
      unlinkSync(d.hostDir + name);
    } catch {
      leaveLocalIo();
      return forward(dirfd, ptr, len);
    }
    leaveLocalIo();
    i32[Slot.LocalIo]++;
    return 0;
  });
}
function lentStatat(forward) {
  return ((dirfd, ptr, len, flags, buf) => {
    const p = ptr >>> 0, n = len >>> 0, out = buf >>> 0;
    if (n === 0 || (flags & ~AT_SYMLINK_NOFOLLOW) !== 0 || Atomics.load(i32, Slot.Pending) !== 0 || !inMemory(Math.max(p + n, out + Filestat.SIZE))) {
      return forward(dirfd, ptr, len, flags, buf);
    }
    const d = lentDirOf(memBytes[p] === 47 ? ABSOLUTE : dirfd, p, n);
    const name = d !== void 0 ? lentName(d, p, n) : void 0;
    const s = name === void 0 ? void 0 : lstatLent(d, name);
    if (s === void 0) return forward(dirfd, ptr, len, flags, buf);
    if (s === null) {
      i32[Slot.LocalIo]++;
      return -Errno.ENOENT;
    }
    if (s.isSymbolicLink() && (flags & AT_SYMLINK_NOFOLLOW) === 0) return forward(dirfd, ptr, len, flags, buf);
    const st = statFromBigInt(s, d.dev);
    Filestat.writePosix(memView, out, st);
    i32[Slot.LocalIo]++;
    return st.mode & 4095;
  });
}
const lockSlots = data.lockSlots !== void 0 ? new LockSlots(data.lockSlots) : void 0;
var LockCmd = /* @__PURE__ */ ((LockCmd2) => {
  LockCmd2[LockCmd2["GETLK"] = 5] = "GETLK";
  LockCmd2[LockCmd2["SETLK"] = 6] = "SETLK";
  LockCmd2[LockCmd2["SETLKW"] = 7] = "SETLKW";
  return LockCmd2;
})(LockCmd || {});
const FLOCK_SIZE = 32;
function lentLock(forward) {
  return ((fd, cmd, arg) => {
    const entry = fd >>> 0 < LENT_FDS ? Atomics.load(i32, LOCK_SLOT + fd) : 0;
    if (entry === 0 || lockSlots === void 0 || cmd !== 5 /* GETLK */ && cmd !== 6 /* SETLK */ && cmd !== 7 /* SETLKW */ || Atomics.load(i32, Slot.Pending) !== 0) {
      return forward(fd, cmd, arg);
    }
    const ptr = arg >>> 0;
    if (!inMemory(ptr + FLOCK_SIZE)) return forward(fd, cmd, arg);
    const type = memView.getInt16(ptr, true), whence = memView.getInt16(ptr + 2, true);
    const lStart = Number(memView.getBigInt64(ptr + 8, true)), lLen = Number(memView.getBigInt64(ptr + 16, true));
    if (whence !== 0 || type !== LockType.Read && type !== LockType.Write && type !== LockType.Unlock) return forward(fd, cmd, arg);
    if (cmd === 5 /* GETLK */ ? type === LockType.Unlock : type === LockType.Read && (entry & LockRight.Read) === 0 || type === LockType.Write && (entry & LockRight.Write) === 0) {
      return forward(fd, cmd, arg);
    }
    let start = lStart;
    let end = lLen === 0 ? Infinity : start + lLen;
    if (lLen < 0) {
      end = start;
      start += lLen;
    }
    if (start < 0 || !Number.isSafeInteger(start) || end !== Infinity && !Number.isSafeInteger(end)) return forward(fd, cmd, arg);
    const owner = i32[Slot.LockOwner];
    const slot = lockSlotOf(entry);
    if (!enterLocalIo()) return forward(fd, cmd, arg);
    let result;
    lockSlots.lock(slot);
    try {
      const locks = lockSlots.read(slot);
      if (locks !== void 0) {
        const conflict = type === LockType.Unlock ? void 0 : conflictIn(locks, owner, type, start, end);
        if (cmd === 5 /* GETLK */) {
          if (conflict === void 0) {
            memView.setInt16(ptr, LockType.Unlock, true);
          } else {
            memView.setInt16(ptr, conflict.type, true);
            memView.setInt16(ptr + 2, 0, true);
            memView.setBigInt64(ptr + 8, BigInt(conflict.start), true);
            memView.setBigInt64(ptr + 16, conflict.end === Infinity ? 0n : BigInt(conflict.end - conflict.start), true);
            memView.setInt32(ptr + 24, conflict.owner, true);
          }
          result = 0;
        } else if (conflict !== void 0) {
          if (cmd === 6 /* SETLK */) result = -Errno.EAGAIN;
        } else {
          const next = withLock(locks, owner, type, start, end);
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
    if (result === void 0) return forward(fd, cmd, arg);
    i32[Slot.LocalIo]++;
    return result;
  });
}
const output = data.outputRing !== void 0 ? new OutputRing(data.outputRing) : void 0;
function ringWrite(forward) {
  return ((fd, iovs, n, resultPtr) => {
    const count = n >>> 0;
    if (output === void 0 || !output.lent(fd) || count === 0 || count > MAX_LOCAL_IOVS || Atomics.load(i32, Slot.Pending) !== 0) {
      return forward(fd, iovs, n, resultPtr);
    }
    const out = resultPtr >>> 0;
    const total = gatherIovecs(iovs >>> 0, count, out);
    if (total <= 0 || total > MAX_RECORD) return forward(fd, iovs, n, resultPtr);
    if (!enterLocalIo()) return forward(fd, iovs, n, resultPtr);
    const at = output.reserve(fd, total);
    if (at < 0) {
      leaveLocalIo();
      return forward(fd, iovs, n, resultPtr);
    }
    for (let i = 0, o = at; i < count; i++) {
      output.bytes.set(memBytes.subarray(iovPtr[i], iovPtr[i] + iovLen[i]), o);
      o += iovLen[i];
    }
    try {
      if (output.publish()) kernel.triggerIrq(data.ring.irq);
    } finally {
      leaveLocalIo();
    }
    memView.setUint32(out, total, true);
    i32[Slot.LocalIo]++;
    return 0;
  });
}
const startup = new StartupAnswers({
  inMemory,
  view: () => memView,
  bytes: () => memBytes,
  pending: () => Atomics.load(i32, Slot.Pending) !== 0,
  answered: () => {
    i32[Slot.LocalIo]++;
  }
}, data.startup?.preopens, data.startup?.args, data.startup?.env);
const CORE_LOCAL = {
  "wasi_snapshot_preview1.clock_time_get": localClock,
  "wasi_snapshot_preview1.fd_pread": lentIo(LentAccess.Read),
  "wasi_snapshot_preview1.fd_pwrite": lentIo(LentAccess.Write),
  "wasi_snapshot_preview1.fd_read": lentStream(LentAccess.Stream),
  // A console output's writes go into the ring; a lent file's at its offset.
  "wasi_snapshot_preview1.fd_write": (forward) => ringWrite(lentStream(LentAccess.StreamWrite)(forward)),
  "wasi_snapshot_preview1.fd_seek": lentSeek,
  "wasi_snapshot_preview1.fd_tell": lentTell,
  "wasi_snapshot_preview1.fd_sync": lentSync(false),
  "wasi_snapshot_preview1.fd_datasync": lentSync(true),
  "l4posix.fstat": lentStat,
  "wasi_snapshot_preview1.fd_filestat_get": lentFileStat,
  "wasi_snapshot_preview1.path_filestat_get": lentPathStat,
  "l4posix.statat": lentStatat,
  "wasi_snapshot_preview1.path_unlink_file": lentUnlink,
  "wasi_snapshot_preview1.path_open": (forward) => opens !== void 0 ? opens.open(forward) : forward,
  "l4posix.fcntl": lentLock,
  "wasi_snapshot_preview1.fd_fdstat_get": keptFdstat,
  "wasi_snapshot_preview1.fd_prestat_get": (forward) => startup.prestat(forward),
  "wasi_snapshot_preview1.fd_prestat_dir_name": (forward) => startup.prestatName(forward),
  "wasi_snapshot_preview1.args_sizes_get": startup.sizes("args"),
  "wasi_snapshot_preview1.args_get": startup.list("args"),
  "wasi_snapshot_preview1.environ_sizes_get": startup.sizes("env"),
  "wasi_snapshot_preview1.environ_get": startup.list("env"),
  "l4posix.getpid": constantAnswer,
  "l4posix.getuid": constantAnswer,
  "l4posix.getgid": constantAnswer
};
function defer(index, args) {
  const n = i32[DEFER_SLOT];
  if (n >= MAX_DEFERRED) return false;
  const at = DEFER_SLOT + 1 + n * DEFER_INTS;
  i32[at] = index;
  for (let k = 0; k < args.length; k++) i32[at + 1 + k] = args[k];
  i32[DEFER_SLOT] = n + 1;
  return true;
}
const F_SETFD = 2;
function deferred(imp, index, next) {
  if (imp.module === "wasi_snapshot_preview1" && imp.name === "fd_close") {
    return ((fd) => {
      if (opens !== void 0 && Atomics.load(i32, Slot.Pending) === 0) {
        const r = opens.close(fd);
        if (r !== void 0) return r;
      }
      const at = fdstatAt(i32, fd);
      if (at < 0 || Atomics.load(i32, at) === 0 || i32[at + 3] !== 1 || Atomics.load(i32, Slot.Pending) !== 0 || !defer(index, [fd])) return next(fd);
      Atomics.store(i32, at, 0);
      if (fd >>> 0 < LENT_FDS) {
        Atomics.store(i32, LENT_SLOT + fd, 0);
        Atomics.store(i32, LOCK_SLOT + fd, 0);
      }
      lentDirs.delete(fd);
      startup.closed(fd);
      setFdFree(i32, fd, true);
      return 0;
    });
  }
  if (imp.module !== "l4posix") return next;
  if (imp.name === "create_mode") {
    return ((mode) => Atomics.load(i32, Slot.Pending) === 0 && (opens !== void 0 ? opens.deferMode(mode) : defer(index, [mode])) ? 0 : next(mode));
  }
  if (imp.name === "fcntl") {
    return ((fd, cmd, arg) => {
      const at = cmd === F_SETFD ? fdstatAt(i32, fd) : -1;
      if (at >= 0 && Atomics.load(i32, at) !== 0 && Atomics.load(i32, Slot.Pending) === 0 && defer(index, [fd, cmd, arg])) return 0;
      return next(fd, cmd, arg);
    });
  }
  return next;
}
const createModeIndex = data.imports.findIndex((imp) => imp.module === "l4posix" && imp.name === "create_mode");
const opens = data.defer && data.hostFiles !== void 0 && data.lentDirs !== void 0 ? new WorkerOpens({
  i32,
  i64,
  f64,
  bytes: () => memBytes,
  view: () => memView,
  inMemory,
  enterLocalIo,
  leaveLocalIo,
  lentDirOf,
  lentName,
  createModeIndex: createModeIndex >= 0 ? createModeIndex : void 0,
  hostFiles: data.hostFiles
}) : void 0;
const writeBehind = data.writeBehind !== void 0 ? new RingWriter(new Int32Array(data.writeBehind.control), data.writeBehind.ring) : void 0;
const UNORDERED = new Set([
  "clock_time_get",
  "clock_res_get",
  "args_get",
  "args_sizes_get",
  "environ_get",
  "environ_sizes_get",
  "fd_fdstat_get",
  "fd_prestat_get",
  "fd_prestat_dir_name",
  "random_get",
  "sched_yield"
].map((n) => `wasi_snapshot_preview1.${n}`).concat(
  ["preempt", "getpid", "getppid", "getuid", "getgid", "sysconf", "create_mode", "fcntl"].map((n) => `l4posix.${n}`)
));
const ORDERED_WHEN_FORWARDED = /* @__PURE__ */ new Set([
  "wasi_snapshot_preview1.fd_pwrite",
  "wasi_snapshot_preview1.fd_pread",
  "wasi_snapshot_preview1.fd_read",
  "wasi_snapshot_preview1.fd_filestat_get",
  "l4posix.fstat"
]);
const REPORTING = /* @__PURE__ */ new Set(["wasi_snapshot_preview1.fd_sync", "wasi_snapshot_preview1.fd_datasync", "wasi_snapshot_preview1.fd_close"]);
function afterQueuedWrites(wb, fn, reports) {
  const ctl = wb.ctl;
  if (!reports) return ((...a) => {
    if (Atomics.load(ctl, Ctl.Pending) !== 0) waitWritten(ctl);
    return fn(...a);
  });
  return ((...a) => {
    if (Atomics.load(ctl, Ctl.Pending) !== 0) waitWritten(ctl);
    const failed = wb.takeError(a[0]);
    const r = fn(...a);
    return failed !== 0 && r === 0 ? failed : r;
  });
}
const imports = { env: { memory } };
data.imports.forEach((imp, index) => {
  const key = `${imp.module}.${imp.name}`;
  let fn = stub(index, imp.params, imp.result); { const f1 = fn; const nm = "F:" + imp.name; fn = (...a) => { const t0 = performance.now(); try { return f1(...a); } finally { const e = (globalThis.__T ??= {})[nm] ??= [0, 0]; e[0]++; e[1] += performance.now() - t0; } }; }
  const forwardOrdered = writeBehind !== void 0 && ORDERED_WHEN_FORWARDED.has(key);
  if (forwardOrdered) fn = afterQueuedWrites(writeBehind, fn, false);
  const local = data.coreLocal.includes(key) ? CORE_LOCAL[key] : void 0;
  if (local !== void 0) fn = local(fn);
  if (data.defer) fn = deferred(imp, index, fn);
  if (imp.module === "l4posix" && imp.name === "preempt") fn = () => 1 << 30;
  if (writeBehind !== void 0 && !forwardOrdered && !UNORDERED.has(key)) fn = afterQueuedWrites(writeBehind, fn, REPORTING.has(key));
  { const f0 = fn; const nm = imp.name; fn = (...a) => { const t0 = performance.now(); try { return f0(...a); } finally { const e = (globalThis.__T ??= {})[nm] ??= [0, 0]; e[0]++; e[1] += performance.now() - t0; } }; }
  (imports[imp.module] ??= {})[imp.name] = fn;
});
function post(m) {
  parentPort.postMessage(m);
}
try {
  post({ type: "thread", path: readlinkSync("/proc/thread-self") });
} catch {
}
let instantiating = true;
try {
  const instance = new WebAssembly.Instance(data.module, imports);
  instantiating = false;
  Atomics.store(i32, Slot.Instantiating, 0);
  const exp = instance.exports;
  if (typeof exp.__l4posix_signal_deliver === "function") deliver = exp.__l4posix_signal_deliver;
  const globals = () => {
    const out = {};
    for (const [name, g] of Object.entries(exp)) if (name.startsWith("__l4wasm_global_") && g instanceof WebAssembly.Global) out[name] = g.value;
    return out;
  };
  if (data.adopt) {
    asyncify = exp;
    for (const [name, v] of Object.entries(data.adopt.globals)) exp[name].value = v;
    const limit = exp[data.adopt.memoryLimit.name];
    if (limit instanceof WebAssembly.Global) {
      memoryLimit = limit;
      memoryLimitPages = limit.value = data.adopt.memoryLimit.pages;
    }
    asyncify.asyncify_start_rewind(saveArea());
    rewinding = true;
  }
  const __ts = performance.timeOrigin + performance.now(); try { exp._start(); } finally { require_fs.appendFileSync("/tmp/sqx/agg.txt", "sum " + Object.values(globalThis.__T ?? {}).reduce((a,v)=>a+v[1],0).toFixed(1) + " calls " + Object.values(globalThis.__T ?? {}).reduce((a,v)=>a+v[0],0) + " run " + (performance.timeOrigin + performance.now() - __ts).toFixed(1) + "\n" + Object.entries(globalThis.__T ?? {}).sort((a,b)=>b[1][1]-a[1][1]).slice(0,60).map(([k,v])=>"  L "+k+" "+v[0]+" "+v[1].toFixed(1)).join("\n")+"\n---\n"); }
  if (unwinding) {
    asyncify.asyncify_stop_unwind();
    post({ type: "recouple", globals: globals() });
  } else {
    call(Op.Returned);
    post({ type: "returned" });
  }
} catch (e) {
  if (!(e instanceof Ended)) {
    const err = e;
    const failure = instantiating ? failureOf(e) : void 0;
    post({
      type: "trapped",
      // A wasm exception is no Error: named as the vCPU names it (and so the same signal).
      message: isWasmException(e) ? UNCAUGHT_EXCEPTION : err?.message ?? String(e),
      stack: err?.stack,
      stackExhausted: err instanceof RangeError && /call stack/i.test(err.message),
      // The program never started (a start function, a segment out of bounds): a LoadError on the vCPU.
      ...failure !== void 0 ? { instantiation: failure } : {}
    });
  }
}
