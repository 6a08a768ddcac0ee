import { Errno } from "../errno.js";
var SpawnActionKind = /* @__PURE__ */ ((SpawnActionKind2) => {
  SpawnActionKind2[SpawnActionKind2["Close"] = 1] = "Close";
  SpawnActionKind2[SpawnActionKind2["Dup2"] = 2] = "Dup2";
  return SpawnActionKind2;
})(SpawnActionKind || {});
var SpawnFlags = /* @__PURE__ */ ((SpawnFlags2) => {
  SpawnFlags2[SpawnFlags2["RESETIDS"] = 1] = "RESETIDS";
  SpawnFlags2[SpawnFlags2["SETPGROUP"] = 2] = "SETPGROUP";
  SpawnFlags2[SpawnFlags2["SETSIGDEF"] = 4] = "SETSIGDEF";
  SpawnFlags2[SpawnFlags2["SETSIGMASK"] = 8] = "SETSIGMASK";
  SpawnFlags2[SpawnFlags2["SETSID"] = 128] = "SETSID";
  return SpawnFlags2;
})(SpawnFlags || {});
function backend(c) {
  return c.procs;
}
const REQ_SIZE = 52;
const MAX_ACTIONS = 4096;
const MAX_ARG_STRLEN = 32 * 4096;
const ARG_MAX = 2 * 1024 * 1024;
const POINTER_BYTES = 8;
function cLength(m, ptr, max) {
  if (ptr === 0 || !m.ok(ptr, 1)) return -Errno.EFAULT;
  const u8 = m.u8;
  const end = Math.min(u8.length, ptr + max + 1);
  const nul = u8.subarray(ptr, end).indexOf(0);
  if (nul >= 0) return nul;
  return end === u8.length ? -Errno.EFAULT : -Errno.E2BIG;
}
function decode(m, ptr, len) {
  return Buffer.from(m.u8.buffer, m.u8.byteOffset + ptr, len).toString("utf8");
}
const MAX_STRING = 1 << 20;
function cString(m, ptr) {
  const n = cLength(m, ptr, MAX_STRING);
  return n < 0 ? void 0 : decode(m, ptr, n);
}
function cStrings(m, ptr, budget) {
  const out = [];
  for (let i = 0; ; i++) {
    if (!m.ok(ptr + i * 4, 4)) return -Errno.EFAULT;
    const p = m.view.getUint32(ptr + i * 4, true);
    if (p === 0) return out;
    const n = cLength(m, p, MAX_ARG_STRLEN - 1);
    if (n < 0) return n;
    budget.left -= n + 1 + POINTER_BYTES;
    if (budget.left < 0) return -Errno.E2BIG;
    out.push(decode(m, p, n));
  }
}
function readRequest(m, ptr) {
  if (!m.ok(ptr, REQ_SIZE)) return -Errno.EFAULT;
  const v = m.view;
  const w = (o) => v.getUint32(ptr + o, true);
  const path = cString(m, w(0));
  if (path === void 0) return -Errno.EFAULT;
  const search = w(4) === 0 ? void 0 : cString(m, w(4));
  if (w(4) !== 0 && search === void 0) return -Errno.EFAULT;
  const budget = { left: ARG_MAX };
  const argv = w(8) === 0 ? [] : cStrings(m, w(8), budget);
  if (typeof argv === "number") return argv;
  const envp = w(12) === 0 ? [] : cStrings(m, w(12), budget);
  if (typeof envp === "number") return envp;
  const n = w(20);
  if (n > MAX_ACTIONS) return -Errno.EINVAL;
  if (n > 0 && !m.ok(w(16), n * 12)) return -Errno.EFAULT;
  const actions = [];
  for (let i = 0; i < n; i++) {
    const a = w(16) + i * 12;
    actions.push({ kind: v.getInt32(a, true), fd: v.getInt32(a + 4, true), newfd: v.getInt32(a + 8, true) });
  }
  const cwd = w(48) === 0 ? "/" : cString(m, w(48));
  if (cwd === void 0) return -Errno.EFAULT;
  return {
    path,
    search,
    argv,
    envp,
    actions,
    flags: w(24),
    pgroup: v.getInt32(ptr + 28, true),
    sigmask: [v.getInt32(ptr + 32, true), v.getInt32(ptr + 36, true)],
    sigdefault: [v.getInt32(ptr + 40, true), v.getInt32(ptr + 44, true)],
    cwd
  };
}
function mem(c) {
  return c.signals.mem();
}
const procCalls = {
  /** posix_spawn(req, pidp): 0 and the child's pid in *pidp, or -errno. */
  spawn(c, reqPtr, pidPtr) {
    const b = backend(c);
    if (b === void 0) return -Errno.ENOSYS;
    reqPtr >>>= 0;
    pidPtr >>>= 0;
    const m = mem(c);
    if (pidPtr !== 0 && !m.ok(pidPtr, 4)) return -Errno.EFAULT;
    const req = readRequest(m, reqPtr);
    if (typeof req === "number") return req;
    const pid = b.spawn(req);
    if (pid < 0) return pid;
    if (pidPtr !== 0) mem(c).view.setInt32(pidPtr, pid, true);
    return 0;
  },
  /** fork() and vfork(), which is fork here. */
  fork(c) {
    const b = backend(c);
    return b === void 0 ? -Errno.ENOSYS : b.fork();
  },
  /** execve(req): does not return when it succeeds. */
  exec(c, reqPtr) {
    const b = backend(c);
    if (b === void 0) return -Errno.ENOSYS;
    const req = readRequest(mem(c), reqPtr >>> 0);
    if (typeof req === "number") return req;
    return b.exec(req);
  },
  /** fexecve(fd, req): exec of the file open as `fd`; does not return when it succeeds. */
  fexec(c, fd, reqPtr) {
    const b = backend(c);
    if (b === void 0) return -Errno.ENOSYS;
    const req = readRequest(mem(c), reqPtr >>> 0);
    if (typeof req === "number") return req;
    return b.fexec(fd, req);
  },
  /** waitpid(pid, status, options): the child's pid (status at `statusPtr`), 0, or -errno. */
  waitpid(c, pid, statusPtr, options) {
    const b = backend(c);
    if (b === void 0) return -Errno.ENOSYS;
    statusPtr >>>= 0;
    if (statusPtr !== 0 && !mem(c).ok(statusPtr, 4)) return -Errno.EFAULT;
    if ((options & ~(1 | 2 | 8)) !== 0) return -Errno.EINVAL;
    const r = b.waitpid(pid | 0, options);
    if (typeof r === "number") return r;
    if (statusPtr !== 0) mem(c).view.setInt32(statusPtr, r.status, true);
    return r.pid;
  },
  setpgid(c, pid, pgid) {
    const b = backend(c);
    return b === void 0 ? -Errno.ENOSYS : b.setpgid(pid | 0, pgid | 0);
  },
  getpgid(c, pid) {
    const b = backend(c);
    return b === void 0 ? -Errno.ENOSYS : b.getpgid(pid | 0);
  },
  setsid(c) {
    const b = backend(c);
    return b === void 0 ? -Errno.ENOSYS : b.setsid();
  },
  getsid(c, pid) {
    const b = backend(c);
    return b === void 0 ? -Errno.ENOSYS : b.getsid(pid | 0);
  }
};
export {
  SpawnActionKind,
  SpawnFlags,
  procCalls
};
