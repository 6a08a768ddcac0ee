// Native L4 tasks beside the guest: the echo server (examples/l4/echo_server.c) runs as a task
// with only the capabilities its configuration names and logs through its log capability; a guest
// client (examples/l4/echo_client.c) reaches it over plain IPC. Killing either side wakes the
// other with an error, never a hang.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import type { L4Task } from '../../src/guest/l4_task.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseRunArgs } from '../../src/cli/run.js';

const examples = join(import.meta.dirname, '..', '..', 'examples', 'l4');
let server: string;
let client: string;
beforeAll(async () => {
  server = await compileCached(join(examples, 'echo_server.c'));
  client = await compileCached(join(examples, 'echo_client.c'));
}, 240_000);

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
}

async function withServer(fn: (m: Machine, task: L4Task) => Promise<void>): Promise<void> {
  const m = await Machine.boot();
  try {
    m.l4.channel('echo');
    const task = await m.startTask(server, { caps: { echo: { object: 'echo', server: true } } });
    await until(() => task.log.includes('ready'), 'the server');
    await fn(m, task);
  } finally {
    await m.shutdown();
  }
}

describe('native L4 tasks', () => {
  it('a guest client calls the echo server task over IPC; the task logs through its log capability', async () => {
    await withServer(async (m, task) => {
      const run = async (...args: string[]) => {
        const p = m.spawn(client, { args: ['echo_client', ...args] });
        expect(await p.exit).toEqual({ code: 0 });
        return p.stdout;
      };
      expect(await run('upper', 'hello, l4 task')).toBe('HELLO, L4 TASK\n');
      expect(await run('sum', '64')).toBe(`${(64 * 65) / 2}\n`);
      expect(await run('calls', '500')).toMatch(/^500 calls, [\d.]+ us per round trip\n$/);
      expect(await run('quit')).toBe('quit: 0\n');
      expect(await task.exit).toEqual({ code: 0 });
      expect(task.log).toBe('echo_server: ready\necho_server: served 503 requests, quitting\n');
    });
  });

  it('a decoupled guest (its calls forwarded to the vCPU) reaches the task the same way', async () => {
    await withServer(async (m) => {
      const p = m.spawn(client, { args: ['echo_client', 'upper', 'from a worker'], decouple: true });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe('FROM A WORKER\n');
    });
  });

  it('a task on a core of its own (decoupled) serves the same way, and killing it wakes a held caller', async () => {
    const m = await Machine.boot();
    try {
      m.l4.channel('echo');
      const task = await m.startTask(server, { decouple: true, caps: { echo: { object: 'echo', server: true } } });
      await until(() => task.log.includes('ready'), 'the server');
      const p = m.spawn(client, { args: ['echo_client', 'sum', '10'] });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe('55\n');
      const q = m.spawn(client, { args: ['echo_client', 'hold'] });
      await until(() => task.log.includes('holding a caller'), 'the held call');
      task.kill();
      expect(await q.exit).toEqual({ code: 0 });
      expect(q.stdout).toBe('hold: ipc error 15\n');
    } finally {
      await m.shutdown();
    }
  });

  it('a task sees only the capabilities it was given', async () => {
    const m = await Machine.boot();
    try {
      m.l4.channel('echo');
      const task = await m.startTask(server, { caps: {} });
      expect(await task.exit).toEqual({ code: 1 });
      expect(task.log).toBe('echo_server: no capability "echo"\n');
      // A client's capability (no server rights) cannot serve the channel.
      const t2 = await m.startTask(server, { caps: { echo: 'echo' } });
      expect(await t2.exit).toEqual({ code: 1 });
      expect(t2.log).toBe('echo_server: cannot serve "echo": -1\n');
      await expect(m.startTask(server, { caps: { echo: 'nothing' } })).rejects.toThrow(/has no "nothing"/);
    } finally {
      await m.shutdown();
    }
  });

  it('killing the server task wakes a client blocked in a call to it with an IPC error', async () => {
    await withServer(async (m, task) => {
      const p = m.spawn(client, { args: ['echo_client', 'hold'] });
      await until(() => task.log.includes('holding a caller'), 'the held call');
      task.kill();
      expect(await task.exit).toMatchObject({ code: 137 });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe('hold: ipc error 15\n'); // L4_IPC_REABORTED: the partner died
    });
  });

  it('SIGTERM ends a guest blocked in a call the server never answers (the IPC is canceled)', async () => {
    await withServer(async (m, task) => {
      const p = m.spawn(client, { args: ['echo_client', 'hold'] });
      await until(() => task.log.includes('holding a caller'), 'the held call');
      p.kill('SIGTERM');
      expect(await p.exit).toEqual({ code: 143, signal: 15 });
      expect(task.ended).toBe(false);
    });
  });

  it('after the server task is killed, a client\'s next call fails with an IPC error', async () => {
    await withServer(async (m, task) => {
      const p = m.spawn(client, { args: ['echo_client', 'until-error'] });
      await until(() => p.stdout.includes('first call answered'), 'the first answer');
      task.kill();
      expect(await task.exit).toMatchObject({ code: 137 });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe('first call answered\nipc error 4 after some calls\n'); // L4_IPC_ENOT_EXISTENT
    });
  });

  it('killing a client leaves the server serving the next one', async () => {
    await withServer(async (m) => {
      const p = m.spawn(client, { args: ['echo_client', 'until-error'] });
      await until(() => p.stdout.includes('first call answered'), 'the first answer');
      p.kill('SIGKILL');
      expect((await p.exit).signal).toBe(9);
      const q = m.spawn(client, { args: ['echo_client', 'sum', '3'] });
      expect(await q.exit).toEqual({ code: 0 });
      expect(q.stdout).toBe('6\n');
    });
  });

  it('l4wasm run --task FILE --cap NAME:server starts the task beside the program; its log goes to stderr', async () => {
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'l4wasm.js');
    const { stdout, stderr } = await promisify(execFile)(process.execPath,
      [bin, 'run', '-q', '--task', server, '--cap', 'echo:server', client, 'upper', 'from the cli']);
    expect(stdout).toBe('FROM THE CLI\n');
    expect(stderr).toBe('echo_server: ready\n');
    const own = await promisify(execFile)(process.execPath,
      [bin, 'run', '-q', '--task-core', '--task', server, '--cap', 'echo:server', client, 'upper', 'own core']);
    expect(own.stdout).toBe('OWN CORE\n');
  });

  it('run\'s L4 options say what is wrong with them', () => {
    expect(parseRunArgs(['--cap', 'echo', 'p.wasm'])).toBe('--cap names capabilities for --task: give a --task');
    expect(parseRunArgs(['--task', '/nonexistent.wasm', 'p.wasm'])).toBe('--task /nonexistent.wasm: no such file');
    expect(parseRunArgs(['--task', server, '--cap', 'a:b', 'p.wasm'])).toBe('--cap a:b: expected NAME or NAME:server');
    expect(parseRunArgs(['--task', server, '--shm', 'ring', 'p.wasm'])).toBe('--shm ring: expected NAME:SIZE such as ring:64K');
    expect(parseRunArgs(['--task', server, '--shm', 'ring:64K', '--cap', 'echo:server', 'p.wasm'])).toMatchObject({
      l4: { tasks: [server], caps: [{ name: 'echo', server: true }], irqs: [], shms: [{ name: 'ring', size: 65536 }], proxies: [] },
    });
  });
});
