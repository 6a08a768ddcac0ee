// The proxy driver and a split service on it: a key-value store task (examples/l4/kv_server.c)
// and a guest client (examples/l4/kv_client.c) through /dev/l4shm/kv: rings in the shared
// window, write() rings the task, read()/poll() wait for its notification. The answers equal the
// same store used in-process; killing either side wakes the other with an error.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import type { L4Task } from '../../src/guest/l4_task.js';
import { spawnSync } from 'node:child_process';

const examples = join(import.meta.dirname, '..', '..', 'examples', 'l4');
let server: string;
let client: string;
beforeAll(async () => {
  server = await compileCached(join(examples, 'kv_server.c'));
  client = await compileCached(join(examples, 'kv_client.c'));
}, 240_000);

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
}

async function withKv(fn: (m: Machine, task: L4Task) => Promise<void>): Promise<void> {
  const m = await Machine.boot();
  try {
    m.l4.proxy('kv', 16384);
    const task = await m.startTask(server, { caps: { kv: { object: 'kv', server: true } } });
    await until(() => task.log.includes('ready'), 'the server');
    await fn(m, task);
  } finally {
    await m.shutdown();
  }
}

/** A deterministic mix of 600 commands over 50 keys. */
function script(): string {
  const lines: string[] = [];
  let x = 12345;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < 600; i++) {
    const key = `key${next() % 50}`;
    const r = next() % 10;
    if (r < 4) lines.push(`put ${key} value ${i} of ${key}`);
    else if (r < 8) lines.push(`get ${key}`);
    else if (r < 9) lines.push(`del ${key}`);
    else lines.push('count');
  }
  return lines.join('\n') + '\n';
}

describe('proxy driver: the key-value split service', () => {
  it('answers 600 requests through the shared ring exactly as the same store in-process', async () => {
    await withKv(async (m, task) => {
      const input = script() + 'count\n';
      const local = m.spawn(client, { args: ['kv_client', '--local'], stdin: input });
      const proxied = m.spawn(client, { args: ['kv_client'], stdin: input });
      expect(await local.exit).toEqual({ code: 0 });
      expect(await proxied.exit).toEqual({ code: 0 });
      expect(proxied.stderr).toBe('');
      expect(proxied.stdout.split('\n').length).toBe(602);
      expect(proxied.stdout).toBe(local.stdout);
      // The store lives in the task: a second client sees what the first left.
      const count = local.stdout.trim().split('\n').pop();
      expect(count).toMatch(/^count = \d+$/);
      const again = m.spawn(client, { args: ['kv_client'], stdin: 'count\n' });
      expect(await again.exit).toEqual({ code: 0 });
      expect(again.stdout).toBe(`${count}\n`);
      expect(task.log).toContain('client hung up (ipc error 7), 601 requests served\n'); // L4_IPC_RECANCELED
    });
  });

  it('the key-value task on a core of its own (decoupled) answers through the same window', async () => {
    const m = await Machine.boot();
    try {
      m.l4.proxy('kv', 16384);
      const task = await m.startTask(server, { decouple: true, caps: { kv: { object: 'kv', server: true } } });
      await until(() => task.log.includes('ready'), 'the server');
      const input = script().split('\n').slice(0, 60).join('\n') + '\ncount\n';
      const local = m.spawn(client, { args: ['kv_client', '--local'], stdin: input });
      const proxied = m.spawn(client, { args: ['kv_client'], stdin: input });
      expect(await proxied.exit).toEqual({ code: 0 });
      expect(await local.exit).toEqual({ code: 0 });
      expect(proxied.stdout).toBe(local.stdout);
    } finally {
      await m.shutdown();
    }
  });

  it('killing the task wakes a guest blocked in poll; read then fails with EPIPE', async () => {
    await withKv(async (m, task) => {
      const p = m.spawn(client, { args: ['kv_client', '--wait'] });
      await until(() => p.stdout.includes('waiting'), 'the client');
      await new Promise((r) => setTimeout(r, 30));
      task.kill();
      expect(await p.exit).toEqual({ code: 1 });
      expect(p.stdout).toBe('poll now: 0\nwaiting\npoll: 1 readable\nread: Broken pipe\n');
    });
  });

  it('killing the guest wakes the task waiting for its doorbell with an IPC error; the next client is served', async () => {
    await withKv(async (m, task) => {
      const p = m.spawn(client, { args: ['kv_client', '--wait'] });
      await until(() => p.stdout.includes('waiting'), 'the client');
      p.kill('SIGKILL');
      expect((await p.exit).signal).toBe(9);
      await until(() => task.log.includes('hung up'), 'the task to notice');
      expect(task.log).toBe('kv_server: ready\nkv_server: client hung up (ipc error 7), 0 requests served\n');
      const q = m.spawn(client, { args: ['kv_client'], stdin: 'put x 1\nget x\n' });
      expect(await q.exit).toEqual({ code: 0 });
      expect(q.stdout).toBe('ok\nx = 1\n');
      expect(task.ended).toBe(false);
    });
  });

  it('the guest reaches the proxy only through its device; a mapping past the window fails', async () => {
    const m = await Machine.boot();
    try {
      m.l4.proxy('kv', 4096);
      expect(m.l4.getForGuest('kv')).toBeUndefined();
      expect(m.l4.getForGuest('kv.req')).toBeUndefined();
      expect(m.l4.get('kv.req')?.kind).toBe('irq');
      // The client's window (two rings, 8448 bytes) does not fit into a 4 KiB proxy.
      const p = m.spawn(client, { args: ['kv_client'], stdin: '' });
      expect(await p.exit).toEqual({ code: 1 });
      expect(p.stderr).toBe('kv_client: mmap: No such device or address\n');
    } finally {
      await m.shutdown();
    }
  });

  it('l4wasm run --proxy kv:16K --task kv_server --cap kv:server runs the split service from the command line', () => {
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'l4wasm.js');
    const r = spawnSync(process.execPath, [bin, 'run', '-q', '--proxy', 'kv:16K', '--task', server, '--cap', 'kv:server', client],
      { input: 'put a hello\nget a\ncount\n', encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('ok\na = hello\ncount = 1\n');
    expect(r.stderr).toContain('kv_server: ready\n');
  });
});
