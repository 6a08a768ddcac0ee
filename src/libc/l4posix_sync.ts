// l4posix, sync (sysroot/src/sync.c): commits what the caller's open files hold to their storage.
// The machine keeps no cache of its own above the back ends, so the files open here are where
// written data can still wait (a host file in the host's page cache): each is synced as fsync
// would, and errors are not reported (sync has no result).
import type { L4posixContext } from './l4posix.js';

export const syncCalls = {
  sync(c: L4posixContext): number {
    const seen = new Set<unknown>();
    for (const fd of c.fds.fds()) {
      const file = c.fds.get(fd)?.file;
      if (file === undefined || seen.has(file)) continue;
      seen.add(file);
      file.sync();
    }
    return 0;
  },
};
