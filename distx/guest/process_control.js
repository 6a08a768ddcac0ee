import { ProcessExec, SUSPEND } from "../libc/context.js";
import { Errno } from "../errno.js";
import { SpawnActionKind, SpawnFlags } from "../libc/l4posix_proc.js";
import { AccessMode, FileType } from "../vfs/types.js";
import { modeAllows } from "../vfs/mount_tree.js";
import { IdType } from "../libc/l4posix_waitid.js";
import { personalityOf } from "./process.js";
import { Disposition } from "./signal_state.js";
import { NSIG } from "./signals.js";
const DEFAULT_PATH = "/bin:/usr/bin";
const MAX_PROGRAM = 256 << 20;
function absolute(cwd, path) {
  if (path.startsWith("/")) return path;
  return (cwd.endsWith("/") ? cwd : cwd + "/") + path;
}
function readProgram(vfs, path, who) {
  const st = vfs.stat(path);
  if (typeof st === "number") return st;
  if (st.type !== FileType.RegularFile) return -Errno.EACCES;
  const x = vfs.access(path, AccessMode.X, true, who);
  if (x < 0) return x;
  if (st.size > MAX_PROGRAM) return -Errno.ENOEXEC;
  const f = vfs.open(path, { read: true, write: false });
  if (typeof f === "number") return f;
  try {
    return readWhole(f, Number(st.size));
  } finally {
    f.close();
  }
}
function readOpenProgram(f, who) {
  const st = f.stat();
  if (typeof st === "number") return st;
  if (st.type !== FileType.RegularFile) return -Errno.EACCES;
  if (!modeAllows(st.mode, st.type, AccessMode.X, who)) return -Errno.EACCES;
  if (st.size > MAX_PROGRAM) return -Errno.ENOEXEC;
  return readWhole(f, Number(st.size));
}
function readWhole(f, size) {
  const chunks = [];
  let total = 0;
  for (; ; ) {
    const b = new Uint8Array(Math.max(65536, size - total + 1));
    const n = f.pread(b, total);
    if (n < 0) return n;
    if (n === 0) break;
    chunks.push(b.subarray(0, n));
    total += n;
    if (total > MAX_PROGRAM) return -Errno.ENOEXEC;
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}
function findProgram(vfs, cwd, path, search, who) {
  if (path === "") return -Errno.ENOENT;
  if (search === void 0 || path.includes("/")) {
    const p = absolute(cwd, path);
    const bytes = readProgram(vfs, p, who);
    return typeof bytes === "number" ? bytes : { path: p, bytes };
  }
  let err = -Errno.ENOENT;
  for (const dir of (search === "" ? DEFAULT_PATH : search).split(":")) {
    const p = absolute(cwd, `${dir === "" ? "." : dir}/${path}`);
    const bytes = readProgram(vfs, p, who);
    if (typeof bytes !== "number") return { path: p, bytes };
    if (bytes === -Errno.EACCES) err = bytes;
    else if (bytes !== -Errno.ENOENT && bytes !== -Errno.ENOTDIR) return bytes;
  }
  return err;
}
const CWD_VARIABLE = "L4WASM_CWD";
function startEnv(image, env, cwd) {
  if (personalityOf(image.module) !== "posix") return env;
  return [...env.filter((e) => !e.startsWith(`${CWD_VARIABLE}=`)), `${CWD_VARIABLE}=${cwd}`];
}
function sigBit(sig, lo, hi) {
  return ((sig <= 32 ? lo : hi) & 1 << (sig - 1 & 31)) !== 0;
}
class ProcessControl {
  constructor(self, host) {
    this.self = self;
    this.host = host;
  }
  self;
  host;
  spawn(req) {
    if (this.self.restart?.kind !== "load" && this.host.table.usedCount >= this.host.table.limit) return -Errno.EAGAIN;
    const image = this.image(req);
    return typeof image === "number" ? image : this.startChild(image, req);
  }
  fork() {
    const o = this.self;
    if (o.restart?.kind === "fork-result") return o.restart.pid;
    if (!o.canFork) return -Errno.ENOSYS;
    if (this.host.table.usedCount >= this.host.table.limit) return -Errno.EAGAIN;
    return o.unwindForFork();
  }
  exec(req) {
    const image = this.image(req);
    if (typeof image === "number") return image;
    throw new ProcessExec({ image, args: req.argv, env: startEnv(image, req.envp, req.cwd) });
  }
  fexec(fd, req) {
    const image = this.image(req, fd);
    if (typeof image === "number") return image;
    throw new ProcessExec({ image, args: req.argv, env: startEnv(image, req.envp, req.cwd) });
  }
  /**
   * The program of a spawn or exec (of the file open as `fd`, for fexecve): its image, -errno,
   * or SUSPEND while it is prepared.
   */
  image(req, fd) {
    const o = this.self;
    let pending;
    if (o.restart?.kind === "load") {
      pending = o.restart.pending;
    } else {
      const who = { uid: o.identity.euid, gid: o.identity.egid };
      const found = fd === void 0 ? findProgram(o.vfs, req.cwd, req.path, req.search, who) : this.openProgram(fd, who);
      if (typeof found === "number") return found;
      pending = this.host.prepareImage(found.bytes, found.path);
    }
    if (pending.failed) return -Errno.ENOEXEC;
    if (pending.image !== void 0) return pending.image;
    o.restart = { kind: "load", pending };
    const source = {
      subscribe(wake) {
        let live = true;
        void pending.promise.finally(() => {
          if (live) wake();
        });
        return () => {
          live = false;
        };
      }
    };
    return o.wait({ sources: [source] });
  }
  /** The program open as descriptor `fd`: its bytes and the path it was opened by (else /dev/fd/N, as Linux names it). */
  openProgram(fd, who) {
    const e = this.self.fds.getFile(fd, 0);
    if (typeof e === "number") return e;
    const bytes = readOpenProgram(e.desc.file, who);
    return typeof bytes === "number" ? bytes : { path: e.desc.path ?? `/dev/fd/${fd}`, bytes };
  }
  startChild(image, req) {
    const o = this.self;
    const fds = o.fds.clone();
    for (const a of req.actions) {
      let r = 0;
      if (a.kind === SpawnActionKind.Close) {
        fds.close(a.fd);
      } else if (a.kind === SpawnActionKind.Dup2) {
        if (a.fd === a.newfd) {
          const e = fds.get(a.fd);
          if (e === void 0) r = -Errno.EBADF;
          else e.cloexec = false;
        } else {
          r = fds.dup2(a.fd, a.newfd);
        }
      } else {
        r = -Errno.EINVAL;
      }
      if (r < 0) {
        fds.closeAll();
        return r;
      }
    }
    fds.closeOnExec();
    if (personalityOf(image.module) === "wasi") fds.lowerPreopens();
    const st = o.signals.state;
    const sigmask = (req.flags & SpawnFlags.SETSIGMASK) !== 0 ? req.sigmask : [st.blockedLo, st.blockedHi];
    const ignored = [];
    for (let sig = 1; sig < NSIG; sig++) {
      if (st.action(sig).kind !== Disposition.Ignore) continue;
      if ((req.flags & SpawnFlags.SETSIGDEF) !== 0 && sigBit(sig, req.sigdefault[0], req.sigdefault[1])) continue;
      ignored.push(sig);
    }
    let pgid;
    if ((req.flags & SpawnFlags.SETPGROUP) !== 0) {
      if (req.pgroup < 0) {
        fds.closeAll();
        return -Errno.EINVAL;
      }
      if (req.pgroup !== 0 && this.host.table.group(req.pgroup).every((p) => p.identity.sid !== o.identity.sid)) {
        fds.closeAll();
        return -Errno.EPERM;
      }
      pgid = req.pgroup;
    }
    const pid = this.host.startChild(o, {
      image,
      args: req.argv,
      env: startEnv(image, req.envp, req.cwd),
      fds,
      cwd: req.cwd,
      pgid,
      newSession: (req.flags & SpawnFlags.SETSID) !== 0,
      sigmask,
      ignored
    });
    if (pid < 0) fds.closeAll();
    return pid;
  }
  waitpid(pid, options) {
    const o = this.self;
    const table = this.host.table;
    const r = table.wait(o, pid, options);
    if (r !== void 0) return r;
    return o.wait({ sources: [{ subscribe: (wake) => table.subscribeChildren(o, wake) }] }) === SUSPEND ? SUSPEND : -Errno.EINTR;
  }
  waitid(idtype, id, options) {
    const o = this.self;
    const table = this.host.table;
    const match = idtype === IdType.All ? () => true : idtype === IdType.Pid ? (c) => c.pid === id : (c) => c.identity.pgid === (id === 0 ? o.identity.pgid : id);
    const r = table.waitid(o, match, options);
    if (r !== void 0) return r;
    return o.wait({ sources: [{ subscribe: (wake) => table.subscribeChildren(o, wake) }] }) === SUSPEND ? SUSPEND : -Errno.EINTR;
  }
  setpgid(pid, pgid) {
    return this.host.table.setpgid(this.self, pid, pgid);
  }
  getpgid(pid) {
    const p = this.host.table.lookup(this.self, pid);
    return p === void 0 ? -Errno.ESRCH : p.identity.pgid;
  }
  setsid() {
    return this.host.table.setsid(this.self);
  }
  getsid(pid) {
    const p = this.host.table.lookup(this.self, pid);
    return p === void 0 ? -Errno.ESRCH : p.identity.sid;
  }
}
export {
  ProcessControl,
  findProgram,
  readProgram
};
