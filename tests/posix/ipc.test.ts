// POSIX IPC between programs of one machine (tests/posix/fixtures/ipc_peer.c): a socket pair's end
// as a spawned program's stdin and stdout, and named semaphores and shared memory between
// unrelated programs, one of them decoupled (its calls forwarded, its shared mapping kept
// coherent at its calls).
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../src/index.js';
import { build } from './run.js';

/** The program's wasm on the host (what Machine.spawn takes) and its bytes (installed as /bin/ipc_peer). */
let peerPath: string;
let peer: Uint8Array;
beforeAll(async () => {
  peerPath = await build('tests/posix/fixtures/ipc_peer.c');
  peer = readFileSync(peerPath);
}, 240_000);

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !cond() && Date.now() < end;) await tick(5);
}

describe('IPC between programs', () => {
  it('a socket pair end is a spawned program\'s stdin and stdout', async () => {
    const m = await Machine.boot({ programs: { '/bin/ipc_peer': peer } });
    try {
      const p = m.spawn(peerPath, { args: ['ipc_peer', 'spawn-echo'] });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe('socketpair: 0\nposix_spawn: 0\nback: stdin is a stream socket: 1\nHELLO OVER A SOCKET\nchild exit 0\n');
    } finally {
      await m.shutdown();
    }
  }, 60_000);

  it('WASI\'s sock_send, sock_recv, sock_shutdown and sock_accept on a socket pair', async () => {
    const m = await Machine.boot();
    try {
      const p = m.spawn(peerPath, { args: ['ipc_peer', 'wasi-sock'] });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe([
        'sock_send: 0, 12', 'sock_recv peek: 0, 7 "through", roflags 0', 'sock_recv: 0, 12 "through WASI"',
        'sock_shutdown WR: 0', 'sock_recv after shutdown: 0, 0', 'sock_accept is EINVAL: 1', 'sock_shutdown 0 is EINVAL: 1', '',
      ].join('\n'));
    } finally {
      await m.shutdown();
    }
  }, 60_000);

  for (const decoupled of [false, true]) {
    const how = decoupled ? 'decoupled' : 'multiplexed';
    it(`a named semaphore: a ${how} waiter blocks until another program posts`, async () => {
      const m = await Machine.boot({ programs: { '/bin/ipc_peer': peer } });
      try {
        const w = m.spawn(peerPath, { args: ['ipc_peer', 'sem-wait', '/l4wasm_ipc_test'], decouple: decoupled });
        await until(() => w.stdout.includes('waiting\n'));
        await tick(100);
        expect(w.stdout).toBe('waiting\n');
        const p = m.spawn(peerPath, { args: ['ipc_peer', 'sem-post', '/l4wasm_ipc_test'] });
        expect(await p.exit).toEqual({ code: 0 });
        expect(p.stdout).toBe('sem_post: 0\n');
        expect(await w.exit).toEqual({ code: 0 });
        expect(w.stdout).toBe('waiting\nsem_wait: 0\nsem_timedwait: -1 ETIMEDOUT\n');
      } finally {
        await m.shutdown();
      }
    }, 60_000);

    it(`shared memory: a ${how} reader sees what another program wrote once it is posted`, async () => {
      const m = await Machine.boot({ programs: { '/bin/ipc_peer': peer } });
      try {
        const r = m.spawn(peerPath, { args: ['ipc_peer', 'shm-wait-read', '/l4wasm_ipc_shm'], decouple: decoupled });
        await until(() => r.stdout.includes('ready\n'));
        const w = m.spawn(peerPath, { args: ['ipc_peer', 'shm-write-post', '/l4wasm_ipc_shm', 'written by another program'] });
        expect(await w.exit).toEqual({ code: 0 });
        expect(await r.exit).toEqual({ code: 0 });
        expect(r.stdout).toBe('ready\nread: written by another program\n');
      } finally {
        await m.shutdown();
      }
    }, 60_000);
  }
});
