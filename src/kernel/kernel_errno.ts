// What a failed kernel operation means to a POSIX caller: the one mapping from kernel errors to
// errno. Servers answer with -Errno in the reply label; kernel errors stay inside the kernel's
// results and become errno here, where a backend turns them into a call's result.
import { Errno } from '../errno.js';
import { KErr } from './abi.js';

/** -Errno for a kernel result -KErr (0 and positive results pass through). */
export function errnoOfKernel(r: number): number {
  if (r >= 0) return r;
  switch (-r as KErr) {
    case KErr.InvalidCap: case KErr.WrongType: case KErr.InvalidHandle: return -Errno.EBADF;
    case KErr.NoRights: return -Errno.EPERM;
    case KErr.NoMem: case KErr.NoSpace: return -Errno.ENOMEM;
    case KErr.Timeout: return -Errno.ETIMEDOUT;
    case KErr.Canceled: return -Errno.EINTR;
    case KErr.DeadPartner: case KErr.NoPartner: case KErr.Terminated: return -Errno.ESRCH;
    case KErr.WouldBlock: return -Errno.EAGAIN;
    case KErr.InvalidArg: case KErr.OutOfRange: return -Errno.EINVAL;
    case KErr.SlotInUse: case KErr.Overlap: return -Errno.EEXIST;
    case KErr.NotFound: return -Errno.ENOENT;
    case KErr.MsgCut: return -Errno.EMSGSIZE;
    default: return -Errno.EIO;
  }
}
