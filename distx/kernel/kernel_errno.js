import { Errno } from "../errno.js";
import { KErr } from "./abi.js";
function errnoOfKernel(r) {
  if (r >= 0) return r;
  switch (-r) {
    case KErr.InvalidCap:
    case KErr.WrongType:
    case KErr.InvalidHandle:
      return -Errno.EBADF;
    case KErr.NoRights:
      return -Errno.EPERM;
    case KErr.NoMem:
    case KErr.NoSpace:
      return -Errno.ENOMEM;
    case KErr.Timeout:
      return -Errno.ETIMEDOUT;
    case KErr.Canceled:
      return -Errno.EINTR;
    case KErr.DeadPartner:
    case KErr.NoPartner:
    case KErr.Terminated:
      return -Errno.ESRCH;
    case KErr.WouldBlock:
      return -Errno.EAGAIN;
    case KErr.InvalidArg:
    case KErr.OutOfRange:
      return -Errno.EINVAL;
    case KErr.SlotInUse:
    case KErr.Overlap:
      return -Errno.EEXIST;
    case KErr.NotFound:
      return -Errno.ENOENT;
    case KErr.MsgCut:
      return -Errno.EMSGSIZE;
    default:
      return -Errno.EIO;
  }
}
export {
  errnoOfKernel
};
