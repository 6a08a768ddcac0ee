import { type L4Port } from './l4_port.js';
import type { Restart } from './restart.js';
/** What the L4 calls need of their program (a guest process or a native L4 task). */
export interface L4CallContext {
    readonly l4?: L4Port;
    readonly memory: WebAssembly.Memory;
    readonly reservedTop?: number;
    restart: Restart | undefined;
}
/** Operations of the l4_ipc import (sysroot/src/l4_ipc.c). */
export declare const enum IpcOp {
    Call = 0,
    Send = 1,
    Receive = 2,
    Reply = 3,
    ReplyAndWait = 4,
    Sleep = 5
}
/** L4 IPC error codes (sysroot/include/l4/sys/ipc.h). */
export declare const enum IpcErr {
    SETIMEOUT = 2,
    RETIMEOUT = 3,
    ENOT_EXISTENT = 4,
    SECANCELED = 6,
    RECANCELED = 7,
    SEMSGCUT = 8,
    REMSGCUT = 9,
    SEABORTED = 14,
    REABORTED = 15
}
export declare const l4Calls: {
    /**
     * l4_ipc(op, cap, utcb, tag, timeout): call/send/receive/reply/reply-and-wait/sleep through the
     * program's thread. Sends the tag's words from utcb->mr; a received message's words land in
     * utcb->mr, its tag and label in utcb->tag/label. 0 or -(L4 IPC error): SEMSGCUT also for a
     * malformed operation, timeout or UTCB pointer; ENOT_EXISTENT where the L4 API is not offered.
     */
    l4_ipc(c: L4CallContext, op: number, cap: number, utcb: number, tag: number, timeout: number): number;
    /** l4re_env_get_cap: the capability (or dataspace handle) named `name`, or -L4_ENOENT. */
    l4_cap_get(c: L4CallContext, name: number, len: number): number;
    /** l4re_env(): fills {main_thread, log}. 0 or -L4_EFAULT / -L4_ENOMEM. */
    l4_env(c: L4CallContext, env: number): number;
    /**
     * l4_rcv_ep_bind_thread / l4_irq_detach: binds the gate or IRQ `ep` to the program's own
     * thread `thread` with `label` (thread L4_INVALID_CAP: unbinds an IRQ). 0 or -L4_EINVAL (no
     * capability), -L4_ENODEV (no gate or IRQ; `thread` not the program's thread), -L4_EPERM.
     */
    l4_bind(c: L4CallContext, ep: number, thread: number, label: number): number;
    /**
     * l4_irq_trigger: publishes the windows, then triggers. 0, or -L4_EINVAL (no capability),
     * -L4_ENODEV (no IRQ), -L4_EPERM (no right).
     */
    l4_irq_trigger(c: L4CallContext, irq: number): number;
    /** l4re_ma_alloc: a new zero-filled dataspace, its handle stored at `out`. 0 or -L4_EINVAL/-ENOMEM/-EFAULT. */
    l4_ma_alloc(c: L4CallContext, size: number, out: number, flags: number): number;
    /** l4re_ma_free: 0, -L4_EINVAL (no dataspace), -L4_EBUSY (still attached here). */
    l4_ma_free(c: L4CallContext, ds: number): number;
    /** l4re_ds_size: the dataspace's size in bytes, or -L4_EINVAL. */
    l4_ds_size(c: L4CallContext, ds: number): number;
    /**
     * l4re_rm_attach: attaches `size` bytes of the dataspace from `offset` at *start (page-aligned)
     * or, with L4RE_RM_F_SEARCH_ADDR, where they fit (the address stored to *start). Windows are
     * page-aligned; a larger `align` is not honoured.
     */
    l4_rm_attach(c: L4CallContext, start: number, size: number, flags: number, ds: number, offset: number, _align: number): number;
    /** l4re_rm_detach: 0 or -L4_ENOENT (no window attached at addr). */
    l4_rm_detach(c: L4CallContext, addr: number): number;
};
