// Named AF_UNIX sockets between unrelated programs of one machine (tests/posix/fixtures/unix_peer.c):
// a stream server (multiplexed or decoupled) that several spawned client programs connect to, a
// datagram server answering its clients by their names, and bind on a host mount, which l4wasm
// refuses rather than make a file on the host. What a forked server and its clients do, compared
// with Linux, is tests/posix/fixtures/unix_socket.c in compared_with_linux.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { build, run } from './run.js';

let peer: string;
beforeAll(async () => { peer = await build('tests/posix/fixtures/unix_peer.c'); }, 240_000);

const hostDirs: string[] = [];
afterAll(() => { for (const d of hostDirs) rmSync(d, { recursive: true, force: true }); });

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !cond() && Date.now() < end;) await tick(5);
}

describe('named AF_UNIX sockets between programs', () => {
  for (const decouple of [false, true]) {
    it(`a ${decouple ? 'decoupled' : 'multiplexed'} stream server and three client programs`, async () => {
      const m = await Machine.boot();
      try {
        const server = m.spawn(peer, { args: ['unix_peer', 'server', '/tmp/srv.sock', '3'], decouple });
        await until(() => server.stdout.includes('listening\n'));
        expect(server.stdout).toBe('listening\n');
        expect(m.vfs.stat('/tmp/srv.sock')).toMatchObject({ type: 6 /* FileType.SocketStream */ });
        const clients = ['alpha', 'beta', 'gamma'].map((w) => m.spawn(peer, { args: ['unix_peer', 'client', '/tmp/srv.sock', w] }));
        for (const [i, w] of ['alpha', 'beta', 'gamma'].entries()) {
          expect(await clients[i]!.exit).toEqual({ code: 0 });
          expect(clients[i]!.stdout).toBe(`answer: ${w.toUpperCase()}\n`);
        }
        expect(await server.exit).toEqual({ code: 0 });
        expect(server.stdout).toBe('listening\ngot: alpha\ngot: beta\ngot: gamma\n');
        // The server unlinked its name.
        expect(m.vfs.stat('/tmp/srv.sock')).toBe(-44 /* -ENOENT */);
      } finally {
        await m.shutdown();
      }
    }, 120_000);
  }

  it('a datagram server answers two client programs by their names', async () => {
    const m = await Machine.boot();
    try {
      const server = m.spawn(peer, { args: ['unix_peer', 'dgram-server', '/tmp/dg.sock', '2'] });
      await until(() => server.stdout.includes('bound\n'));
      const a = m.spawn(peer, { args: ['unix_peer', 'dgram-client', '/tmp/dg.sock', '/tmp/a.sock', 'one'] });
      const b = m.spawn(peer, { args: ['unix_peer', 'dgram-client', '/tmp/dg.sock', '/tmp/b.sock', 'two'], decouple: true });
      expect(await a.exit).toEqual({ code: 0 });
      expect(await b.exit).toEqual({ code: 0 });
      expect(a.stdout).toBe('answer: ONE from /tmp/dg.sock\n');
      expect(b.stdout).toBe('answer: TWO from /tmp/dg.sock\n');
      expect(await server.exit).toEqual({ code: 0 });
      expect(server.stdout).toBe('bound\nanswered 2\n');
    } finally {
      await m.shutdown();
    }
  }, 120_000);

  it('bind on a host mount is EOPNOTSUPP (EROFS read-only) and makes no file on the host', async () => {
    for (const readOnly of [false, true]) {
      const host = mkdtempSync(join(tmpdir(), 'l4wasm-unixsock-'));
      hostDirs.push(host);
      const r = await run(peer, ['hostbind', '/host'], { mounts: [{ host, guest: '/host', readOnly }] });
      expect(r.stdout).toBe(`bind: -1 ${readOnly ? 'EROFS' : 'EOPNOTSUPP'}\na file there: 0\n`);
      expect(r.code).toBe(0);
      expect(readdirSync(host)).toEqual([]);
      expect(existsSync(join(host, 'l4wasm.sock'))).toBe(false);
    }
  }, 120_000);
});
