// IPC: synchronous message passing between threads, through IPC gates or thread capabilities.
//
// A message is a tag plus up to 64 words in the sender's message registers, followed by map
// items (two words each: ItemMap | rights << 4, then a capability slot of the sender). The receiver
// names the slots for received capabilities in its buffer registers (BR[0] = n, BR[1..n]).
//
// Blocking is the kernel's decision: an operation that cannot complete returns -Err.WouldBlock
// (and writes it to the UTCB error word); the host suspends the thread, and when the kernel
// makes it ready again the final result is in its UTCB (error, tag, label, sender, MRs).
// Timeouts are in µs: 0 = poll (fail with Timeout instead of blocking), < 0 = never.
import { Err } from './errors';
import { MR_COUNT, BR_COUNT, DEBUG } from './config';
import { ObjType, kobj, objByHandle } from './kobject';
import { Rights, capLookup, capSlotAddr, capMapSlot, CapSlot } from './cap_space';
import { ThreadState, IpcFlags, thread, killThread, UTCB_MR, TH_SENDHEAD, TH_REPLYHEAD } from './thread';
import { Gate } from './ipc_gate';
import { irq, deliverIrq } from './irq';
import { readyEnqueue, readyDequeue, timeoutArm, timeoutCancel } from './scheduler';
import { clockNow } from './kip';
import { finishException, failException } from './exception';

/** Map item type in the first item word (bits 0..3); rights mask in bits 4..6. */
@inline export const ITEM_MAP: u32 = 1;
/** waitObj of a sleeping thread: matches no sender. */
@inline const WAIT_NOTHING: usize = 1;

// Message tag:  31..16 label (signed 16-bit protocol/opcode) | 12..8 items | 6..0 words
@inline export function tagWords(tag: u32): u32 { return tag & 0x7f; }
@inline export function tagItems(tag: u32): u32 { return (tag >> 8) & 0x1f; }
@inline export function makeTag(label: i32, words: u32, items: u32): u32 {
  return (<u32>label << 16) | (items << 8) | words;
}

@inline function tagValid(tag: u32): bool {
  return tagWords(tag) + 2 * tagItems(tag) <= MR_COUNT && (tag & 0x80) == 0 && (tag & 0xe000) == 0;
}

@inline function timeoutValid(t: f64): bool { return !isNaN(t); }
@inline function isForever(t: f64): bool { return t < 0 || t == Infinity; }

// ---- queues: senders waiting for a receiver, callers waiting for a reply ----

// Both queues link kernel objects through qNext/qPrev; a queue is a head word with its tail
// word right after it in the thread (see the TCB layout in thread.ts).

function queueAppend(q: usize, node: usize): void {
  const tail = load<usize>(q, 4);
  kobj(node).qNext = 0;
  kobj(node).qPrev = tail;
  if (tail != 0) kobj(tail).qNext = node; else store<usize>(q, node);
  store<usize>(q, node, 4);
}

function queueRemove(q: usize, node: usize): void {
  const next = kobj(node).qNext;
  const prev = kobj(node).qPrev;
  if (prev != 0) kobj(prev).qNext = next; else store<usize>(q, next);
  if (next != 0) kobj(next).qPrev = prev; else store<usize>(q, prev, 4);
  kobj(node).qNext = 0;
  kobj(node).qPrev = 0;
}

function sendQueueAppend(r: usize, node: usize): void { queueAppend(r + TH_SENDHEAD, node); }
export function sendQueueRemove(r: usize, node: usize): void { queueRemove(r + TH_SENDHEAD, node); }
function replyQueueAppend(server: usize, caller: usize): void { queueAppend(server + TH_REPLYHEAD, caller); }
function replyQueueRemove(server: usize, caller: usize): void { queueRemove(server + TH_REPLYHEAD, caller); }

// ---- state changes ----

/** Blocks a running thread in `state` until `timeout` (µs; never if < 0). */
function block(p: usize, state: ThreadState, timeout: f64): void {
  const t = thread(p);
  if (t.state == ThreadState.Ready) readyDequeue(p);
  t.state = state;
  t.error = -Err.WouldBlock;
  if (!isForever(timeout) && t.deadline == 0) timeoutArm(p, clockNow() + timeout);
}

/** Makes a blocked thread ready with `err` as the result of its operation. */
function wake(p: usize, err: i32): void {
  const t = thread(p);
  if (DEBUG) assert(t.state != ThreadState.Ready && t.state != ThreadState.Dead); // only blocked threads wake
  timeoutCancel(p);
  t.error = err;
  t.waitObj = 0;
  t.partner = 0;
  t.ipcFlags = 0;
  readyEnqueue(p);
}

/** Takes a thread out of whatever IPC wait it is in (queues only; the caller decides its fate). */
function unlinkWait(p: usize): void {
  const t = thread(p);
  if (t.state == ThreadState.BlockedOnSend) {
    sendQueueRemove(t.partner, p);
  } else if (t.state == ThreadState.BlockedOnReceive && (t.ipcFlags & IpcFlags.ReplyWait) != 0) {
    replyQueueRemove(t.waitObj, p);
  }
}

/** Ends a blocked operation with `err` (timeout, cancel, dead partner). */
export function failWait(p: usize, err: i32): void {
  const t = thread(p);
  if (t.state != ThreadState.BlockedOnSend && t.state != ThreadState.BlockedOnReceive) return;
  unlinkWait(p);
  if ((t.ipcFlags & IpcFlags.InException) != 0 && err == -Err.DeadPartner) {
    timeoutCancel(p);
    failException(p);
    return;
  }
  wake(p, err);
}

/** A deadline passed (the caller took it off the timeout queue). A sleep ends this way too. */
export function expireIpcTimeout(p: usize): void {
  failWait(p, -Err.Timeout);
}

export function cancelIpc(p: usize): void {
  failWait(p, -Err.Canceled);
}

/** A thread dies: everyone waiting on it learns DeadPartner; it leaves every queue. */
export function abortIpc(p: usize): void {
  const t = thread(p);
  unlinkWait(p);
  timeoutCancel(p);
  t.ipcFlags = 0;
  // Senders queued to it.
  let n = t.sendHead;
  while (n != 0) {
    const next = kobj(n).qNext;
    kobj(n).qNext = 0;
    kobj(n).qPrev = 0;
    if (kobj(n).type == ObjType.Irq) {
      irq(n).queued = 0;
    } else {
      failWaitDetached(n, -Err.DeadPartner);
    }
    n = next;
  }
  t.sendHead = 0;
  t.sendTail = 0;
  // Callers waiting for its reply.
  n = t.replyHead;
  while (n != 0) {
    const next = kobj(n).qNext;
    kobj(n).qNext = 0;
    kobj(n).qPrev = 0;
    thread(n).ipcFlags = thread(n).ipcFlags & ~IpcFlags.ReplyWait;
    failWaitDetached(n, -Err.DeadPartner);
    n = next;
  }
  t.replyHead = 0;
  t.replyTail = 0;
  t.replyTo = 0;
}

/** failWait for a thread already taken off its queue. */
function failWaitDetached(p: usize, err: i32): void {
  const t = thread(p);
  if ((t.ipcFlags & IpcFlags.InException) != 0) {
    timeoutCancel(p);
    failException(p);
    return;
  }
  wake(p, err);
}

// ---- message transfer ----

/** Checks the map items of a message from `s` to `r` so that transfer cannot fail. */
function checkItems(s: usize, r: usize, tag: u32): i32 {
  const items = tagItems(tag);
  if (items == 0) return 0;
  const st = thread(s);
  const rt = thread(r);
  const words = tagWords(tag);
  const nbuf = rt.br(0);
  for (let i: u32 = 0; i < items; i++) {
    const w0 = st.mr(words + 2 * i);
    if ((w0 & 0xf) != ITEM_MAP) return -Err.InvalidArg;
    const src = capSlotAddr(st.task, st.mr(words + 2 * i + 1));
    if (src == 0 || changetype<CapSlot>(src).obj == 0) return -Err.InvalidCap;
    if (i + 1 > nbuf || i + 1 >= BR_COUNT) return -Err.MsgCut;
    const dstIdx = rt.br(1 + i);
    const dst = capSlotAddr(rt.task, dstIdx);
    if (dst == 0 || changetype<CapSlot>(dst).obj != 0) return -Err.MsgCut;
    for (let j: u32 = 0; j < i; j++) if (rt.br(1 + j) == dstIdx) return -Err.MsgCut;
  }
  return 0;
}

/** Copies words and maps items from `s` to `r`; sets r's tag, label and sender. */
function transfer(s: usize, r: usize, tag: u32, label: u32): void {
  const st = thread(s);
  const rt = thread(r);
  const words = tagWords(tag);
  memory.copy(r + UTCB_MR, s + UTCB_MR, <usize>words << 2);
  const items = tagItems(tag);
  for (let i: u32 = 0; i < items; i++) {
    const w0 = st.mr(words + 2 * i);
    const src = capSlotAddr(st.task, st.mr(words + 2 * i + 1));
    const dstIdx = rt.br(1 + i);
    capMapSlot(src, capSlotAddr(rt.task, dstIdx), (w0 >> 4) & Rights.All);
    rt.setMr(words + 2 * i, ITEM_MAP | (changetype<CapSlot>(capSlotAddr(rt.task, dstIdx)).rights << 4));
    rt.setMr(words + 2 * i + 1, dstIdx);
  }
  rt.tag = tag;
  rt.label = label;
  rt.sender = st.handle;
}

/** Is `r` waiting for a message that `s` sends (through `gate`, 0 for a thread capability)? */
@inline function accepts(r: usize, s: usize, gate: usize): bool {
  const t = thread(r);
  if (t.state != ThreadState.BlockedOnReceive || (t.ipcFlags & IpcFlags.ReplyWait) != 0) return false;
  const w = t.waitObj;
  return w == 0 || w == s || (gate != 0 && w == gate);
}

/** s (having sent a call to r) now waits for r's reply; r replies to it by default. */
function enterReplyWait(s: usize, r: usize, timeout: f64): void {
  const st = thread(s);
  block(s, ThreadState.BlockedOnReceive, timeout);
  st.waitObj = r;
  st.ipcFlags = (st.ipcFlags & ~IpcFlags.IsCall) | IpcFlags.ReplyWait;
  replyQueueAppend(r, s);
  thread(r).replyTo = st.handle;
}

// ---- operations ----

// Destination of a send, resolved by resolveDest.
@lazy let dstThread: usize = 0;
@lazy let dstGate: usize = 0;
@lazy let dstLabel: u32 = 0;

function resolveDest(task: usize, cap: u32): i32 {
  const o = capLookup(task, cap, ObjType.None, 0);
  if (o < 0) return o;
  const p = <usize>o;
  const type = kobj(p).type;
  if (type == ObjType.Gate) {
    if (!hasRight(task, cap, Rights.W)) return -Err.NoRights;
    const g = changetype<Gate>(p);
    if (g.thread == 0) return -Err.NoPartner;
    dstThread = g.thread;
    dstGate = p;
    dstLabel = g.label;
    return 0;
  }
  if (type == ObjType.Thread) {
    if (!hasRight(task, cap, Rights.W)) return -Err.NoRights;
    dstThread = p;
    dstGate = 0;
    dstLabel = 0;
    return 0;
  }
  return -Err.WrongType;
}

@inline function hasRight(task: usize, cap: u32, right: u32): bool {
  return (changetype<CapSlot>(capSlotAddr(task, cap)).rights & right) != 0;
}

/**
 * Sends (isCall: and waits for the reply) from running thread `s` to the gate or thread that
 * `cap` names. Returns 0 (sent), -WouldBlock (s blocked), a negative error, or for a call whose
 * receiver became ready on s's CPU that receiver's handle (> 0): the host may run it at once.
 */
export function sendIpc(s: usize, cap: u32, tag: u32, timeout: f64, isCall: bool): i32 {
  const st = thread(s);
  if (st.state != ThreadState.Ready) return -Err.InvalidArg;
  if (!tagValid(tag) || !timeoutValid(timeout)) return setError(s, -Err.InvalidArg);
  const e = resolveDest(st.task, cap);
  if (e < 0) return setError(s, e);
  return sendTo(s, dstThread, dstGate, dstLabel, tag, timeout, isCall);
}

@inline function setError(p: usize, e: i32): i32 {
  thread(p).error = e;
  return e;
}

export function sendTo(s: usize, r: usize, gate: usize, label: u32, tag: u32, timeout: f64, isCall: bool): i32 {
  const st = thread(s);
  const rt = thread(r);
  if (rt.state == ThreadState.Dead) return setError(s, -Err.DeadPartner);
  if (r == s) return setError(s, -Err.InvalidArg);
  if (accepts(r, s, gate)) {
    const e = checkItems(s, r, tag);
    if (e < 0) return setError(s, e);
    transfer(s, r, tag, label);
    wake(r, 0);
    if (!isCall) return setError(s, 0);
    enterReplyWait(s, r, timeout);
    return rt.cpu == st.cpu ? <i32>rt.handle : -Err.WouldBlock;
  }
  if (timeout == 0) return setError(s, -Err.Timeout);
  block(s, ThreadState.BlockedOnSend, timeout);
  st.partner = r;
  st.sendGate = gate;
  st.sendLabel = label;
  st.sendTag = tag;
  if (isCall) st.ipcFlags = st.ipcFlags | IpcFlags.IsCall;
  sendQueueAppend(r, s);
  return -Err.WouldBlock;
}

/**
 * Receives into running thread `r`: from anyone (cap 0) or only from the thread, gate or IRQ
 * that `cap` names. Returns 0 (message in the UTCB), -WouldBlock or an error.
 */
export function receiveIpc(r: usize, cap: u32, timeout: f64): i32 {
  const rt = thread(r);
  if (rt.state != ThreadState.Ready) return -Err.InvalidArg;
  if (!timeoutValid(timeout)) return setError(r, -Err.InvalidArg);
  let from: usize = 0;
  if (cap != 0) {
    const o = capLookup(rt.task, cap, ObjType.None, Rights.R);
    if (o < 0) return setError(r, o);
    from = <usize>o;
    const type = kobj(from).type;
    if (type == ObjType.Gate) {
      if (changetype<Gate>(from).thread != r) return setError(r, -Err.InvalidArg);
    } else if (type == ObjType.Irq) {
      if (irq(from).thread != r) return setError(r, -Err.InvalidArg);
    } else if (type != ObjType.Thread) {
      return setError(r, -Err.WrongType);
    }
  }
  return receiveFrom(r, from, timeout);
}

function receiveFrom(r: usize, from: usize, timeout: f64): i32 {
  const rt = thread(r);
  let n = rt.sendHead;
  while (n != 0) {
    const next = kobj(n).qNext;
    if (kobj(n).type == ObjType.Irq) {
      if (from == 0 || from == n) {
        sendQueueRemove(r, n);
        irq(n).queued = 0;
        deliverIrq(n, r);
        return setError(r, 0);
      }
    } else {
      const s = thread(n);
      if (from == 0 || from == n || from == s.sendGate) {
        const tag = s.sendTag;
        const e = checkItems(n, r, tag);
        sendQueueRemove(r, n);
        if (e < 0) {
          wake(n, e);
        } else {
          transfer(n, r, tag, s.sendLabel);
          if ((s.ipcFlags & IpcFlags.IsCall) != 0) {
            // The sender's deadline, if any, keeps running into the reply wait.
            s.state = ThreadState.BlockedOnReceive;
            s.waitObj = r;
            s.ipcFlags = (s.ipcFlags & ~IpcFlags.IsCall) | IpcFlags.ReplyWait;
            s.error = -Err.WouldBlock;
            replyQueueAppend(r, n);
            rt.replyTo = s.handle;
          } else {
            wake(n, 0);
          }
          return setError(r, 0);
        }
      }
    }
    n = next;
  }
  if (timeout == 0) return setError(r, -Err.Timeout);
  block(r, ThreadState.BlockedOnReceive, timeout);
  rt.waitObj = from;
  return -Err.WouldBlock;
}

/** Sleeps: waits for nothing until the timeout (result Timeout) or a cancel (Canceled). */
export function sleepIpc(p: usize, timeout: f64): i32 {
  const t = thread(p);
  if (t.state != ThreadState.Ready) return -Err.InvalidArg;
  if (!timeoutValid(timeout)) return setError(p, -Err.InvalidArg);
  if (timeout == 0) return setError(p, -Err.Timeout);
  block(p, ThreadState.BlockedOnReceive, timeout);
  t.waitObj = WAIT_NOTHING;
  return -Err.WouldBlock;
}

/** Replies from `r` to the caller with handle `callerHandle` (0: r's last caller). */
export function replyIpc(r: usize, callerHandle: u32, tag: u32): i32 {
  const rt = thread(r);
  // A reply never blocks the replier, so it may come while r itself waits (deferred replies);
  // then r's UTCB error word belongs to that wait and is left alone.
  if (rt.state == ThreadState.Dead || rt.state == ThreadState.Inactive) return -Err.InvalidArg;
  const e = deliverReply(r, callerHandle, tag);
  if (rt.state == ThreadState.Ready) rt.error = e;
  return e;
}

function deliverReply(r: usize, callerHandle: u32, tag: u32): i32 {
  const rt = thread(r);
  if (!tagValid(tag)) return -Err.InvalidArg;
  const h = callerHandle != 0 ? callerHandle : rt.replyTo;
  if (h == 0) return -Err.NoPartner;
  if (h == rt.replyTo) rt.replyTo = 0;
  const c = objByHandle(h);
  if (c == 0 || kobj(c).type != ObjType.Thread) return -Err.NoPartner;
  const ct = thread(c);
  if (ct.state != ThreadState.BlockedOnReceive || (ct.ipcFlags & IpcFlags.ReplyWait) == 0 ||
      ct.waitObj != r) return -Err.NoPartner;
  const e = checkItems(r, c, tag);
  if (e < 0) return e;
  replyQueueRemove(r, c);
  transfer(r, c, tag, 0);
  if ((ct.ipcFlags & IpcFlags.InException) != 0) finishException(c);
  else wake(c, 0);
  return 0;
}

/** Replies to the last caller (if any; a vanished caller is not an error here), then waits openly. */
export function replyAndWaitIpc(r: usize, tag: u32, timeout: f64): i32 {
  const rt = thread(r);
  if (rt.state != ThreadState.Ready) return -Err.InvalidArg;
  if (!tagValid(tag) || !timeoutValid(timeout)) return setError(r, -Err.InvalidArg);
  if (rt.replyTo != 0) {
    const e = deliverReply(r, 0, tag);
    if (e < 0 && e != -Err.NoPartner) return setError(r, e);
  }
  return receiveFrom(r, 0, timeout);
}

/** Lets an IRQ deliver directly if its thread waits for it. */
export function irqReceiverWaiting(r: usize, i: usize): bool {
  const t = thread(r);
  if (t.state != ThreadState.BlockedOnReceive || (t.ipcFlags & IpcFlags.ReplyWait) != 0) return false;
  return t.waitObj == 0 || t.waitObj == i;
}

export function wakeReceiver(r: usize): void { wake(r, 0); }

export function queueIrq(r: usize, i: usize): void { sendQueueAppend(r, i); }

/** Host-requested end of a thread. */
export function killThreadNow(p: usize): void { killThread(p); }
