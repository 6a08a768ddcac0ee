// l4_decouple / l4_recouple (sysroot/include/l4/decouple.h): move the calling program to a core
// of its own, its calls then forwarded to the vCPU, and back. The guest does the moving.
import { Errno } from '../errno.js';
import type { L4posixContext } from './l4posix.js';

export const decoupleCalls = {
  decouple(c: L4posixContext): number { return c.decouple?.() ?? -Errno.ENOSYS; },
  recouple(c: L4posixContext): number { return c.recouple?.() ?? -Errno.ENOSYS; },
};
