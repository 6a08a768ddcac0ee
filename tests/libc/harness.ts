// Test harness for the wasi layer: a SyscallContext over a real WebAssembly.Memory, a fake clock,
// a recording wait(), and helpers to lay out arguments in the program's memory.
import { SUSPEND, type SyscallContext, type TimeBackend, type WaitSpec } from '../../src/libc/context.js';
import { FdTable } from '../../src/libc/fdtable.js';
import { createWasiImports } from '../../src/libc/wasi.js';
import type { OpenFile, Vfs } from '../../src/vfs/types.js';

export class FakeClock implements TimeBackend {
  mono = 1_000_000_000n;
  real = 1_700_000_000_000_000_000n;
  cpu = 5_000n;
  monotonicNs(): bigint { return this.mono; }
  realtimeNs(): bigint { return this.real; }
  processCpuNs(): bigint { return this.cpu; }
  threadCpuNs(): bigint { return this.cpu + 1n; }
  store(id: number, view: DataView, ptr: number): boolean {
    const t = [this.real, this.mono, this.cpu, this.cpu + 1n][id];
    if (t === undefined) return false;
    view.setBigUint64(ptr, t, true);
    return true;
  }
  advance(ns: bigint): void { this.mono += ns; this.real += ns; }
}

export interface Harness {
  ctx: SyscallContext;
  memory: WebAssembly.Memory;
  w: Record<string, (...a: any[]) => number>;
  clock: FakeClock;
  waits: WaitSpec[];
  raised: number[];
  mem: Mem;
  fds: FdTable;
}

/** Scratch layout in the first four pages: a bump allocator from 1024 and typed accessors. */
export class Mem {
  private next = 1024;
  constructor(readonly memory: WebAssembly.Memory) {}
  get view(): DataView { return new DataView(this.memory.buffer); }
  get u8(): Uint8Array { return new Uint8Array(this.memory.buffer); }
  get size(): number { return this.memory.buffer.byteLength; }
  alloc(n: number, align = 8): number {
    this.next = (this.next + align - 1) & ~(align - 1);
    const p = this.next;
    this.next += n;
    if (this.next > 4 * 65536 - 4096) throw new Error('test scratch exhausted');
    return p;
  }
  /** A string's UTF-8 bytes at a fresh address: [ptr, len]. */
  str(s: string): [number, number] {
    const b = new TextEncoder().encode(s);
    const p = this.alloc(b.length || 1, 1);
    this.u8.set(b, p);
    return [p, b.length];
  }
  bytes(b: Uint8Array): number {
    const p = this.alloc(b.length || 1, 1);
    this.u8.set(b, p);
    return p;
  }
  /** An iovec array for the given buffers [ptr, len][]. */
  iovecs(bufs: [number, number][]): number {
    const p = this.alloc(bufs.length * 8 || 8);
    bufs.forEach(([b, l], i) => { this.view.setUint32(p + i * 8, b, true); this.view.setUint32(p + i * 8 + 4, l, true); });
    return p;
  }
  u32(p: number): number { return this.view.getUint32(p, true); }
  u64(p: number): bigint { return this.view.getBigUint64(p, true); }
  u16(p: number): number { return this.view.getUint16(p, true); }
  u8at(p: number): number { return this.view.getUint8(p); }
  text(p: number, n: number): string { return new TextDecoder().decode(this.u8.slice(p, p + n)); }
  setU32(p: number, v: number): void { this.view.setUint32(p, v, true); }
  setU64(p: number, v: bigint): void { this.view.setBigUint64(p, v, true); }
}

export interface HarnessOptions {
  vfs: Vfs;
  stdio: [OpenFile, OpenFile, OpenFile];
  preopens?: string[];
  args?: string[];
  env?: string[];
}

export function makeHarness(o: HarnessOptions): Harness {
  const memory = new WebAssembly.Memory({ initial: 4, maximum: 8 });
  const clock = new FakeClock();
  const waits: WaitSpec[] = [];
  const raised: number[] = [];
  const fds = new FdTable();
  fds.setupStdio(...o.stdio);
  const r = fds.addPreopens(o.vfs, o.preopens ?? []);
  if (r !== 0) throw new Error(`preopens failed: ${r}`);
  let seed = 1;
  const ctx: SyscallContext = {
    memory,
    args: o.args ?? ['prog'],
    env: o.env ?? [],
    vfs: o.vfs,
    fds,
    clock,
    restart: undefined,
    wait(spec) { waits.push(spec); return SUSPEND; },
    random(buf) { for (let i = 0; i < buf.length; i++) buf[i] = (seed = (seed * 75 + 74) % 65537) & 0xff; },
    raise(sig) { raised.push(sig); return 0; },
    yield() { return 0; },
    onInternalError(call, e) { throw new Error(`internal error in ${call}: ${String(e)}`); },
  };
  return { ctx, memory, w: createWasiImports(ctx), clock, waits, raised, mem: new Mem(memory), fds };
}
