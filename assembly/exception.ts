// Exception reflection: the host reports a trap of a thread (kind, pc or function index, faulting
// address); the kernel turns it into a call from that thread to its exception handler thread
// (named by the thread's excHandler capability) with label Proto.Exception and
// MR0 = kind, MR1 = pc, MR2 = addr, MR3 = faulting thread's handle. The handler's reply
// (MR0 = ResumeAction, MR1 = argument) decides how the thread goes on; the host reads the action
// from the UTCB. Without a usable handler the thread's task is terminated with the exception
// recorded in the task object.
import { Err } from './errors';
import { ObjType } from './kobject';
import { Rights, capLookup } from './cap_space';
import { ThreadState, IpcFlags, thread, killThread } from './thread';
import { terminateTask } from './task';
import { Proto } from './irq';
import { sendTo, makeTag, tagWords } from './ipc';
import { readyEnqueue, timeoutCancel } from './scheduler';

/** How a thread continues after its exception was handled (written by the handler's reply). */
export enum ResumeAction {
  /** Retry / continue where it stopped. */
  Resume = 0,
  /** Run the handler at function-table index `arg` (e.g. a signal handler), then resume. */
  RunHandler = 1,
  /** Kill the thread. */
  Kill = 2,
  /** Terminate the thread's task with the exception recorded. */
  KillTask = 3,
}

/** Reflects an exception of running thread `p`; returns like a call (handoff handle, -WouldBlock). */
export function raiseException(p: usize, kind: u32, pc: u32, addr: u32): i32 {
  const t = thread(p);
  if (t.state != ThreadState.Ready || (t.ipcFlags & IpcFlags.InException) != 0) return -Err.InvalidArg;
  const h = capLookup(t.task, t.excHandler, ObjType.Thread, Rights.W);
  if (h < 0 || <usize>h == p || thread(<usize>h).state == ThreadState.Dead) {
    terminateTask(t.task, kind, pc, addr, t.handle);
    return -Err.Terminated;
  }
  t.excKind = kind;
  t.excPc = pc;
  t.excAddr = addr;
  t.setMr(0, kind);
  t.setMr(1, pc);
  t.setMr(2, addr);
  t.setMr(3, t.handle);
  t.ipcFlags = IpcFlags.InException;
  return sendTo(p, <usize>h, 0, t.handle, makeTag(Proto.Exception, 4, 0), -1, true);
}

/** The handler replied to exception thread `c` (already off every queue, reply in its MRs). */
export function finishException(c: usize): void {
  const t = thread(c);
  const words = tagWords(t.tag);
  const action = words >= 1 ? t.mr(0) : <u32>ResumeAction.Resume;
  const arg = words >= 2 ? t.mr(1) : 0;
  t.excAction = action;
  t.excArg = arg;
  t.ipcFlags = 0;
  t.waitObj = 0;
  timeoutCancel(c);
  if (action == ResumeAction.Kill) {
    t.state = ThreadState.Inactive;
    killThread(c);
  } else if (action == ResumeAction.KillTask) {
    t.state = ThreadState.Inactive;
    terminateTask(t.task, t.excKind, t.excPc, t.excAddr, t.handle);
  } else {
    t.error = 0;
    readyEnqueue(c);
  }
}

/** The exception IPC of `c` failed (handler died): terminate the task as if there were none. */
export function failException(c: usize): void {
  const t = thread(c);
  t.ipcFlags = 0;
  t.state = ThreadState.Inactive;
  terminateTask(t.task, t.excKind, t.excPc, t.excAddr, t.handle);
}
