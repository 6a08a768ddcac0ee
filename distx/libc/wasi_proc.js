import { Errno } from "../errno.js";
import { ProcessExit } from "./context.js";
function sizesGet(s, list, countPtr, sizePtr) {
  countPtr >>>= 0;
  sizePtr >>>= 0;
  s.mem.refresh();
  if (!s.mem.ok(countPtr, 4) || !s.mem.ok(sizePtr, 4)) return -Errno.EFAULT;
  s.mem.view.setUint32(countPtr, list.encoded.length, true);
  s.mem.view.setUint32(sizePtr, list.bufSize, true);
  return 0;
}
function listGet(s, list, ptrs, buf) {
  ptrs >>>= 0;
  buf >>>= 0;
  s.mem.refresh();
  if (!s.mem.ok(ptrs, list.encoded.length * 4) || !s.mem.ok(buf, list.bufSize)) return -Errno.EFAULT;
  let at = buf;
  for (let i = 0; i < list.encoded.length; i++) {
    const b = list.encoded[i];
    s.mem.view.setUint32(ptrs + i * 4, at, true);
    s.mem.u8.set(b, at);
    at += b.length;
  }
  return 0;
}
const RANDOM_CHUNK = 65536;
const procCalls = {
  args_sizes_get(s, argc, bufSize) {
    return sizesGet(s, s.args, argc, bufSize);
  },
  args_get(s, argv, buf) {
    return listGet(s, s.args, argv, buf);
  },
  environ_sizes_get(s, count, bufSize) {
    return sizesGet(s, s.env, count, bufSize);
  },
  environ_get(s, environ, buf) {
    return listGet(s, s.env, environ, buf);
  },
  random_get(s, buf, len) {
    buf >>>= 0;
    len >>>= 0;
    s.mem.refresh();
    if (!s.mem.ok(buf, len)) return -Errno.EFAULT;
    for (let at = 0; at < len; at += RANDOM_CHUNK) {
      s.ctx.random(s.mem.bytes(buf + at, Math.min(RANDOM_CHUNK, len - at)));
    }
    return 0;
  },
  proc_exit(_s, code) {
    throw new ProcessExit(code >>> 0);
  },
  proc_raise(s, sig) {
    sig >>>= 0;
    if (sig > 255) return -Errno.EINVAL;
    return s.ctx.raise(sig);
  },
  sched_yield(s) {
    return s.ctx.yield();
  }
};
export {
  procCalls
};
