// Exception reflection: a trap becomes an IPC to the thread's exception handler, whose reply sets
// how the thread resumes (or kills it); without a handler the task is terminated.
import { describe, it, expect } from 'vitest';
import { KErr, ThreadState, TaskState, Proto, ResumeAction, Rights, msgTag, tagLabel, tagWords } from '../../src/kernel/kernel.js';
import { boot, runningThread } from './helpers.js';

describe('exceptions', () => {
  async function setup() {
    const k = await boot();
    const task = k.newTask();
    const handler = runningThread(k, 200);
    const t = runningThread(k, 100, 0, task);
    const sibling = runningThread(k, 100, 0, task);
    expect(k.map(k.rootTask, handler.cap, task.id, 5, Rights.W)).toBe(0);
    expect(k.setHandlers(t.id, 5)).toBe(0);
    expect(k.receive(handler.id)).toBe(-KErr.WouldBlock);
    return { k, task, handler, t, sibling };
  }

  it('is delivered to the handler as an exception IPC with the thread state', async () => {
    const { k, handler, t } = await setup();
    expect(k.raiseException(t.id, 3, 0x1234, 0xdead0)).toBe(handler.id);
    expect(k.threadState(t.id)).toBe(ThreadState.BlockedOnReceive);
    expect(k.result(handler.id)).toBe(0);
    expect(tagLabel(k.tag(handler.id))).toBe(Proto.Exception);
    expect(tagWords(k.tag(handler.id))).toBe(4);
    expect([...k.mrs(handler.id).subarray(0, 4)]).toEqual([3, 0x1234, 0xdead0, t.id]);
    expect(k.sender(handler.id)).toBe(t.id);
  });

  it('the handler reply sets the resume action (run signal handler N, then resume)', async () => {
    const { k, handler, t } = await setup();
    expect(k.raiseException(t.id, 1, 10, 20)).toBe(handler.id);
    k.writeMrs(handler.id, [ResumeAction.RunHandler, 17]);
    expect(k.replyAndWait(handler.id, msgTag(0, 2))).toBe(-KErr.WouldBlock);
    expect(k.threadState(t.id)).toBe(ThreadState.Ready);
    expect(k.result(t.id)).toBe(0);
    expect(k.resumeAction(t.id)).toBe(ResumeAction.RunHandler);
    expect(k.resumeArg(t.id)).toBe(17);
    // A second exception, plain resume by an empty reply.
    expect(k.raiseException(t.id, 2, 11, 21)).toBe(handler.id);
    expect(k.reply(handler.id, msgTag(0, 0))).toBe(0);
    expect(k.resumeAction(t.id)).toBe(ResumeAction.Resume);
    expect(k.threadState(t.id)).toBe(ThreadState.Ready);
  });

  it('the handler can kill the thread, or the whole task with the exception recorded', async () => {
    const { k, task, handler, t, sibling } = await setup();
    expect(k.raiseException(t.id, 1, 10, 20)).toBe(handler.id);
    k.writeMrs(handler.id, [ResumeAction.Kill]);
    expect(k.reply(handler.id, msgTag(0, 1))).toBe(0);
    expect(k.threadState(t.id)).toBe(ThreadState.Dead);
    expect(k.threadState(sibling.id)).toBe(ThreadState.Ready);
    expect(k.taskState(task.id)).toBe(TaskState.Alive);
    expect(k.setHandlers(sibling.id, 5)).toBe(0);
    expect(k.receive(handler.id)).toBe(-KErr.WouldBlock);
    expect(k.raiseException(sibling.id, 4, 40, 50)).toBe(handler.id);
    k.writeMrs(handler.id, [ResumeAction.KillTask]);
    expect(k.reply(handler.id, msgTag(0, 1))).toBe(0);
    expect(k.threadState(sibling.id)).toBe(ThreadState.Dead);
    expect(k.taskState(task.id)).toBe(TaskState.Terminated);
    expect(k.taskException(task.id)).toEqual({ kind: 4, pc: 40, addr: 50, thread: sibling.id });
  });

  it('without a handler the task is terminated with the exception recorded', async () => {
    const k = await boot();
    const task = k.newTask();
    const t = runningThread(k, 100, 0, task);
    const sibling = runningThread(k, 100, 0, task);
    expect(k.receive(sibling.id)).toBe(-KErr.WouldBlock);
    expect(k.taskException(task.id)).toBeUndefined();
    expect(k.raiseException(t.id, 6, 0x77, 0x88)).toBe(-KErr.Terminated);
    expect(k.taskState(task.id)).toBe(TaskState.Terminated);
    expect(k.taskException(task.id)).toEqual({ kind: 6, pc: 0x77, addr: 0x88, thread: t.id });
    expect(k.threadState(t.id)).toBe(ThreadState.Dead);
    expect(k.threadState(sibling.id)).toBe(ThreadState.Dead);
    // A terminated task gets no new threads or regions.
    const slot = k.findFreeCap(k.rootTask, 3);
    expect(k.createThread(k.rootTask, 1, slot, task.cap, 1, 0)).toBe(-KErr.Terminated);
    expect(k.attach(task.id, { addr: 0, size: 16, ds: 1 })).toBe(-KErr.Terminated);
  });

  it('a handler capability that is no thread, or a handler that dies, also terminates the task', async () => {
    const { k, task, handler, t } = await setup();
    const irqInTask = k.newIrq();
    expect(k.map(k.rootTask, irqInTask.cap, task.id, 6)).toBe(0);
    const u = runningThread(k, 100, 0, task);
    expect(k.setHandlers(u.id, 6)).toBe(0);
    expect(k.raiseException(t.id, 1, 2, 3)).toBe(handler.id);
    expect(k.kill(handler.id)).toBe(0);
    expect(k.taskState(task.id)).toBe(TaskState.Terminated);
    expect(k.taskException(task.id)).toEqual({ kind: 1, pc: 2, addr: 3, thread: t.id });
    expect(k.threadState(u.id)).toBe(ThreadState.Dead);
    const task2 = k.newTask();
    const w = runningThread(k, 100, 0, task2);
    expect(k.map(k.rootTask, irqInTask.cap, task2.id, 6)).toBe(0);
    expect(k.setHandlers(w.id, 6)).toBe(0);
    expect(k.raiseException(w.id, 9, 9, 9)).toBe(-KErr.Terminated);
    expect(k.taskState(task2.id)).toBe(TaskState.Terminated);
  });
});
