// A descriptor for an object a call makes (eventfd, timerfd, signalfd): readable and writable,
// O_NONBLOCK and O_CLOEXEC taken from the call's flags, at the lowest free number; the object is
// closed again when no number is free (the call then fails with the table's -EMFILE).
import { FdFlags } from './abi.js';
import { rightsFor } from './fdtable.js';
import type { L4posixContext } from './l4posix.js';
import { O_CLOEXEC, O_NONBLOCK } from './posix_abi.js';
import type { OpenFile } from '../vfs/types.js';

export function insertObject(c: L4posixContext, file: OpenFile, flags: number): number {
  const fd = c.fds.insert(file, {
    rightsBase: rightsFor(file, true, true),
    flags: (flags & O_NONBLOCK) !== 0 ? FdFlags.NONBLOCK : 0,
    cloexec: (flags & O_CLOEXEC) !== 0,
  });
  if (fd < 0) file.close();
  return fd;
}
