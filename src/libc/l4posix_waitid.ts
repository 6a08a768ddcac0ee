// l4posix, waitid (sysroot/src/waitid.c): waits for a child named by idtype and id (P_ALL, P_PID,
// P_PGID) to end (WEXITED) or stop (WSTOPPED), and reports it in a siginfo_t as Linux does;
// WNOWAIT leaves the child waitable. The wait itself is waitpid's (src/guest/process_table.ts).
import { Errno } from '../errno.js';
import type { L4posixContext } from './l4posix.js';

/** idtype_t (Linux values). P_PIDFD is not supported: EINVAL. */
export const enum IdType { All = 0, Pid = 1, Pgid = 2 }

const WNOHANG = 1;
const WSTOPPED = 2;
const WEXITED = 4;
const WCONTINUED = 8;
const WNOWAIT = 0x1000000;
const SIGCHLD = 17;
/** siginfo_t (musl, wasm32): si_signo 0, si_errno 4, si_code 8, si_pid 12, si_uid 16, si_status 20. */
const SIGINFO_SIZE = 128;

export const waitidCalls = {
  /** waitid(idtype, id, info, options): 0 (info filled; all zero with WNOHANG and no child ready; info may be NULL) or -errno. */
  waitid(c: L4posixContext, idtype: number, id: number, infoPtr: number, options: number): number {
    const b = c.procs;
    if (b === undefined) return -Errno.ENOSYS;
    infoPtr >>>= 0;
    id |= 0;
    if ((options & ~(WNOHANG | WSTOPPED | WEXITED | WCONTINUED | WNOWAIT)) !== 0) return -Errno.EINVAL;
    if ((options & (WSTOPPED | WEXITED | WCONTINUED)) === 0) return -Errno.EINVAL;
    if (idtype !== IdType.All && idtype !== IdType.Pid && idtype !== IdType.Pgid) return -Errno.EINVAL;
    if ((idtype === IdType.Pid && id <= 0) || (idtype === IdType.Pgid && id < 0)) return -Errno.EINVAL;
    const r = b.waitid(idtype, id, options);
    if (typeof r === 'number' && r !== 0) return r;
    if (infoPtr !== 0) {
      // As Linux: the child is reaped before the siginfo is found unwritable.
      const m = c.signals?.mem();
      if (m === undefined || !m.ok(infoPtr, SIGINFO_SIZE)) return -Errno.EFAULT;
      const v = m.view;
      const found = typeof r !== 'number';
      v.setInt32(infoPtr, found ? SIGCHLD : 0, true);
      v.setInt32(infoPtr + 4, 0, true);
      v.setInt32(infoPtr + 8, found ? r.code : 0, true);
      v.setInt32(infoPtr + 12, found ? r.pid : 0, true);
      v.setInt32(infoPtr + 16, found ? r.uid : 0, true);
      v.setInt32(infoPtr + 20, found ? r.status : 0, true);
    }
    return 0;
  },
};
