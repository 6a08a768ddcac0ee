// l4posix, eventfd(initval, flags): a new counter object (src/vfs/eventfd.ts) at the lowest free
// descriptor. The same call makes the descriptor of an epoll instance (sysroot/src/epoll.c), an
// object that is never ready and cannot be read, so that epoll_create1 gets a real, closable,
// inheritable descriptor with an inode of its own.
import { Errno } from '../errno.js';
import type { L4posixContext } from './l4posix.js';
import { insertObject } from './fd_object.js';
import { O_CLOEXEC, O_NONBLOCK } from './posix_abi.js';
import { EventFd } from '../vfs/eventfd.js';

/** sys/eventfd.h's EFD_SEMAPHORE (EFD_CLOEXEC and EFD_NONBLOCK are O_CLOEXEC and O_NONBLOCK). */
const EFD_SEMAPHORE = 1;
/** l4wasm's own bit (sysroot/src/epoll.c): the object is an epoll instance. */
const EFD_L4_EPOLL = 0x100;

export const eventfdCalls = {
  /** eventfd: the new descriptor; -EINVAL for unknown flags, -EMFILE when the table is full. */
  eventfd(c: L4posixContext, initval: number, flags: number): number {
    if ((flags & ~(EFD_SEMAPHORE | EFD_L4_EPOLL | O_CLOEXEC | O_NONBLOCK)) !== 0) return -Errno.EINVAL;
    const epoll = (flags & EFD_L4_EPOLL) !== 0;
    const file = new EventFd(initval, (flags & EFD_SEMAPHORE) !== 0, epoll);
    return insertObject(c, file, flags);
  },
};
