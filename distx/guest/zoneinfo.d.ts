import { type HostFileBudget, type MountTree } from '../vfs/index.js';
/** Where the guest finds zone data (glibc's and musl's default TZDIR). */
export declare const ZONEINFO_GUEST = "/usr/share/zoneinfo";
/**
 * Mounts the zone data at /usr/share/zoneinfo: `hostDir` (default the host's own, when it exists),
 * unless the guest tree already shows something there (a host directory mounted at / or /usr).
 * A directory given explicitly that does not exist is a configuration error (thrown).
 */
export declare function mountZoneinfo(tree: MountTree, budget: HostFileBudget, hostDir: string | undefined): void;
