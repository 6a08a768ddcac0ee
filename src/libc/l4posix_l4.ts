// l4posix, L4 family: the L4 API from C (sysroot/include/l4/, sysroot/src/l4_*.c). IPC through
// the program's kernel thread with its message registers copied between the program's UTCB and
// the kernel's; IRQs; capabilities by name; dataspaces and the windows they are attached at.
// Calls that are not IPC return a value or a negated L4 error (err.h); IPC returns 0 or the
// negated L4 IPC error code (ipc.h). A blocked IPC suspends the program; its re-run reads the
// outcome from the thread's kernel UTCB (restart kind 'l4-ipc').
import { WOULD_BLOCK } from '../kernel/cpu.js';
import { KErr, MR_COUNT, ObjType, Rights, Timeout, tagWords } from '../kernel/kernel.js';
import { GuestMemory } from './abi.js';
import { SUSPEND } from './context.js';
import { DS_HANDLE_BASE, L4Err, type L4Port } from './l4_port.js';
import type { Restart } from './restart.js';

/** What the L4 calls need of their program (a guest process or a native L4 task). */
export interface L4CallContext {
  readonly l4?: L4Port;
  readonly memory: WebAssembly.Memory;
  readonly reservedTop?: number;
  restart: Restart | undefined;
}

/** Operations of the l4_ipc import (sysroot/src/l4_ipc.c). */
export const enum IpcOp { Call = 0, Send = 1, Receive = 2, Reply = 3, ReplyAndWait = 4, Sleep = 5 }

/** L4 IPC error codes (sysroot/include/l4/sys/ipc.h). */
export const enum IpcErr {
  SETIMEOUT = 0x02, RETIMEOUT = 0x03, ENOT_EXISTENT = 0x04, SECANCELED = 0x06, RECANCELED = 0x07,
  SEMSGCUT = 0x08, REMSGCUT = 0x09, SEABORTED = 0x0e, REABORTED = 0x0f,
}

/** The C UTCB (utcb.h): 64 message registers, then error, label and tag. */
const UTCB_ERROR = MR_COUNT * 4;
const UTCB_LABEL = UTCB_ERROR + 4;
const UTCB_TAG = UTCB_LABEL + 4;
const UTCB_SIZE = UTCB_TAG + 4;
/** The tag bits C may set that the kernel's tag does not have (L4_MSGTAG_ERROR and the flags). */
const TAG_FLAGS = 0xe000;
const INVALID_CAP = -1;

/** The L4 IPC error for a failed kernel operation; `received` whether it failed waiting for a message. */
function ipcError(r: number, received: boolean): number {
  switch (-r as KErr) {
    case KErr.Timeout: return received ? IpcErr.RETIMEOUT : IpcErr.SETIMEOUT;
    case KErr.Canceled: return received ? IpcErr.RECANCELED : IpcErr.SECANCELED;
    case KErr.MsgCut: return received ? IpcErr.REMSGCUT : IpcErr.SEMSGCUT;
    case KErr.DeadPartner: return received ? IpcErr.REABORTED : IpcErr.ENOT_EXISTENT;
    // Receiving: the gate or IRQ is not bound to this thread. Sending: a malformed tag.
    case KErr.InvalidArg: return received ? IpcErr.ENOT_EXISTENT : IpcErr.SEMSGCUT;
    default: return IpcErr.ENOT_EXISTENT; // no such capability, wrong kind, no rights, nobody serving
  }
}

/** The whole memory as it is now (a shared memory may have grown under an older view). */
function bytesOf(c: L4CallContext): Uint8Array { return new Uint8Array(c.memory.buffer); }

const memories = new WeakMap<L4CallContext, GuestMemory>();
function memOf(c: L4CallContext): GuestMemory {
  let m = memories.get(c);
  if (m === undefined) memories.set(c, (m = new GuestMemory(c)));
  m.refresh();
  return m;
}

/** A capability argument as the kernel takes it (a slot), or -1 for none / a dataspace handle. */
function slotOf(cap: number): number {
  return cap === INVALID_CAP || cap < 0 || cap >= DS_HANDLE_BASE ? -1 : cap;
}

export const l4Calls = {
  /**
   * l4_ipc(op, cap, utcb, tag, timeout): call/send/receive/reply/reply-and-wait/sleep through the
   * program's thread. Sends the tag's words from utcb->mr; a received message's words land in
   * utcb->mr, its tag and label in utcb->tag/label. 0 or -(L4 IPC error): SEMSGCUT also for a
   * malformed operation, timeout or UTCB pointer; ENOT_EXISTENT where the L4 API is not offered.
   */
  l4_ipc(c: L4CallContext, op: number, cap: number, utcb: number, tag: number, timeout: number): number {
    const port = c.l4;
    if (port === undefined) return -IpcErr.ENOT_EXISTENT;
    utcb >>>= 0;
    const mem = memOf(c);
    if (!mem.ok(utcb, UTCB_SIZE) || utcb % 4 !== 0) return -IpcErr.SEMSGCUT;
    const k = port.kernel;
    const t = port.thread;
    const receives = op === IpcOp.Call || op === IpcOp.Receive || op === IpcOp.ReplyAndWait;
    let r: number;
    let blocked = false;
    if (c.restart?.kind === 'l4-ipc') {
      r = k.result(t); // the operation blocked; the kernel has finished it since
      blocked = true;
    } else {
      if (op < IpcOp.Call || op > IpcOp.Sleep || timeout < -1) return -IpcErr.SEMSGCUT;
      const slot = slotOf(cap);
      if ((op === IpcOp.Call || op === IpcOp.Send) && slot < 0) return -IpcErr.ENOT_EXISTENT;
      if (op === IpcOp.Receive && slot < 0 && cap !== INVALID_CAP) return -IpcErr.ENOT_EXISTENT;
      port.syncOut(bytesOf(c));
      const words = tagWords(tag);
      const sends = op !== IpcOp.Receive && op !== IpcOp.Sleep;
      if (sends) {
        if (words > MR_COUNT || ((tag >> 8) & 0x1f) !== 0) return -IpcErr.SEMSGCUT;
        const mrs = k.mrs(t);
        mrs.set(new Uint32Array(mem.u8.buffer, mem.u8.byteOffset + utcb, words));
      }
      const kt = tag & ~TAG_FLAGS;
      const to = timeout === -1 ? Timeout.Never : timeout;
      switch (op) {
        case IpcOp.Call: r = port.cpu.call(t, slot, kt, undefined, to); break;
        case IpcOp.Send: r = k.send(t, slot, kt, to); break;
        case IpcOp.Receive: r = k.receive(t, slot < 0 ? 0 : slot, to); break;
        case IpcOp.Reply: r = k.reply(t, kt); break;
        case IpcOp.ReplyAndWait: r = k.replyAndWait(t, kt, to); break;
        default: r = to === 0 ? -KErr.Timeout : k.sleep(t, to); break;
      }
      if (r === WOULD_BLOCK) {
        c.restart = { kind: 'l4-ipc' };
        return SUSPEND;
      }
      if (r > 0) r = 0; // a call's receiver readied on this CPU (the fast path ran it, or it will run)
    }
    const view = memOf(c);
    if (op === IpcOp.Sleep && r === -KErr.Timeout) r = 0;
    if (r < 0) {
      const e = ipcError(r, receives && (blocked || op !== IpcOp.Call));
      view.view.setUint32(utcb + UTCB_ERROR, e, true);
      port.syncIn(bytesOf(c));
      return -e;
    }
    if (op === IpcOp.Sleep) return -IpcErr.RETIMEOUT;
    if (receives) {
      const rtag = k.tag(t);
      const n = Math.min(tagWords(rtag), MR_COUNT);
      new Uint32Array(view.u8.buffer, view.u8.byteOffset + utcb, n).set(k.mrs(t).subarray(0, n));
      view.view.setUint32(utcb + UTCB_TAG, rtag, true);
      view.view.setUint32(utcb + UTCB_LABEL, k.label(t), true);
    }
    view.view.setUint32(utcb + UTCB_ERROR, 0, true);
    port.syncIn(bytesOf(c));
    return 0;
  },

  /** l4re_env_get_cap: the capability (or dataspace handle) named `name`, or -L4_ENOENT. */
  l4_cap_get(c: L4CallContext, name: number, len: number): number {
    const port = c.l4;
    if (port === undefined) return -L4Err.NOSYS;
    const mem = memOf(c);
    const s = mem.path(name >>> 0, len >>> 0);
    if (typeof s === 'number') return s === -14 ? -L4Err.FAULT : -L4Err.NOENT;
    return port.capGet(s);
  },

  /** l4re_env(): fills {main_thread, log}. 0 or -L4_EFAULT / -L4_ENOMEM. */
  l4_env(c: L4CallContext, env: number): number {
    const port = c.l4;
    if (port === undefined) return -L4Err.NOSYS;
    env >>>= 0;
    const mem = memOf(c);
    if (!mem.ok(env, 8)) return -L4Err.FAULT;
    const self = port.selfCap();
    if (self < 0) return self;
    mem.view.setInt32(env, self, true);
    mem.view.setInt32(env + 4, port.logCap, true);
    return 0;
  },

  /**
   * l4_rcv_ep_bind_thread / l4_irq_detach: binds the gate or IRQ `ep` to the program's own
   * thread `thread` with `label` (thread L4_INVALID_CAP: unbinds an IRQ). 0 or -L4_EINVAL (no
   * capability), -L4_ENODEV (no gate or IRQ; `thread` not the program's thread), -L4_EPERM.
   */
  l4_bind(c: L4CallContext, ep: number, thread: number, label: number): number {
    const port = c.l4;
    if (port === undefined) return -L4Err.NOSYS;
    const k = port.kernel;
    const slot = slotOf(ep);
    if (slot < 0) return -L4Err.INVAL;
    const info = k.capInfo(port.task, slot);
    if (info < 0 || (info & 0xff) === ObjType.None) return -L4Err.INVAL;
    const type = info & 0xff;
    if (type !== ObjType.Gate && type !== ObjType.Irq) return -L4Err.NODEV;
    if (((info >> 8) & Rights.S) === 0) return -L4Err.PERM;
    const obj = k.lookup(port.task, slot);
    if (thread === INVALID_CAP) {
      if (type !== ObjType.Irq) return -L4Err.INVAL;
      return k.detachIrq(obj) < 0 ? -L4Err.INVAL : 0;
    }
    if (!port.isSelf(thread)) return -L4Err.NODEV;
    const r = type === ObjType.Gate ? k.bindGate(obj, port.thread, label) : k.attachIrq(obj, port.thread, label);
    if (r < 0) return -L4Err.INVAL;
    port.onBind?.();
    return 0;
  },

  /**
   * l4_irq_trigger: publishes the windows, then triggers. 0, or -L4_EINVAL (no capability),
   * -L4_ENODEV (no IRQ), -L4_EPERM (no right).
   */
  l4_irq_trigger(c: L4CallContext, irq: number): number {
    const port = c.l4;
    if (port === undefined) return -L4Err.NOSYS;
    const k = port.kernel;
    const slot = slotOf(irq);
    if (slot < 0) return -L4Err.INVAL;
    const info = k.capInfo(port.task, slot);
    if (info < 0 || (info & 0xff) === ObjType.None) return -L4Err.INVAL;
    if ((info & 0xff) !== ObjType.Irq) return -L4Err.NODEV;
    if (((info >> 8) & Rights.W) === 0) return -L4Err.PERM;
    port.syncOut(bytesOf(c));
    const r = k.triggerIrqCap(port.task, slot);
    if (r < 0) return -L4Err.INVAL;
    port.cpu.wake();
    return 0;
  },

  /** l4re_ma_alloc: a new zero-filled dataspace, its handle stored at `out`. 0 or -L4_EINVAL/-ENOMEM/-EFAULT. */
  l4_ma_alloc(c: L4CallContext, size: number, out: number, flags: number): number {
    const port = c.l4;
    if (port === undefined) return -L4Err.NOSYS;
    size >>>= 0; out >>>= 0;
    const mem = memOf(c);
    if (!mem.ok(out, 4)) return -L4Err.FAULT;
    if (size === 0 || flags !== 0) return -L4Err.INVAL;
    const h = port.allocate(size);
    if (h < 0) return h;
    mem.view.setUint32(out, h, true);
    return 0;
  },

  /** l4re_ma_free: 0, -L4_EINVAL (no dataspace), -L4_EBUSY (still attached here). */
  l4_ma_free(c: L4CallContext, ds: number): number {
    const port = c.l4;
    if (port === undefined) return -L4Err.NOSYS;
    return port.free(ds >>> 0);
  },

  /** l4re_ds_size: the dataspace's size in bytes, or -L4_EINVAL. */
  l4_ds_size(c: L4CallContext, ds: number): number {
    if (c.l4 === undefined) return -L4Err.NOSYS;
    const d = c.l4.dataspace(ds >>> 0);
    return d === undefined ? -L4Err.INVAL : d.size;
  },

  /**
   * l4re_rm_attach: attaches `size` bytes of the dataspace from `offset` at *start (page-aligned)
   * or, with L4RE_RM_F_SEARCH_ADDR, where they fit (the address stored to *start). Windows are
   * page-aligned; a larger `align` is not honoured.
   */
  l4_rm_attach(c: L4CallContext, start: number, size: number, flags: number, ds: number, offset: number, _align: number): number {
    const port = c.l4;
    if (port === undefined) return -L4Err.NOSYS;
    start >>>= 0; size >>>= 0; offset >>>= 0;
    const mem = memOf(c);
    if (!mem.ok(start, 4)) return -L4Err.FAULT;
    const d = port.dataspace(ds >>> 0);
    if (d === undefined || size === 0 || (flags & ~0x23) !== 0) return -L4Err.INVAL;
    const page = 4096;
    if (offset % page !== 0) return -L4Err.INVAL;
    const bytes = Math.ceil(size / page) * page;
    if (offset + bytes > d.size) return -L4Err.RANGE;
    let addr: number | undefined;
    if ((flags & 0x20) === 0) {
      addr = mem.view.getUint32(start, true);
      if (addr % page !== 0) return -L4Err.INVAL;
    }
    port.syncOut(bytesOf(c));
    const at = port.attach(d, addr, bytes, offset);
    const view = memOf(c); // the memory may have grown
    if (at < 0) return at;
    if (!view.ok(at, bytes) || !view.ok(start, 4)) return -L4Err.FAULT;
    view.u8.set(d.bytes.subarray(offset, offset + bytes), at);
    view.view.setUint32(start, at, true);
    port.syncIn(bytesOf(c));
    return 0;
  },

  /** l4re_rm_detach: 0 or -L4_ENOENT (no window attached at addr). */
  l4_rm_detach(c: L4CallContext, addr: number): number {
    const port = c.l4;
    if (port === undefined) return -L4Err.NOSYS;
    return port.detach(bytesOf(c), addr >>> 0);
  },
};
