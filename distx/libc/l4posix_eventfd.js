import { Errno } from "../errno.js";
import { insertObject } from "./fd_object.js";
import { O_CLOEXEC, O_NONBLOCK } from "./posix_abi.js";
import { EventFd } from "../vfs/eventfd.js";
const EFD_SEMAPHORE = 1;
const EFD_L4_EPOLL = 256;
const eventfdCalls = {
  /** eventfd: the new descriptor; -EINVAL for unknown flags, -EMFILE when the table is full. */
  eventfd(c, initval, flags) {
    if ((flags & ~(EFD_SEMAPHORE | EFD_L4_EPOLL | O_CLOEXEC | O_NONBLOCK)) !== 0) return -Errno.EINVAL;
    const epoll = (flags & EFD_L4_EPOLL) !== 0;
    const file = new EventFd(initval, (flags & EFD_SEMAPHORE) !== 0, epoll);
    return insertObject(c, file, flags);
  }
};
export {
  eventfdCalls
};
