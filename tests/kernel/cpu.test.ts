// The CPU loop and the server side: registry, server loop, the same-CPU fast path, blocking host
// threads that resume with their result, IRQ waits with timeouts, sleeping, quiescence, stop.
import { describe, it, expect } from 'vitest';
import { KErr, ThreadState, Timeout, Rights, msgTag, tagLabel, tagWords } from '../../src/kernel/kernel.js';
import type { Kernel, ThreadId, KRef } from '../../src/kernel/kernel.js';
import { Cpu, WOULD_BLOCK } from '../../src/kernel/cpu.js';
import type { HostThread } from '../../src/kernel/cpu.js';
import { ServerLoop } from '../../src/l4re/server_loop.js';
import { NO_REPLY } from '../../src/l4re/registry.js';
import type { Message, ServerObject } from '../../src/l4re/registry.js';
import { boot } from './helpers.js';

/** Adds MR0 + MR1 (op 1) or negates MR0 (op 2); counts its calls. */
class Adder implements ServerObject {
  calls = 0;
  dispatch(msg: Message): number {
    this.calls++;
    if (msg.op === 1) { msg.mrs[0] = msg.word(0) + msg.word(1); return msgTag(0, 1); }
    if (msg.op === 2) { msg.mrs[0] = -msg.word(0) >>> 0; return msgTag(0, 1); }
    return msgTag(-KErr.InvalidArg);
  }
}

/** A host thread that runs a script of steps; a step returning WOULD_BLOCK suspends it. */
class Script implements HostThread {
  private i = 0;
  resumed: number[] = [];
  constructor(private readonly k: Kernel, readonly t: ThreadId, private readonly steps: (() => number | void)[]) {}
  run(): void {
    if (this.i > 0 && this.k.result(this.t) !== WOULD_BLOCK) this.resumed.push(this.k.result(this.t));
    while (this.i < this.steps.length) {
      const r = this.steps[this.i++]();
      if (r === WOULD_BLOCK) return;
    }
    this.k.kill(this.t);
  }
}

function client(k: Kernel, cpu: Cpu, steps: (t: ThreadId) => (() => number | void)[], prio = 100): Script & { ref: KRef<ThreadId> } {
  const ref = k.newThread({ prio, cpu: cpu.id });
  const s = Object.assign(new Script(k, ref.id, steps(ref.id)), { ref });
  cpu.register(ref.id, s);
  k.start(ref.id);
  return s;
}

describe('CPU loop and server loop', () => {
  it('fast path: a call to a waiting server on the same CPU completes without suspending', async () => {
    const k = await boot();
    const cpu = new Cpu(k);
    const server = ServerLoop.start(k, cpu);
    const adder = new Adder();
    const gate = server.registry.register(adder);
    expect(gate.label).toBeGreaterThan(0);
    expect(cpu.step()).toBe(true); // the server thread runs once and waits
    expect(k.threadState(server.thread)).toBe(ThreadState.BlockedOnReceive);
    const c = k.newThread({ prio: 100 });
    expect(k.start(c.id)).toBe(0);
    for (let i = 0; i < 100; i++) {
      expect(cpu.call(c.id, gate.cap, msgTag(1, 2), [i, 1000])).toBe(0);
      expect(k.mr(c.id, 0)).toBe(i + 1000);
      expect(k.threadState(c.id)).toBe(ThreadState.Ready);
    }
    expect(adder.calls).toBe(100);
    expect(cpu.call(c.id, gate.cap, msgTag(2, 1), [5])).toBe(0);
    expect(k.mr(c.id, 0) | 0).toBe(-5);
    expect(tagLabel(k.tag(c.id))).toBe(0);
  });

  it('a message to a label nobody registered gets a clean error reply', async () => {
    const k = await boot();
    const cpu = new Cpu(k);
    const server = ServerLoop.start(k, cpu);
    const adder = new Adder();
    const reg = server.registry.register(adder);
    const stray = k.newGate(server.registry.thread, 4242);
    cpu.step();
    const c = k.newThread();
    k.start(c.id);
    expect(cpu.call(c.id, stray.cap, msgTag(1, 2), [1, 2])).toBe(0);
    expect(tagLabel(k.tag(c.id))).toBe(-KErr.NotFound);
    expect(tagWords(k.tag(c.id))).toBe(0);
    // Unregistering deletes the gate: every capability to it is gone.
    const task = k.newTask();
    expect(k.map(k.rootTask, reg.cap, task.id, 3, Rights.W)).toBe(0);
    expect(server.registry.unregister(adder)).toBe(true);
    expect(server.registry.unregister(adder)).toBe(false);
    expect(k.lookup(task.id, 3)).toBe(-KErr.InvalidCap);
    expect(cpu.call(c.id, reg.cap, msgTag(1, 2), [1, 2])).toBe(-KErr.InvalidCap);
    expect(adder.calls).toBe(0);
  });

  it('a client that must wait suspends and resumes with the result of its call', async () => {
    const k = await boot();
    const cpu = new Cpu(k);
    const server = ServerLoop.start(k, cpu);
    // Replies to a read only when a write came: a deferred reply.
    const pending: ThreadId[] = [];
    const pipe: ServerObject = {
      dispatch(msg) {
        if (msg.op === 1) { pending.push(msg.sender); return NO_REPLY; }
        const value = msg.word(0);
        for (const reader of pending.splice(0)) {
          k.setMr(server.thread, 0, value);
          expect(k.reply(server.thread, msgTag(0, 1), reader)).toBe(0);
        }
        return msgTag(0);
      },
    };
    const gate = server.registry.register(pipe);
    const reader = client(k, cpu, (t) => [
      () => cpu.call(t, gate.cap, msgTag(1)),
      () => { expect(k.mr(t, 0)).toBe(99); },
    ]);
    const writer = client(k, cpu, (t) => [() => cpu.call(t, gate.cap, msgTag(2, 1), [99])]);
    await cpu.run();
    expect(reader.resumed).toEqual([0]); // suspended once, resumed with success
    expect(writer.resumed).toEqual([]); // the fast path answered it at once
    expect(k.threadState(reader.ref.id)).toBe(ThreadState.Dead);
    expect(k.threadState(server.thread)).toBe(ThreadState.BlockedOnReceive);
  });

  it('round robin and priorities through the loop', async () => {
    const k = await boot();
    const cpu = new Cpu(k);
    const order: string[] = [];
    const spawn = (name: string, prio: number, n: number) => {
      const t = k.newThread({ prio });
      let left = n;
      cpu.register(t.id, { run() { order.push(name); if (--left === 0) k.kill(t.id); } });
      k.start(t.id);
    };
    spawn('a', 10, 3);
    spawn('b', 10, 3);
    spawn('c', 10, 3);
    spawn('H', 20, 2);
    await cpu.run();
    expect(order.join('')).toBe('HHabcabcabc');
  });

  it('waits for an IRQ with a timeout; the IRQ comes from host I/O and wakes the idle loop', async () => {
    const k = await boot();
    const cpu = new Cpu(k);
    const irq = k.newIrq();
    const release = cpu.hold(); // console input may still come
    const results: number[] = [];
    const t = client(k, cpu, (t) => [
      () => k.receive(t, irq.cap, 2000),       // nothing comes: times out
      () => { results.push(k.result(t)); return k.receive(t, irq.cap, 5_000_000); },
      () => { results.push(k.result(t), k.mr(t, 0), k.label(t)); release(); },
    ]);
    expect(k.attachIrq(irq.id, t.ref.id, 77)).toBe(0);
    const start = k.nowUs();
    setTimeout(() => { k.triggerIrq(irq.id); }, 30);
    await cpu.run();
    expect(results).toEqual([-KErr.Timeout, 0, 1, 77]);
    expect(k.nowUs() - start).toBeGreaterThanOrEqual(25_000);
    expect(k.nowUs() - start).toBeLessThan(2_000_000);
  });

  it('sleeps through the loop: wakes no earlier than asked', async () => {
    const k = await boot();
    const cpu = new Cpu(k);
    let woke = 0;
    const start = k.nowUs();
    client(k, cpu, (t) => [() => k.sleep(t, 20_000), () => { woke = k.nowUs(); expect(k.result(t)).toBe(-KErr.Timeout); }]);
    client(k, cpu, (t) => [() => k.sleep(t, 500), () => { expect(k.nowUs() - start).toBeGreaterThanOrEqual(500); }]);
    await cpu.run();
    expect(woke - start).toBeGreaterThanOrEqual(20_000);
    expect(woke - start).toBeLessThan(500_000);
  });

  it('ends when no thread can ever run, and on stop(); yields to the event loop while busy', async () => {
    const k = await boot();
    const cpu = new Cpu(k, { sliceMs: 1 });
    const t = k.newThread();
    let runs = 0;
    let immediates = 0;
    cpu.register(t.id, { run() { runs++; const e = performance.now() + 0.2; while (performance.now() < e) { /* work */ } } });
    k.start(t.id);
    const tick = () => { immediates++; if (immediates < 1000) setImmediate(tick); };
    setImmediate(tick);
    setTimeout(() => cpu.stop(), 30);
    await cpu.run();
    expect(runs).toBeGreaterThan(10);
    expect(immediates).toBeGreaterThan(3); // the event loop got through
    expect(k.threadState(t.id)).toBe(ThreadState.Ready);
    // Blocked forever with nothing held: the loop sees quiescence and ends.
    expect(k.sleep(t.id, Timeout.Never)).toBe(-KErr.WouldBlock);
    await cpu.run();
    expect(k.quiescent()).toBe(true);
  });

  it('a host thread that throws is killed and reported', async () => {
    const k = await boot();
    const errors: unknown[] = [];
    const cpu = new Cpu(k, { onError: (t, e) => errors.push([t, (e as Error).message]) });
    const t = k.newThread();
    cpu.register(t.id, { run() { throw new Error('boom'); } });
    k.start(t.id);
    await cpu.run();
    expect(errors).toEqual([[t.id, 'boom']]);
    expect(k.threadState(t.id)).toBe(ThreadState.Dead);
    const cpu2 = new Cpu(k);
    const u = k.newThread();
    cpu2.register(u.id, { run() { throw new Error('loud'); } });
    k.start(u.id);
    await expect(cpu2.run()).rejects.toThrow('loud');
  });
});
