import { Errno } from "../errno.js";
var IdType = /* @__PURE__ */ ((IdType2) => {
  IdType2[IdType2["All"] = 0] = "All";
  IdType2[IdType2["Pid"] = 1] = "Pid";
  IdType2[IdType2["Pgid"] = 2] = "Pgid";
  return IdType2;
})(IdType || {});
const WNOHANG = 1;
const WSTOPPED = 2;
const WEXITED = 4;
const WCONTINUED = 8;
const WNOWAIT = 16777216;
const SIGCHLD = 17;
const SIGINFO_SIZE = 128;
const waitidCalls = {
  /** waitid(idtype, id, info, options): 0 (info filled; all zero with WNOHANG and no child ready; info may be NULL) or -errno. */
  waitid(c, idtype, id, infoPtr, options) {
    const b = c.procs;
    if (b === void 0) return -Errno.ENOSYS;
    infoPtr >>>= 0;
    id |= 0;
    if ((options & ~(WNOHANG | WSTOPPED | WEXITED | WCONTINUED | WNOWAIT)) !== 0) return -Errno.EINVAL;
    if ((options & (WSTOPPED | WEXITED | WCONTINUED)) === 0) return -Errno.EINVAL;
    if (idtype !== 0 /* All */ && idtype !== 1 /* Pid */ && idtype !== 2 /* Pgid */) return -Errno.EINVAL;
    if (idtype === 1 /* Pid */ && id <= 0 || idtype === 2 /* Pgid */ && id < 0) return -Errno.EINVAL;
    const r = b.waitid(idtype, id, options);
    if (typeof r === "number" && r !== 0) return r;
    if (infoPtr !== 0) {
      const m = c.signals?.mem();
      if (m === void 0 || !m.ok(infoPtr, SIGINFO_SIZE)) return -Errno.EFAULT;
      const v = m.view;
      const found = typeof r !== "number";
      v.setInt32(infoPtr, found ? SIGCHLD : 0, true);
      v.setInt32(infoPtr + 4, 0, true);
      v.setInt32(infoPtr + 8, found ? r.code : 0, true);
      v.setInt32(infoPtr + 12, found ? r.pid : 0, true);
      v.setInt32(infoPtr + 16, found ? r.uid : 0, true);
      v.setInt32(infoPtr + 20, found ? r.status : 0, true);
    }
    return 0;
  }
};
export {
  IdType,
  waitidCalls
};
