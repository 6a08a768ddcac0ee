import { WOULD_BLOCK } from "../kernel/cpu.js";
import { KErr, MR_COUNT, ObjType, Rights, Timeout, tagWords } from "../kernel/kernel.js";
import { GuestMemory } from "./abi.js";
import { SUSPEND } from "./context.js";
import { DS_HANDLE_BASE, L4Err } from "./l4_port.js";
var IpcOp = /* @__PURE__ */ ((IpcOp2) => {
  IpcOp2[IpcOp2["Call"] = 0] = "Call";
  IpcOp2[IpcOp2["Send"] = 1] = "Send";
  IpcOp2[IpcOp2["Receive"] = 2] = "Receive";
  IpcOp2[IpcOp2["Reply"] = 3] = "Reply";
  IpcOp2[IpcOp2["ReplyAndWait"] = 4] = "ReplyAndWait";
  IpcOp2[IpcOp2["Sleep"] = 5] = "Sleep";
  return IpcOp2;
})(IpcOp || {});
var IpcErr = /* @__PURE__ */ ((IpcErr2) => {
  IpcErr2[IpcErr2["SETIMEOUT"] = 2] = "SETIMEOUT";
  IpcErr2[IpcErr2["RETIMEOUT"] = 3] = "RETIMEOUT";
  IpcErr2[IpcErr2["ENOT_EXISTENT"] = 4] = "ENOT_EXISTENT";
  IpcErr2[IpcErr2["SECANCELED"] = 6] = "SECANCELED";
  IpcErr2[IpcErr2["RECANCELED"] = 7] = "RECANCELED";
  IpcErr2[IpcErr2["SEMSGCUT"] = 8] = "SEMSGCUT";
  IpcErr2[IpcErr2["REMSGCUT"] = 9] = "REMSGCUT";
  IpcErr2[IpcErr2["SEABORTED"] = 14] = "SEABORTED";
  IpcErr2[IpcErr2["REABORTED"] = 15] = "REABORTED";
  return IpcErr2;
})(IpcErr || {});
const UTCB_ERROR = MR_COUNT * 4;
const UTCB_LABEL = UTCB_ERROR + 4;
const UTCB_TAG = UTCB_LABEL + 4;
const UTCB_SIZE = UTCB_TAG + 4;
const TAG_FLAGS = 57344;
const INVALID_CAP = -1;
function ipcError(r, received) {
  switch (-r) {
    case KErr.Timeout:
      return received ? 3 /* RETIMEOUT */ : 2 /* SETIMEOUT */;
    case KErr.Canceled:
      return received ? 7 /* RECANCELED */ : 6 /* SECANCELED */;
    case KErr.MsgCut:
      return received ? 9 /* REMSGCUT */ : 8 /* SEMSGCUT */;
    case KErr.DeadPartner:
      return received ? 15 /* REABORTED */ : 4 /* ENOT_EXISTENT */;
    // Receiving: the gate or IRQ is not bound to this thread. Sending: a malformed tag.
    case KErr.InvalidArg:
      return received ? 4 /* ENOT_EXISTENT */ : 8 /* SEMSGCUT */;
    default:
      return 4 /* ENOT_EXISTENT */;
  }
}
function bytesOf(c) {
  return new Uint8Array(c.memory.buffer);
}
const memories = /* @__PURE__ */ new WeakMap();
function memOf(c) {
  let m = memories.get(c);
  if (m === void 0) memories.set(c, m = new GuestMemory(c));
  m.refresh();
  return m;
}
function slotOf(cap) {
  return cap === INVALID_CAP || cap < 0 || cap >= DS_HANDLE_BASE ? -1 : cap;
}
const l4Calls = {
  /**
   * l4_ipc(op, cap, utcb, tag, timeout): call/send/receive/reply/reply-and-wait/sleep through the
   * program's thread. Sends the tag's words from utcb->mr; a received message's words land in
   * utcb->mr, its tag and label in utcb->tag/label. 0 or -(L4 IPC error): SEMSGCUT also for a
   * malformed operation, timeout or UTCB pointer; ENOT_EXISTENT where the L4 API is not offered.
   */
  l4_ipc(c, op, cap, utcb, tag, timeout) {
    const port = c.l4;
    if (port === void 0) return -4;
    utcb >>>= 0;
    const mem = memOf(c);
    if (!mem.ok(utcb, UTCB_SIZE) || utcb % 4 !== 0) return -8;
    const k = port.kernel;
    const t = port.thread;
    const receives = op === 0 /* Call */ || op === 2 /* Receive */ || op === 4 /* ReplyAndWait */;
    let r;
    let blocked = false;
    if (c.restart?.kind === "l4-ipc") {
      r = k.result(t);
      blocked = true;
    } else {
      if (op < 0 /* Call */ || op > 5 /* Sleep */ || timeout < -1) return -8;
      const slot = slotOf(cap);
      if ((op === 0 /* Call */ || op === 1 /* Send */) && slot < 0) return -4;
      if (op === 2 /* Receive */ && slot < 0 && cap !== INVALID_CAP) return -4;
      port.syncOut(bytesOf(c));
      const words = tagWords(tag);
      const sends = op !== 2 /* Receive */ && op !== 5 /* Sleep */;
      if (sends) {
        if (words > MR_COUNT || (tag >> 8 & 31) !== 0) return -8;
        const mrs = k.mrs(t);
        mrs.set(new Uint32Array(mem.u8.buffer, mem.u8.byteOffset + utcb, words));
      }
      const kt = tag & ~TAG_FLAGS;
      const to = timeout === -1 ? Timeout.Never : timeout;
      switch (op) {
        case 0 /* Call */:
          r = port.cpu.call(t, slot, kt, void 0, to);
          break;
        case 1 /* Send */:
          r = k.send(t, slot, kt, to);
          break;
        case 2 /* Receive */:
          r = k.receive(t, slot < 0 ? 0 : slot, to);
          break;
        case 3 /* Reply */:
          r = k.reply(t, kt);
          break;
        case 4 /* ReplyAndWait */:
          r = k.replyAndWait(t, kt, to);
          break;
        default:
          r = to === 0 ? -KErr.Timeout : k.sleep(t, to);
          break;
      }
      if (r === WOULD_BLOCK) {
        c.restart = { kind: "l4-ipc" };
        return SUSPEND;
      }
      if (r > 0) r = 0;
    }
    const view = memOf(c);
    if (op === 5 /* Sleep */ && r === -KErr.Timeout) r = 0;
    if (r < 0) {
      const e = ipcError(r, receives && (blocked || op !== 0 /* Call */));
      view.view.setUint32(utcb + UTCB_ERROR, e, true);
      port.syncIn(bytesOf(c));
      return -e;
    }
    if (op === 5 /* Sleep */) return -3;
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
  l4_cap_get(c, name, len) {
    const port = c.l4;
    if (port === void 0) return -L4Err.NOSYS;
    const mem = memOf(c);
    const s = mem.path(name >>> 0, len >>> 0);
    if (typeof s === "number") return s === -14 ? -L4Err.FAULT : -L4Err.NOENT;
    return port.capGet(s);
  },
  /** l4re_env(): fills {main_thread, log}. 0 or -L4_EFAULT / -L4_ENOMEM. */
  l4_env(c, env) {
    const port = c.l4;
    if (port === void 0) return -L4Err.NOSYS;
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
  l4_bind(c, ep, thread, label) {
    const port = c.l4;
    if (port === void 0) return -L4Err.NOSYS;
    const k = port.kernel;
    const slot = slotOf(ep);
    if (slot < 0) return -L4Err.INVAL;
    const info = k.capInfo(port.task, slot);
    if (info < 0 || (info & 255) === ObjType.None) return -L4Err.INVAL;
    const type = info & 255;
    if (type !== ObjType.Gate && type !== ObjType.Irq) return -L4Err.NODEV;
    if ((info >> 8 & Rights.S) === 0) return -L4Err.PERM;
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
  l4_irq_trigger(c, irq) {
    const port = c.l4;
    if (port === void 0) return -L4Err.NOSYS;
    const k = port.kernel;
    const slot = slotOf(irq);
    if (slot < 0) return -L4Err.INVAL;
    const info = k.capInfo(port.task, slot);
    if (info < 0 || (info & 255) === ObjType.None) return -L4Err.INVAL;
    if ((info & 255) !== ObjType.Irq) return -L4Err.NODEV;
    if ((info >> 8 & Rights.W) === 0) return -L4Err.PERM;
    port.syncOut(bytesOf(c));
    const r = k.triggerIrqCap(port.task, slot);
    if (r < 0) return -L4Err.INVAL;
    port.cpu.wake();
    return 0;
  },
  /** l4re_ma_alloc: a new zero-filled dataspace, its handle stored at `out`. 0 or -L4_EINVAL/-ENOMEM/-EFAULT. */
  l4_ma_alloc(c, size, out, flags) {
    const port = c.l4;
    if (port === void 0) return -L4Err.NOSYS;
    size >>>= 0;
    out >>>= 0;
    const mem = memOf(c);
    if (!mem.ok(out, 4)) return -L4Err.FAULT;
    if (size === 0 || flags !== 0) return -L4Err.INVAL;
    const h = port.allocate(size);
    if (h < 0) return h;
    mem.view.setUint32(out, h, true);
    return 0;
  },
  /** l4re_ma_free: 0, -L4_EINVAL (no dataspace), -L4_EBUSY (still attached here). */
  l4_ma_free(c, ds) {
    const port = c.l4;
    if (port === void 0) return -L4Err.NOSYS;
    return port.free(ds >>> 0);
  },
  /** l4re_ds_size: the dataspace's size in bytes, or -L4_EINVAL. */
  l4_ds_size(c, ds) {
    if (c.l4 === void 0) return -L4Err.NOSYS;
    const d = c.l4.dataspace(ds >>> 0);
    return d === void 0 ? -L4Err.INVAL : d.size;
  },
  /**
   * l4re_rm_attach: attaches `size` bytes of the dataspace from `offset` at *start (page-aligned)
   * or, with L4RE_RM_F_SEARCH_ADDR, where they fit (the address stored to *start). Windows are
   * page-aligned; a larger `align` is not honoured.
   */
  l4_rm_attach(c, start, size, flags, ds, offset, _align) {
    const port = c.l4;
    if (port === void 0) return -L4Err.NOSYS;
    start >>>= 0;
    size >>>= 0;
    offset >>>= 0;
    const mem = memOf(c);
    if (!mem.ok(start, 4)) return -L4Err.FAULT;
    const d = port.dataspace(ds >>> 0);
    if (d === void 0 || size === 0 || (flags & ~35) !== 0) return -L4Err.INVAL;
    const page = 4096;
    if (offset % page !== 0) return -L4Err.INVAL;
    const bytes = Math.ceil(size / page) * page;
    if (offset + bytes > d.size) return -L4Err.RANGE;
    let addr;
    if ((flags & 32) === 0) {
      addr = mem.view.getUint32(start, true);
      if (addr % page !== 0) return -L4Err.INVAL;
    }
    port.syncOut(bytesOf(c));
    const at = port.attach(d, addr, bytes, offset);
    const view = memOf(c);
    if (at < 0) return at;
    if (!view.ok(at, bytes) || !view.ok(start, 4)) return -L4Err.FAULT;
    view.u8.set(d.bytes.subarray(offset, offset + bytes), at);
    view.view.setUint32(start, at, true);
    port.syncIn(bytesOf(c));
    return 0;
  },
  /** l4re_rm_detach: 0 or -L4_ENOENT (no window attached at addr). */
  l4_rm_detach(c, addr) {
    const port = c.l4;
    if (port === void 0) return -L4Err.NOSYS;
    return port.detach(bytesOf(c), addr >>> 0);
  }
};
export {
  IpcErr,
  IpcOp,
  l4Calls
};
