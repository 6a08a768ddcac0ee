// The wasi layer on the machine's real VFS: default tree, console as stdio, pipes, devices.
import { describe, expect, it } from 'vitest';
import { Rights } from '../../src/libc/abi.js';
import { SUSPEND } from '../../src/libc/context.js';
import {
  ConsoleInput, ConsoleOutput, createDefaultTree, createPipe, PIPE_CAPACITY,
} from '../../src/vfs/index.js';
import { makeHarness } from './harness.js';
import { E, O, RDONLY, RDWR, WRONLY } from './setup.js';

function machine() {
  const out: string[] = [];
  const input = new ConsoleInput();
  const output = new ConsoleOutput((b) => out.push(new TextDecoder().decode(b)));
  const vfs = createDefaultTree({ console: { input, output } });
  const h = makeHarness({ vfs, stdio: [input, output, output], preopens: ['/tmp'] });
  const m = h.mem;
  const call = {
    open(path: string, oflags = 0, rights = RDWR, dirfd = 3, fdflags = 0): [number, number] {
      const [pp, pl] = m.str(path);
      const o = m.alloc(4);
      const r = h.w.path_open!(dirfd, 1, pp, pl, oflags, rights, RDWR, fdflags, o);
      return [r, m.u32(o)];
    },
    write(fd: number, bytes: Uint8Array): [number, number] {
      const b = m.bytes(bytes);
      const o = m.alloc(4);
      const r = h.w.fd_write!(fd, m.iovecs([[b, bytes.length]]), 1, o);
      return [r, m.u32(o)];
    },
    read(fd: number, n: number): [number, Uint8Array] {
      const b = m.alloc(n, 1);
      const o = m.alloc(4);
      const r = h.w.fd_read!(fd, m.iovecs([[b, n]]), 1, o);
      return [r, r === 0 ? m.u8.slice(b, b + m.u32(o)) : new Uint8Array(0)];
    },
  };
  return { ...h, input, output, out, vfs, call };
}
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

describe('wasi on the default tree', () => {
  it('stdout is the console: a terminal for isatty, written through the sink', () => {
    const p = machine();
    expect(p.call.write(1, enc('hi\n'))).toEqual([0, 3]);
    expect(p.out).toEqual(['hi\n']);
    const st = p.mem.alloc(24);
    expect(p.w.fd_fdstat_get!(1, st)).toBe(0);
    expect(p.mem.u8at(st)).toBe(2);
    expect(Number(p.mem.u64(st + 8)) & (Rights.FD_SEEK | Rights.FD_TELL)).toBe(0);
  });

  it('a console read blocks until the host pushes input, then reads it', () => {
    const p = machine();
    expect(p.call.read(0, 16)[0]).toBe(SUSPEND);
    expect(p.waits[0]!.files![0]!.file).toBe(p.input);
    let woken = 0;
    p.input.subscribe(() => woken++);
    p.input.push(enc('line\n'));
    expect(woken).toBe(1);
    const [r, b] = p.call.read(0, 16);
    expect(r).toBe(0);
    expect(dec(b)).toBe('line\n');
    p.input.end();
    expect(p.call.read(0, 16)).toEqual([0, new Uint8Array(0)]);
  });

  it('pipes: a full pipe suspends the writer, an empty one the reader; poll sees both', () => {
    const p = machine();
    const [r, w] = createPipe();
    const rfd = p.fds.insert(r, { rightsBase: Rights.FD_READ | Rights.POLL_FD_READWRITE | Rights.FD_FDSTAT_SET_FLAGS });
    const wfd = p.fds.insert(w, { rightsBase: Rights.FD_WRITE | Rights.POLL_FD_READWRITE | Rights.FD_FDSTAT_SET_FLAGS });
    expect(p.call.read(rfd, 8)[0]).toBe(SUSPEND);
    const big = new Uint8Array(PIPE_CAPACITY);
    expect(p.call.write(wfd, big.subarray(0, 40000))).toEqual([0, 40000]);
    expect(p.call.write(wfd, big.subarray(0, 40000))).toEqual([0, PIPE_CAPACITY - 40000]);
    expect(p.call.write(wfd, enc('more'))[0]).toBe(SUSPEND);
    expect(p.waits.at(-1)!.files).toEqual([{ file: w, events: 'write' }]);
    expect(p.w.fd_fdstat_set_flags!(wfd, 4)).toBe(0);
    expect(p.call.write(wfd, enc('more'))[0]).toBe(E.EAGAIN);
    // poll: the read end is ready with the buffered byte count, the write end is not
    const subs = p.mem.alloc(96);
    p.mem.u8.fill(0, subs, subs + 96);
    p.mem.setU64(subs, 1n); p.mem.view.setUint8(subs + 8, 1); p.mem.setU32(subs + 16, rfd);
    p.mem.setU64(subs + 48, 2n); p.mem.view.setUint8(subs + 56, 2); p.mem.setU32(subs + 64, wfd);
    const ev = p.mem.alloc(64);
    const n = p.mem.alloc(4);
    expect(p.w.poll_oneoff!(subs, ev, 2, n)).toBe(0);
    expect(p.mem.u32(n)).toBe(1);
    expect(p.mem.u64(ev)).toBe(1n);
    expect(p.mem.u64(ev + 16)).toBe(BigInt(PIPE_CAPACITY));
    // drain, close the writer: end of file
    expect(p.call.read(rfd, PIPE_CAPACITY)[1].length).toBe(PIPE_CAPACITY);
    expect(p.w.fd_close!(wfd)).toBe(0);
    expect(p.call.read(rfd, 8)).toEqual([0, new Uint8Array(0)]);
  });

  it('poll with only the write end waits for write readiness and a deadline', () => {
    const p = machine();
    const [, w] = createPipe();
    const wfd = p.fds.insert(w, { rightsBase: Rights.FD_WRITE | Rights.POLL_FD_READWRITE });
    p.call.write(wfd, new Uint8Array(PIPE_CAPACITY));
    const subs = p.mem.alloc(96);
    p.mem.u8.fill(0, subs, subs + 96);
    p.mem.setU64(subs, 1n); p.mem.view.setUint8(subs + 8, 2); p.mem.setU32(subs + 16, wfd);
    p.mem.setU64(subs + 48, 2n); p.mem.view.setUint8(subs + 56, 0); p.mem.setU32(subs + 64, 1);
    p.mem.setU64(subs + 72, 5000n);
    const ev = p.mem.alloc(64);
    const n = p.mem.alloc(4);
    expect(p.w.poll_oneoff!(subs, ev, 2, n)).toBe(SUSPEND);
    expect(p.waits.at(-1)).toEqual({ files: [{ file: w, events: 'write' }], deadlineNs: p.clock.mono + 5000n });
    p.clock.advance(5000n);
    expect(p.w.poll_oneoff!(subs, ev, 2, n)).toBe(0);
    expect(p.mem.u64(ev)).toBe(2n);
    expect(p.mem.u8at(ev + 10)).toBe(0);
  });

  it('devices, /dev/tty and the /tmp preopen', () => {
    const p = machine();
    const [r, nul] = p.call.open('/dev/null', 0, WRONLY);
    expect(r).toBe(0);
    expect(p.call.write(nul, enc('gone'))).toEqual([0, 4]);
    const [r2, tty] = p.call.open('/dev/tty');
    expect(r2).toBe(0);
    p.call.write(tty, enc('to tty'));
    expect(p.out).toEqual(['to tty']);
    const [r3, dev] = p.call.open('/dev', O.DIRECTORY, RDONLY);
    expect(r3).toBe(0);
    const buf = p.mem.alloc(1024);
    const used = p.mem.alloc(4);
    expect(p.w.fd_readdir!(dev, buf, 1024, 0n, used)).toBe(0);
    const names = dec(p.mem.u8.slice(buf, buf + p.mem.u32(used)));
    for (const n of ['null', 'zero', 'tty', 'stdout']) expect(names).toContain(n);
    // fd 4 is the /tmp preopen: a relative path lands in /tmp
    expect(p.call.open('t.txt', O.CREAT, RDWR, 4)[0]).toBe(0);
    expect(typeof p.vfs.stat('/tmp/t.txt')).toBe('object');
    // a symlink to /dev/fd/1 (no node in devfs) still means descriptor 1
    const [t, tl] = p.mem.str('/dev/fd/1');
    const [l, ll] = p.mem.str('/tmp/out');
    expect(p.w.path_symlink!(t, tl, 3, l, ll)).toBe(0);
    const [r4, o] = p.call.open('/tmp/out', 0, WRONLY);
    expect(r4).toBe(0);
    expect(p.fds.get(o)!.file).toBe(p.output);
    expect(p.call.open('/dev/./stdout', 0, WRONLY)[0]).toBe(0);
    // a cross-mount rename is EXDEV
    const [a, al] = p.mem.str('/tmp/t.txt');
    const [b, bl] = p.mem.str('/moved');
    expect(p.w.path_rename!(3, a, al, 3, b, bl)).toBe(75);
  });
});
