// args/environ, clocks, random, process calls, sockets, poll_oneoff and the import table itself.
import { describe, expect, it } from 'vitest';
import { ProcessExit, SUSPEND } from '../../src/libc/context.js';
import { PollRestart } from '../../src/libc/wasi_poll.js';
import { WASI_FUNCTIONS, WASI_PARAMS, WASI_SUSPENDING, createWasiImports } from '../../src/libc/wasi.js';
import { E, makeProc, type Proc } from './setup.js';
import { BaseFile } from '../../src/vfs/file.js';
import { FileType } from '../../src/vfs/types.js';

describe('args and environ', () => {
  it('lays out NUL-terminated strings and their pointers', () => {
    const p = makeProc(undefined, [], ['prog', 'a b', 'ü'], ['HOME=/', 'X=']);
    const c = p.mem.alloc(4);
    const sz = p.mem.alloc(4);
    expect(p.w.args_sizes_get!(c, sz)).toBe(0);
    expect(p.mem.u32(c)).toBe(3);
    expect(p.mem.u32(sz)).toBe(5 + 4 + 3);
    const argv = p.mem.alloc(12);
    const buf = p.mem.alloc(12, 1);
    expect(p.w.args_get!(argv, buf)).toBe(0);
    const strs = [0, 1, 2].map((i) => {
      const at = p.mem.u32(argv + i * 4);
      const end = p.mem.u8.indexOf(0, at);
      return p.mem.text(at, end - at);
    });
    expect(strs).toEqual(['prog', 'a b', 'ü']);
    expect(p.mem.u32(argv)).toBe(buf);
    expect(p.w.environ_sizes_get!(c, sz)).toBe(0);
    expect([p.mem.u32(c), p.mem.u32(sz)]).toEqual([2, 10]);
    const env = p.mem.alloc(8);
    const ebuf = p.mem.alloc(10, 1);
    expect(p.w.environ_get!(env, ebuf)).toBe(0);
    expect(p.mem.text(p.mem.u32(env + 4), 2)).toBe('X=');
    expect(p.w.args_get!(p.mem.size - 8, buf)).toBe(E.EFAULT);
    expect(p.w.args_get!(argv, p.mem.size - 11)).toBe(E.EFAULT);
    expect(p.w.environ_sizes_get!(-1, sz)).toBe(E.EFAULT);
  });
});

describe('clocks and random', () => {
  it('reads every clock from the time backend', () => {
    const p = makeProc();
    const t = p.mem.alloc(8);
    expect(p.w.clock_time_get!(1, 0n, t)).toBe(0);
    expect(p.mem.u64(t)).toBe(p.clock.mono);
    expect(p.w.clock_time_get!(0, 1000n, t)).toBe(0);
    expect(p.mem.u64(t)).toBe(p.clock.real);
    expect(p.w.clock_time_get!(2, 0n, t)).toBe(0);
    expect(p.mem.u64(t)).toBe(p.clock.cpu);
    expect(p.w.clock_time_get!(3, 0n, t)).toBe(0);
    expect(p.mem.u64(t)).toBe(p.clock.cpu + 1n);
    expect(p.w.clock_time_get!(4, 0n, t)).toBe(E.EINVAL);
    expect(p.w.clock_time_get!(1, 0n, p.mem.size - 4)).toBe(E.EFAULT);
    expect(p.w.clock_res_get!(1, t)).toBe(0);
    expect(p.mem.u64(t)).toBeGreaterThan(0n);
    expect(p.w.clock_res_get!(9, t)).toBe(E.EINVAL);
    expect(p.w.clock_res_get!(0, p.mem.size)).toBe(E.EFAULT);
  });

  it('random_get fills the buffer, also beyond 64 KiB', () => {
    const p = makeProc();
    const b = p.mem.alloc(32, 1);
    expect(p.w.random_get!(b, 32)).toBe(0);
    expect(p.mem.u8.slice(b, b + 32).some((x) => x !== 0)).toBe(true);
    expect(p.w.random_get!(b, 0)).toBe(0);
    expect(p.w.random_get!(p.mem.size - 4, 8)).toBe(E.EFAULT);
    const top = p.memory.grow(2) * 65536;
    expect(p.w.random_get!(top, 2 * 65536)).toBe(0);
    expect(p.mem.u8.slice(top + 65536, top + 2 * 65536).some((x) => x !== 0)).toBe(true);
  });
});

describe('process calls', () => {
  it('proc_exit throws ProcessExit, the only exception that leaves an import', () => {
    const p = makeProc();
    expect(() => p.w.proc_exit!(3)).toThrow(ProcessExit);
    try { p.w.proc_exit!(-1); } catch (e) { expect((e as ProcessExit).code).toBe(0xffffffff); }
  });

  it('proc_raise asks the context; sched_yield yields', () => {
    const p = makeProc();
    expect(p.w.proc_raise!(15)).toBe(0);
    expect(p.raised).toEqual([15]);
    expect(p.w.proc_raise!(300)).toBe(E.EINVAL);
    expect(p.w.sched_yield!()).toBe(0);
  });

  it('sockets: EBADF for an unknown descriptor, ENOTSOCK otherwise (nothing here is a socket)', () => {
    const p = makeProc();
    const out = p.mem.alloc(8);
    expect(p.w.sock_accept!(1, 0, out)).toBe(E.ENOTSOCK);
    expect(p.w.sock_recv!(0, out, 1, 0, out, out + 4)).toBe(E.ENOTSOCK);
    expect(p.w.sock_send!(1, out, 1, 0, out)).toBe(E.ENOTSOCK);
    expect(p.w.sock_shutdown!(1, 2)).toBe(E.ENOTSOCK);
    expect(p.w.sock_accept!(40, 0, out)).toBe(E.EBADF);
    expect(p.w.sock_recv!(40, out, 1, 0, out, out + 4)).toBe(E.EBADF);
    expect(p.w.sock_send!(40, out, 1, 0, out)).toBe(E.EBADF);
    expect(p.w.sock_shutdown!(40, 2)).toBe(E.EBADF);
  });
});

/** Writes subscriptions: clock [userdata, 'clock', id, timeout, abstime] or fd [userdata, 'read'|'write', fd]. */
type Sub = [bigint, 'clock', number, bigint, boolean] | [bigint, 'read' | 'write', number];
function subs(p: Proc, list: Sub[]): number {
  const at = p.mem.alloc(48 * list.length);
  p.mem.u8.fill(0, at, at + 48 * list.length);
  list.forEach((s, i) => {
    const b = at + i * 48;
    p.mem.setU64(b, s[0]);
    if (s[1] === 'clock') {
      p.mem.view.setUint8(b + 8, 0);
      p.mem.setU32(b + 16, s[2]);
      p.mem.setU64(b + 24, s[3]);
      p.mem.view.setUint16(b + 40, s[4] ? 1 : 0, true);
    } else {
      p.mem.view.setUint8(b + 8, s[1] === 'read' ? 1 : 2);
      p.mem.setU32(b + 16, s[2]);
    }
  });
  return at;
}
/** Reads events: [userdata, error, type, nbytes]. */
function events(p: Proc, out: number, n: number): [bigint, number, number, bigint][] {
  return Array.from({ length: n }, (_, i) => {
    const b = out + i * 32;
    return [p.mem.u64(b), p.mem.u16(b + 8), p.mem.u8at(b + 10), p.mem.u64(b + 16)] as [bigint, number, number, bigint];
  });
}

describe('poll_oneoff', () => {
  it('a relative timeout survives re-execution and fires once the deadline passed', () => {
    const p = makeProc();
    const inp = subs(p, [[7n, 'clock', 1, 1000n, false]]);
    const out = p.mem.alloc(32);
    const n = p.mem.alloc(4);
    const start = p.clock.mono;
    expect(p.w.poll_oneoff!(inp, out, 1, n)).toBe(SUSPEND);
    expect(p.waits.at(-1)).toEqual({ files: undefined, deadlineNs: start + 1000n });
    expect(p.ctx.restart).toBeInstanceOf(PollRestart);
    // woken early: the same absolute deadline, not now + 1000
    p.clock.advance(600n);
    expect(p.w.poll_oneoff!(inp, out, 1, n)).toBe(SUSPEND);
    expect(p.waits.at(-1)!.deadlineNs).toBe(start + 1000n);
    p.clock.advance(400n);
    expect(p.w.poll_oneoff!(inp, out, 1, n)).toBe(0);
    expect(p.mem.u32(n)).toBe(1);
    expect(events(p, out, 1)).toEqual([[7n, 0, 0, 0n]]);
    expect(p.ctx.restart).toBeUndefined();
    // a fresh call starts a fresh timeout
    expect(p.w.poll_oneoff!(inp, out, 1, n)).toBe(SUSPEND);
    expect(p.waits.at(-1)!.deadlineNs).toBe(p.clock.mono + 1000n);
  });

  it('absolute deadlines on the monotonic and realtime clocks', () => {
    const p = makeProc();
    const out = p.mem.alloc(64);
    const n = p.mem.alloc(4);
    const past = subs(p, [[1n, 'clock', 1, p.clock.mono - 1n, true]]);
    expect(p.w.poll_oneoff!(past, out, 1, n)).toBe(0);
    expect(events(p, out, 1)[0]![0]).toBe(1n);
    const real = subs(p, [[2n, 'clock', 0, p.clock.real + 5000n, true], [3n, 'clock', 1, 0n, false]]);
    expect(p.w.poll_oneoff!(real, out, 2, n)).toBe(0);            // the zero timeout fires at once
    expect(p.mem.u32(n)).toBe(1);
    expect(events(p, out, 1)[0]![0]).toBe(3n);
    p.ctx.restart = undefined;
    const onlyReal = subs(p, [[2n, 'clock', 0, p.clock.real + 5000n, true]]);
    expect(p.w.poll_oneoff!(onlyReal, out, 1, n)).toBe(SUSPEND);
    expect(p.waits.at(-1)!.deadlineNs).toBe(p.clock.mono + 5000n);
  });

  it('descriptor readiness, with a timeout, and errors as events', () => {
    const p = makeProc();
    const out = p.mem.alloc(96);
    const n = p.mem.alloc(4);
    const inp = subs(p, [[1n, 'read', 0], [2n, 'clock', 1, 10_000n, false]]);
    expect(p.w.poll_oneoff!(inp, out, 2, n)).toBe(SUSPEND);
    const w = p.waits.at(-1)!;
    expect(w.files).toEqual([{ file: p.stdin, events: 'read' }]);
    expect(w.deadlineNs).toBe(p.clock.mono + 10_000n);
    p.stdin.chunks.push(new Uint8Array(5));
    p.clock.advance(100n);
    expect(p.w.poll_oneoff!(inp, out, 2, n)).toBe(0);
    expect(p.mem.u32(n)).toBe(1);
    expect(events(p, out, 1)).toEqual([[1n, 0, 1, 5n]]);
    expect(p.ctx.restart).toBeUndefined();
    const mixed = subs(p, [[4n, 'write', 1], [5n, 'read', 99], [6n, 'read', 0]]);
    expect(p.w.poll_oneoff!(mixed, out, 3, n)).toBe(0);
    expect(p.mem.u32(n)).toBe(3);
    expect(events(p, out, 3)).toEqual([[4n, 0, 2, 0n], [5n, E.EBADF, 1, 0n], [6n, 0, 1, 5n]]);
  });

  it('refuses empty, malformed and out-of-memory subscriptions', () => {
    const p = makeProc();
    const out = p.mem.alloc(64);
    const n = p.mem.alloc(4);
    const ok = subs(p, [[1n, 'clock', 1, 0n, false]]);
    expect(p.w.poll_oneoff!(ok, out, 0, n)).toBe(E.EINVAL);
    expect(p.w.poll_oneoff!(p.mem.size - 40, out, 1, n)).toBe(E.EFAULT);
    expect(p.w.poll_oneoff!(ok, p.mem.size - 16, 1, n)).toBe(E.EFAULT);
    expect(p.w.poll_oneoff!(ok, out, 1, p.mem.size)).toBe(E.EFAULT);
    expect(p.w.poll_oneoff!(ok, out, 0x10000000, n)).toBe(E.EFAULT);
    const badTag = subs(p, [[1n, 'clock', 1, 0n, false]]);
    p.mem.view.setUint8(badTag + 8, 9);
    expect(p.w.poll_oneoff!(badTag, out, 1, n)).toBe(E.EINVAL);
    expect(p.w.poll_oneoff!(subs(p, [[1n, 'clock', 7, 0n, false]]), out, 1, n)).toBe(E.EINVAL);
    expect(p.w.poll_oneoff!(subs(p, [[1n, 'clock', 2, 10n, false]]), out, 1, n)).toBe(E.ENOTSUP);
    expect(p.waits).toHaveLength(0);
  });
});

describe('the import table', () => {
  it('has every wasi_snapshot_preview1 function with its arity', () => {
    const p = makeProc();
    expect(WASI_FUNCTIONS).toHaveLength(46);
    expect(Object.keys(p.w).sort()).toEqual([...WASI_FUNCTIONS].sort());
    for (const name of WASI_FUNCTIONS) expect(p.w[name]!.length, name).toBe(WASI_PARAMS[name].length);
    for (const name of WASI_SUSPENDING) expect(WASI_FUNCTIONS).toContain(name);
  });

  it('turns a back end exception into EIO and tells the context', () => {
    class Broken extends BaseFile {
      readonly type = FileType.RegularFile;
      override write(): number { throw new Error('boom'); }
    }
    const p = makeProc();
    const seen: string[] = [];
    const w = createWasiImports({ ...p.ctx, onInternalError: (call) => { seen.push(call); } });
    p.fds.insert(new Broken(), { rightsBase: (1 << 30) - 1 });
    const [b, bl] = p.mem.str('x');
    expect(w.fd_write!(4, p.mem.iovecs([[b, bl]]), 1, p.mem.alloc(4))).toBe(E.EIO);
    expect(seen).toEqual(['fd_write']);
  });

  it('sees memory that grew after the imports were made', () => {
    const p = makeProc();
    const top = p.memory.grow(1) * 65536;
    const [s, sl] = p.mem.str('grown');
    p.mem.u8.copyWithin(top + 100, s, s + sl);
    const iov = top + 8;
    p.mem.setU32(iov, top + 100);
    p.mem.setU32(iov + 4, sl);
    expect(p.w.fd_write!(1, iov, 1, top)).toBe(0);
    expect(p.mem.u32(top)).toBe(5);
    expect(p.stdout.text()).toBe('grown');
  });

  it('can be made before the instance that exports the memory exists', () => {
    const p = makeProc();
    const ctx: { memory: WebAssembly.Memory | undefined } & Omit<typeof p.ctx, 'memory'> = { ...p.ctx, memory: undefined };
    const w = createWasiImports(ctx as typeof p.ctx);
    expect(w.clock_time_get!(1, 0n, 64)).toBe(E.EFAULT);
    ctx.memory = p.memory;
    expect(w.clock_time_get!(1, 0n, 64)).toBe(0);
    expect(p.mem.u64(64)).toBe(p.clock.mono);
  });

  it('sees a shared memory that grew (its old buffer stays valid but short)', () => {
    const p = makeProc();
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
    const w = createWasiImports({ ...p.ctx, memory: shared });
    const t = 65536 + 64;
    expect(w.clock_time_get!(1, 0n, t)).toBe(E.EFAULT);
    shared.grow(1);
    expect(w.clock_time_get!(1, 0n, t)).toBe(0);
    expect(new DataView(shared.buffer).getBigUint64(t, true)).toBe(p.clock.mono);
  });
});
