// Several CPUs on one kernel: two worker threads doing 100,000 IPC round trips against the same
// kernel memory without losing or duplicating a message, and the main thread's async loop serving
// a worker.
import { describe, it, expect, beforeAll } from 'vitest';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { Kernel, ThreadState } from '../../src/kernel/kernel.js';
import { Cpu } from '../../src/kernel/cpu.js';
import { spawnCpuWorker, cpuWorkerDone } from '../../src/kernel/worker.js';
import { ServerLoop } from '../../src/l4re/server_loop.js';
import { msgTag } from '../../src/kernel/abi.js';
import type { IpcWorkerResult } from './fixtures/ipc_worker.js';
import { boot } from './helpers.js';

const workerFile = new URL('../../build/test-kernel/ipc_worker.mjs', import.meta.url);

beforeAll(async () => {
  await build({
    entryPoints: [fileURLToPath(new URL('./fixtures/ipc_worker.ts', import.meta.url))],
    bundle: true, platform: 'node', format: 'esm', outfile: fileURLToPath(workerFile), logLevel: 'warning',
  });
});

describe('cross-CPU IPC', () => {
  it('two workers: 100,000 calls, every sequence number exactly once', async () => {
    const k = await boot(3);
    const server = k.newThread({ prio: 100, cpu: 2 });
    const client = k.newThread({ prio: 100, cpu: 1 });
    const gate = k.newGate(server, 5);
    k.start(server.id);
    k.start(client.id);
    const n = 100_000;
    const ws = spawnCpuWorker(k, 2, workerFile, { role: 'server', thread: server.id });
    const wc = spawnCpuWorker(k, 1, workerFile, { role: 'client', thread: client.id, cap: gate.cap, n });
    const [c, s] = await Promise.all([cpuWorkerDone(wc), cpuWorkerDone(ws)]) as IpcWorkerResult[];
    console.log('cross-cpu ns', c.ns);
    expect(c).toMatchObject({ role: 'client', count: n, errors: 0 });
    expect(s).toMatchObject({ role: 'server', count: n, errors: 0 });
    expect(k.threadState(client.id)).toBe(ThreadState.Dead);
    expect(k.threadState(server.id)).toBe(ThreadState.BlockedOnReceive);
    expect(k.quiescent()).toBe(true);
  }, 30_000);

  it('the main thread async loop serves a client on a worker CPU', async () => {
    const k = await boot(2);
    const cpu = new Cpu(k);
    const loop = ServerLoop.start(k, cpu);
    let count = 0;
    let errors = 0;
    const reg = loop.registry.register({
      dispatch(msg) {
        if (msg.word(0) !== count) errors++;
        count++;
        msg.mrs[1] = count;
        return msgTag(0, 2);
      },
    });
    const client = k.newThread({ prio: 100, cpu: 1 });
    k.start(client.id);
    const n = 5000;
    const wc = spawnCpuWorker(k, 1, workerFile, { role: 'client', thread: client.id, cap: reg.cap, n });
    const done = cpuWorkerDone(wc);
    await cpu.run(); // ends when the client is done and everything is quiescent
    const c = await done as IpcWorkerResult;
    expect(c).toMatchObject({ count: n, errors: 0 });
    expect(count).toBe(n);
    expect(errors).toBe(0);
  }, 30_000);

  it('worker attach shares kernel objects; stop() reaches a sleeping worker CPU', async () => {
    const k = await boot(2);
    const server = k.newThread({ prio: 100, cpu: 1 });
    k.start(server.id);
    const ws = spawnCpuWorker(k, 1, workerFile, { role: 'server', thread: server.id });
    const done = cpuWorkerDone(ws);
    // The worker's server blocks in receive; a helper thread here keeps the machine from
    // looking quiescent until we stop CPU 1 from this thread.
    const helper = k.newThread({ cpu: 0 });
    k.start(helper.id);
    while (k.threadState(server.id) !== ThreadState.BlockedOnReceive) await new Promise((r) => setTimeout(r, 1));
    Kernel.attach(k.memory, k.module, 0).requestStop(1);
    expect(await done).toMatchObject({ role: 'server', count: 0 });
  }, 30_000);
});
