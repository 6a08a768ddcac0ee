// wasi_snapshot_preview1, process family: arguments, environment, randomness, exit, signals, yield.
import { Errno } from '../errno.js';
import { ProcessExit } from './context.js';
import type { StringList, WasiState } from './wasi_state.js';

/** args_sizes_get / environ_sizes_get: the count and the total size of the NUL-terminated strings. */
function sizesGet(s: WasiState, list: StringList, countPtr: number, sizePtr: number): number {
  countPtr >>>= 0; sizePtr >>>= 0;
  s.mem.refresh();
  if (!s.mem.ok(countPtr, 4) || !s.mem.ok(sizePtr, 4)) return -Errno.EFAULT;
  s.mem.view.setUint32(countPtr, list.encoded.length, true);
  s.mem.view.setUint32(sizePtr, list.bufSize, true);
  return 0;
}

/** args_get / environ_get: the pointer array at `ptrs`, the strings packed at `buf`. */
function listGet(s: WasiState, list: StringList, ptrs: number, buf: number): number {
  ptrs >>>= 0; buf >>>= 0;
  s.mem.refresh();
  if (!s.mem.ok(ptrs, list.encoded.length * 4) || !s.mem.ok(buf, list.bufSize)) return -Errno.EFAULT;
  let at = buf;
  for (let i = 0; i < list.encoded.length; i++) {
    const b = list.encoded[i]!;
    s.mem.view.setUint32(ptrs + i * 4, at, true);
    s.mem.u8.set(b, at);
    at += b.length;
  }
  return 0;
}

/** crypto.getRandomValues fills at most this much per call. */
const RANDOM_CHUNK = 65536;

export const procCalls = {
  args_sizes_get(s: WasiState, argc: number, bufSize: number): number {
    return sizesGet(s, s.args, argc, bufSize);
  },
  args_get(s: WasiState, argv: number, buf: number): number {
    return listGet(s, s.args, argv, buf);
  },
  environ_sizes_get(s: WasiState, count: number, bufSize: number): number {
    return sizesGet(s, s.env, count, bufSize);
  },
  environ_get(s: WasiState, environ: number, buf: number): number {
    return listGet(s, s.env, environ, buf);
  },
  random_get(s: WasiState, buf: number, len: number): number {
    buf >>>= 0; len >>>= 0;
    s.mem.refresh();
    if (!s.mem.ok(buf, len)) return -Errno.EFAULT;
    for (let at = 0; at < len; at += RANDOM_CHUNK) {
      s.ctx.random(s.mem.bytes(buf + at, Math.min(RANDOM_CHUNK, len - at)));
    }
    return 0;
  },
  proc_exit(_s: WasiState, code: number): number {
    throw new ProcessExit(code >>> 0);
  },
  proc_raise(s: WasiState, sig: number): number {
    sig >>>= 0;
    if (sig > 255) return -Errno.EINVAL;
    return s.ctx.raise(sig);
  },
  sched_yield(s: WasiState): number {
    return s.ctx.yield();
  },
};
