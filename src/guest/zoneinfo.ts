// Time-zone data for the guest: the host's zoneinfo directory, read-only at /usr/share/zoneinfo,
// where the C library's tz code (sysroot/src/tz.c) reads TZif files for TZ=Europe/Berlin and
// friends. Zone data is public and never written, so it is the one host directory a machine shows
// without being asked (MachineOptions.zoneinfo turns it off or names another directory). Without
// it, POSIX TZ strings still work and zone names fall back to UTC.
import { statSync } from 'node:fs';
import { HostFs, type HostFileBudget, type MountTree } from '../vfs/index.js';

/** Where the guest finds zone data (glibc's and musl's default TZDIR). */
export const ZONEINFO_GUEST = '/usr/share/zoneinfo';
/** Where the host keeps it (Linux, macOS and the BSDs). */
const ZONEINFO_HOST = '/usr/share/zoneinfo';

/** One read-only host file system per host directory, shared by every machine of this Node process. */
const shared = new Map<string, HostFs>();

function isDirectory(path: string): boolean {
  try { return statSync(path).isDirectory(); } catch { return false; }
}

/**
 * Mounts the zone data at /usr/share/zoneinfo: `hostDir` (default the host's own, when it exists),
 * unless the guest tree already shows something there (a host directory mounted at / or /usr).
 * A directory given explicitly that does not exist is a configuration error (thrown).
 */
export function mountZoneinfo(tree: MountTree, budget: HostFileBudget, hostDir: string | undefined): void {
  const dir = hostDir ?? ZONEINFO_HOST;
  if (!isDirectory(dir)) {
    if (hostDir !== undefined) throw new Error(`zoneinfo: '${hostDir}' is not a directory of the host (give the directory of TZif files, or false)`);
    return;
  }
  const holder = tree.mounts()
    .filter((m) => m.path === '/' || ZONEINFO_GUEST === m.path || ZONEINFO_GUEST.startsWith(m.path + '/'))
    .sort((a, b) => b.path.length - a.path.length)[0];
  // Only over the tree's own memory (or nothing): a host directory the user mounted stays as it is.
  if (holder !== undefined && holder.fs.name !== 'tmpfs') return;
  let fs = shared.get(dir);
  if (fs === undefined) {
    fs = new HostFs(dir, { readOnly: true });
    shared.set(dir, fs);
  }
  const r = tree.mount(ZONEINFO_GUEST, budget.wrap(fs));
  if (r < 0) throw new Error(`zoneinfo: cannot mount '${dir}' at ${ZONEINFO_GUEST} (errno ${-r})`);
}

