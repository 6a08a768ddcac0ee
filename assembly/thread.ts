// Thread: the unit of execution the kernel schedules. Its control block holds the scheduling and
// IPC state; its UTCB (user thread control block) holds the message and buffer registers and the
// results the host reads after an operation, without entering the kernel.
import { objAddKernRef, kobj } from './kobject';
import { OBJ_HEADER_SIZE } from './config';
import { Task, taskUnlinkThread } from './task';
import { DEFAULT_QUANTUM_US } from './config';
import { Err } from './errors';
import { abortIpc } from './ipc';
import { readyDequeue, timeoutCancel } from './scheduler';

export enum ThreadState { Inactive = 0, Ready = 1, BlockedOnSend = 2, BlockedOnReceive = 3, Dead = 4 }

/** ex_regs flags. */
export enum ExRegsFlags { Cancel = 1 }

/** Why a thread is in an IPC: a pending call, an exception reflected to the handler, a reply wait. */
export enum IpcFlags { IsCall = 1, InException = 2, ReplyWait = 4 }

// Thread object (1 KiB block):
//
//     0 +-----------------------------------------------+
//       | object header (32; qNext/qPrev: sender queue) |
//    32 | task       u32                                |
//    36 | taskNext   u32   threads of the same task     |
//    40 | state u8 | prio u8 | cpu u8 | ipcFlags u8     |
//    44 | rqNext     u32   ready queue of its CPU       |
//    48 | rqPrev     u32                                |
//    52 | tqNext     u32   timeout queue of its CPU     |
//    56 | tqPrev     u32                                |
//    60 | partner    u32   receiver it is queued at     |
//    64 | deadline   f64   absolute µs; 0: none armed   |
//    72 | quantum    f64   time slice, µs               |
//    80 | sliceLeft  f64                                |
//    88 | cpuTime    f64   µs spent running             |
//    96 | sendHead   u32   senders queued to it         |
//   100 | sendTail   u32                                |
//   104 | replyTo    u32   handle of the caller to reply to by default
//   108 | waitObj    u32   closed wait: thread/gate/IRQ; 0 open; 1 nothing (sleep)
//   112 | sendGate   u32   gate of its pending send     |
//   116 | sendLabel  u32   label delivered with it      |
//   120 | sendTag    u32                                |
//   124 | excHandler u32   capability slot in its task  |
//   128 | pager      u32   capability slot in its task  |
//   132 | replyHead  u32   callers waiting for its reply (via qNext/qPrev)
//   136 | replyTail  u32                                |
//   140 | excKind    u32   } the exception being reflected (kept: the reply overwrites the MRs)
//   144 | excPc      u32   }
//   148 | excAddr    u32   }
//   256 +--- UTCB ----------------------------- (ABI) -+
//       | MR[0..63]  u32   message registers           |
//   512 | BR[0..15]  u32   buffer registers: BR[0] = n, BR[1..n] = slots for received capabilities
//   576 | tag        i32   tag of the received message |
//   580 | label      u32   gate/IRQ label of it         |
//   584 | error      i32   result of the last operation; -WouldBlock while blocked
//   588 | sender     u32   handle of the sender (0: IRQ)|
//   592 | excAction  u32   resume action from the exception handler
//   596 | excArg     u32                                |
//   640 +-----------------------------------------------+
@inline const TH_TASK: usize = OBJ_HEADER_SIZE;
@inline const TH_TASKNEXT: usize = 36;
@inline export const TH_STATE: usize = 40;
@inline export const TH_PRIO: usize = 41;
@inline export const TH_CPU: usize = 42;
@inline const TH_IPCFLAGS: usize = 43;
@inline const TH_RQNEXT: usize = 44;
@inline const TH_RQPREV: usize = 48;
@inline const TH_TQNEXT: usize = 52;
@inline const TH_TQPREV: usize = 56;
@inline export const TH_PARTNER: usize = 60;
@inline const TH_DEADLINE: usize = 64;
@inline const TH_QUANTUM: usize = 72;
@inline export const TH_SLICELEFT: usize = 80;
@inline export const TH_CPUTIME: usize = 88;
@inline export const TH_SENDHEAD: usize = 96; // sendTail follows: a queue's head/tail pair
@inline const TH_SENDTAIL: usize = 100;
@inline const TH_REPLYTO: usize = 104;
@inline export const TH_WAITOBJ: usize = 108;
@inline const TH_SENDGATE: usize = 112;
@inline const TH_SENDLABEL: usize = 116;
@inline const TH_SENDTAG: usize = 120;
@inline const TH_EXCHANDLER: usize = 124;
@inline const TH_PAGER: usize = 128;
@inline export const TH_REPLYHEAD: usize = 132; // replyTail follows
@inline const TH_REPLYTAIL: usize = 136;
@inline const TH_EXCKIND: usize = 140;
@inline const TH_EXCPC: usize = 144;
@inline const TH_EXCADDR: usize = 148;
@inline export const UTCB: usize = 256;
@inline export const UTCB_MR: usize = UTCB;
@inline export const UTCB_BR: usize = UTCB + 256;
@inline export const UTCB_TAG: usize = UTCB + 320;
@inline export const UTCB_LABEL: usize = UTCB + 324;
@inline export const UTCB_ERROR: usize = UTCB + 328;
@inline export const UTCB_SENDER: usize = UTCB + 332;
@inline export const UTCB_EXC_ACTION: usize = UTCB + 336;
@inline export const UTCB_EXC_ARG: usize = UTCB + 340;
@inline export const THREAD_OBJ_SIZE: usize = 640;

@unmanaged export class Thread {
  @inline get ptr(): usize { return changetype<usize>(this); }
  @inline get handle(): u32 { return kobj(changetype<usize>(this)).handle; }
  @inline get task(): usize { return load<usize>(changetype<usize>(this), TH_TASK); }
  @inline get taskNext(): usize { return load<usize>(changetype<usize>(this), TH_TASKNEXT); }
  @inline set taskNext(v: usize) { store<usize>(changetype<usize>(this), v, TH_TASKNEXT); }
  @inline get state(): ThreadState { return load<u8>(changetype<usize>(this), TH_STATE); }
  @inline set state(v: ThreadState) { store<u8>(changetype<usize>(this), <u8>v, TH_STATE); }
  @inline get prio(): u32 { return load<u8>(changetype<usize>(this), TH_PRIO); }
  @inline set prio(v: u32) { store<u8>(changetype<usize>(this), <u8>v, TH_PRIO); }
  @inline get cpu(): u32 { return load<u8>(changetype<usize>(this), TH_CPU); }
  @inline set cpu(v: u32) { store<u8>(changetype<usize>(this), <u8>v, TH_CPU); }
  @inline get ipcFlags(): u32 { return load<u8>(changetype<usize>(this), TH_IPCFLAGS); }
  @inline set ipcFlags(v: u32) { store<u8>(changetype<usize>(this), <u8>v, TH_IPCFLAGS); }
  @inline get rqNext(): usize { return load<usize>(changetype<usize>(this), TH_RQNEXT); }
  @inline set rqNext(v: usize) { store<usize>(changetype<usize>(this), v, TH_RQNEXT); }
  @inline get rqPrev(): usize { return load<usize>(changetype<usize>(this), TH_RQPREV); }
  @inline set rqPrev(v: usize) { store<usize>(changetype<usize>(this), v, TH_RQPREV); }
  @inline get tqNext(): usize { return load<usize>(changetype<usize>(this), TH_TQNEXT); }
  @inline set tqNext(v: usize) { store<usize>(changetype<usize>(this), v, TH_TQNEXT); }
  @inline get tqPrev(): usize { return load<usize>(changetype<usize>(this), TH_TQPREV); }
  @inline set tqPrev(v: usize) { store<usize>(changetype<usize>(this), v, TH_TQPREV); }
  @inline get partner(): usize { return load<usize>(changetype<usize>(this), TH_PARTNER); }
  @inline set partner(v: usize) { store<usize>(changetype<usize>(this), v, TH_PARTNER); }
  @inline get deadline(): f64 { return load<f64>(changetype<usize>(this), TH_DEADLINE); }
  @inline set deadline(v: f64) { store<f64>(changetype<usize>(this), v, TH_DEADLINE); }
  @inline get quantum(): f64 { return load<f64>(changetype<usize>(this), TH_QUANTUM); }
  @inline set quantum(v: f64) { store<f64>(changetype<usize>(this), v, TH_QUANTUM); }
  @inline get sliceLeft(): f64 { return load<f64>(changetype<usize>(this), TH_SLICELEFT); }
  @inline set sliceLeft(v: f64) { store<f64>(changetype<usize>(this), v, TH_SLICELEFT); }
  @inline get cpuTime(): f64 { return load<f64>(changetype<usize>(this), TH_CPUTIME); }
  @inline set cpuTime(v: f64) { store<f64>(changetype<usize>(this), v, TH_CPUTIME); }
  @inline get sendHead(): usize { return load<usize>(changetype<usize>(this), TH_SENDHEAD); }
  @inline set sendHead(v: usize) { store<usize>(changetype<usize>(this), v, TH_SENDHEAD); }
  @inline get sendTail(): usize { return load<usize>(changetype<usize>(this), TH_SENDTAIL); }
  @inline set sendTail(v: usize) { store<usize>(changetype<usize>(this), v, TH_SENDTAIL); }
  @inline get replyTo(): u32 { return load<u32>(changetype<usize>(this), TH_REPLYTO); }
  @inline set replyTo(v: u32) { store<u32>(changetype<usize>(this), v, TH_REPLYTO); }
  @inline get waitObj(): usize { return load<usize>(changetype<usize>(this), TH_WAITOBJ); }
  @inline set waitObj(v: usize) { store<usize>(changetype<usize>(this), v, TH_WAITOBJ); }
  @inline get sendGate(): usize { return load<usize>(changetype<usize>(this), TH_SENDGATE); }
  @inline set sendGate(v: usize) { store<usize>(changetype<usize>(this), v, TH_SENDGATE); }
  @inline get sendLabel(): u32 { return load<u32>(changetype<usize>(this), TH_SENDLABEL); }
  @inline set sendLabel(v: u32) { store<u32>(changetype<usize>(this), v, TH_SENDLABEL); }
  @inline get sendTag(): u32 { return load<u32>(changetype<usize>(this), TH_SENDTAG); }
  @inline set sendTag(v: u32) { store<u32>(changetype<usize>(this), v, TH_SENDTAG); }
  @inline get excHandler(): u32 { return load<u32>(changetype<usize>(this), TH_EXCHANDLER); }
  @inline set excHandler(v: u32) { store<u32>(changetype<usize>(this), v, TH_EXCHANDLER); }
  @inline get pager(): u32 { return load<u32>(changetype<usize>(this), TH_PAGER); }
  @inline set pager(v: u32) { store<u32>(changetype<usize>(this), v, TH_PAGER); }
  @inline get replyHead(): usize { return load<usize>(changetype<usize>(this), TH_REPLYHEAD); }
  @inline set replyHead(v: usize) { store<usize>(changetype<usize>(this), v, TH_REPLYHEAD); }
  @inline get replyTail(): usize { return load<usize>(changetype<usize>(this), TH_REPLYTAIL); }
  @inline set replyTail(v: usize) { store<usize>(changetype<usize>(this), v, TH_REPLYTAIL); }
  @inline get excKind(): u32 { return load<u32>(changetype<usize>(this), TH_EXCKIND); }
  @inline set excKind(v: u32) { store<u32>(changetype<usize>(this), v, TH_EXCKIND); }
  @inline get excPc(): u32 { return load<u32>(changetype<usize>(this), TH_EXCPC); }
  @inline set excPc(v: u32) { store<u32>(changetype<usize>(this), v, TH_EXCPC); }
  @inline get excAddr(): u32 { return load<u32>(changetype<usize>(this), TH_EXCADDR); }
  @inline set excAddr(v: u32) { store<u32>(changetype<usize>(this), v, TH_EXCADDR); }
  // UTCB
  @inline mr(i: u32): u32 { return load<u32>(changetype<usize>(this) + (<usize>i << 2), UTCB_MR); }
  @inline setMr(i: u32, v: u32): void { store<u32>(changetype<usize>(this) + (<usize>i << 2), v, UTCB_MR); }
  @inline br(i: u32): u32 { return load<u32>(changetype<usize>(this) + (<usize>i << 2), UTCB_BR); }
  @inline get tag(): u32 { return load<u32>(changetype<usize>(this), UTCB_TAG); }
  @inline set tag(v: u32) { store<u32>(changetype<usize>(this), v, UTCB_TAG); }
  @inline set label(v: u32) { store<u32>(changetype<usize>(this), v, UTCB_LABEL); }
  @inline get error(): i32 { return load<i32>(changetype<usize>(this), UTCB_ERROR); }
  // Atomic: another CPU may spin on this word and then read the message registers written before it.
  @inline set error(v: i32) { atomic.store<i32>(changetype<usize>(this), v, UTCB_ERROR); }
  @inline set sender(v: u32) { store<u32>(changetype<usize>(this), v, UTCB_SENDER); }
  @inline set excAction(v: u32) { store<u32>(changetype<usize>(this), v, UTCB_EXC_ACTION); }
  @inline set excArg(v: u32) { store<u32>(changetype<usize>(this), v, UTCB_EXC_ARG); }
}

@inline export function thread(p: usize): Thread { return changetype<Thread>(p); }

export function initThread(p: usize, task: usize, prio: u32, cpu: u32): void {
  const t = thread(p);
  store<usize>(p, task, TH_TASK);
  t.prio = prio;
  t.cpu = cpu;
  t.state = ThreadState.Inactive;
  t.quantum = DEFAULT_QUANTUM_US;
  t.sliceLeft = DEFAULT_QUANTUM_US;
  const tk = changetype<Task>(task);
  t.taskNext = tk.threads;
  tk.threads = p;
  objAddKernRef(task);
}

/** Ends a thread: aborts its IPC (partners see DeadPartner) and takes it off every queue. */
export function killThread(p: usize): void {
  const t = thread(p);
  if (t.state == ThreadState.Dead) return;
  abortIpc(p);
  if (t.state == ThreadState.Ready) readyDequeue(p);
  timeoutCancel(p);
  t.state = ThreadState.Dead;
  t.error = -Err.DeadPartner; // what the host reading a dead thread's result sees
}

export function destroyThread(p: usize): void {
  killThread(p);
}

export function releaseThread(p: usize): u32 {
  taskUnlinkThread(thread(p).task, p);
  return <u32>THREAD_OBJ_SIZE;
}
