// l4posix, the terminal's foreground process group (sysroot/src/tcpgrp.c): tcgetpgrp, tcsetpgrp.
// The foreground group belongs to the terminal, so every process of the machine that has it open
// (by any descriptor or open of it) sees the same one; until a process sets it, it is the group
// of the session's leader (the session's id), the group a shell would have made the foreground.
// Only terminals have one: ENOTTY otherwise.
import { Errno } from '../errno.js';
import type { Vfs } from '../vfs/types.js';
import type { L4posixContext } from './l4posix.js';

interface Foreground { sid: number; pgid: number }

/** Each machine's terminals' foreground groups (set by tcsetpgrp), by the terminal's "dev:ino". */
const machines = new WeakMap<Vfs, Map<string, Foreground>>();

/** The terminal at fd, named by its node (every open of /dev/tty is one terminal); or -errno. */
function terminal(c: L4posixContext, fd: number): string | number {
  const e = c.fds.get(fd);
  if (e === undefined) return -Errno.EBADF;
  if (!e.file.isTerminal) return -Errno.ENOTTY;
  const st = e.file.stat();
  return typeof st === 'number' ? st : `${st.dev}:${st.ino}`;
}

function foregrounds(c: L4posixContext): Map<string, Foreground> {
  let m = machines.get(c.vfs);
  if (m === undefined) machines.set(c.vfs, (m = new Map()));
  return m;
}

export const tcpgrpCalls = {
  /** tcgetpgrp(fd): the foreground group of the terminal at fd; -EBADF, -ENOTTY. */
  tcgetpgrp(c: L4posixContext, fd: number): number {
    const t = terminal(c, fd);
    if (typeof t === 'number') return t;
    const f = foregrounds(c).get(t);
    // Set within another session (a session of its own since): that session's business, not ours.
    return f !== undefined && f.sid === c.identity.sid ? f.pgid : c.identity.sid;
  },

  /**
   * tcsetpgrp(fd, pgrp): makes pgrp, a group of the caller's session, the terminal's foreground
   * group; -EBADF, -ENOTTY, -EINVAL (negative), -EPERM (no such group in the session).
   */
  tcsetpgrp(c: L4posixContext, fd: number, pgrp: number): number {
    const t = terminal(c, fd);
    if (typeof t === 'number') return t;
    pgrp |= 0;
    if (pgrp < 0) return -Errno.EINVAL;
    const sid = c.identity.sid;
    if (pgrp !== c.identity.pgid) {
      // The group must have a member (kill's existence check) and be of the caller's session.
      const exists = pgrp > 0 && c.signals !== undefined && c.signals.kill(-pgrp, 0) === 0;
      const leaderSid = c.procs?.getsid(pgrp);
      if (!exists || (leaderSid !== undefined && leaderSid >= 0 && leaderSid !== sid)) return -Errno.EPERM;
    }
    foregrounds(c).set(t, { sid, pgid: pgrp });
    return 0;
  },
};
