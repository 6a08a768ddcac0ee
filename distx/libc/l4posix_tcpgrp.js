import { Errno } from "../errno.js";
const machines = /* @__PURE__ */ new WeakMap();
function terminal(c, fd) {
  const e = c.fds.get(fd);
  if (e === void 0) return -Errno.EBADF;
  if (!e.file.isTerminal) return -Errno.ENOTTY;
  const st = e.file.stat();
  return typeof st === "number" ? st : `${st.dev}:${st.ino}`;
}
function foregrounds(c) {
  let m = machines.get(c.vfs);
  if (m === void 0) machines.set(c.vfs, m = /* @__PURE__ */ new Map());
  return m;
}
const tcpgrpCalls = {
  /** tcgetpgrp(fd): the foreground group of the terminal at fd; -EBADF, -ENOTTY. */
  tcgetpgrp(c, fd) {
    const t = terminal(c, fd);
    if (typeof t === "number") return t;
    const f = foregrounds(c).get(t);
    return f !== void 0 && f.sid === c.identity.sid ? f.pgid : c.identity.sid;
  },
  /**
   * tcsetpgrp(fd, pgrp): makes pgrp, a group of the caller's session, the terminal's foreground
   * group; -EBADF, -ENOTTY, -EINVAL (negative), -EPERM (no such group in the session).
   */
  tcsetpgrp(c, fd, pgrp) {
    const t = terminal(c, fd);
    if (typeof t === "number") return t;
    pgrp |= 0;
    if (pgrp < 0) return -Errno.EINVAL;
    const sid = c.identity.sid;
    if (pgrp !== c.identity.pgid) {
      const exists = pgrp > 0 && c.signals !== void 0 && c.signals.kill(-pgrp, 0) === 0;
      const leaderSid = c.procs?.getsid(pgrp);
      if (!exists || leaderSid !== void 0 && leaderSid >= 0 && leaderSid !== sid) return -Errno.EPERM;
    }
    foregrounds(c).set(t, { sid, pgid: pgrp });
    return 0;
  }
};
export {
  tcpgrpCalls
};
