// l4posix: process identity, answered from the process manager's record of the caller.
import type { L4posixContext } from './l4posix.js';

export const identityCalls = {
  getpid: (c: L4posixContext) => c.identity.pid,
  getppid: (c: L4posixContext) => c.identity.ppid,
  getuid: (c: L4posixContext, effective: number) => (effective ? c.identity.euid : c.identity.uid),
  getgid: (c: L4posixContext, effective: number) => (effective ? c.identity.egid : c.identity.gid),
};
