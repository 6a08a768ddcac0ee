// The VFS: mount tree, file objects and back ends, and the default tree a machine boots with.
import type { Dataspace } from '../l4re/dataspace.js';
import { MountTree } from './mount_tree.js';
import { TmpFs, type TmpFsBudget } from './tmpfs.js';
import { RoFs } from './rofs.js';
import { DevFs } from './devfs.js';
import { HostFs } from './hostfs.js';
import type { ConsoleFiles } from './console.js';
import type { HostFileBudget } from './host_files.js';
import type { FileSystem } from './types.js';
import { errnoName } from '../errno.js';

export * from './types.js';
export { BaseFile, PositionedFile, DirectoryFile } from './file.js';
export { BaseFileSystem } from './filesystem.js';
export { MountTree } from './mount_tree.js';
export { TmpFs, type TmpFsBudget, type TmpFsOptions } from './tmpfs.js';
export { RoFs } from './rofs.js';
export { HostFs, type HostFsOptions } from './hostfs.js';
export { HostFileBudget, defaultHostFileLimit } from './host_files.js';
export { DevFs, devStdioIndex, type DevFsOptions } from './devfs.js';
export { ConsoleInput, ConsoleOutput, ConsoleTerminal, type ConsoleFiles, type ConsoleOptions } from './console.js';
export { Pipe, PipeReadEnd, PipeWriteEnd, createPipe, PIPE_BUF, PIPE_CAPACITY } from './pipe.js';
export { WaitQueue } from '../wait_queue.js';
export { makeStat, nextDeviceId } from './stat.js';
export { errnoFromError } from './errno_map.js';

/** A host directory to mount: `l4wasm run --dir host:guest[:ro]`. */
export interface HostDirMount {
  host: string;
  guest: string;
  readOnly?: boolean;
}

export interface DefaultTreeOptions {
  /** Boot modules, shown under /rom (by map key, or by each dataspace's name). */
  roms?: ReadonlyMap<string, Dataspace> | Iterable<Dataspace>;
  /** The machine console behind /dev/tty. */
  console?: ConsoleFiles;
  /** Host directories; one mounted at '/' replaces the root tmpfs. */
  dirs?: readonly HostDirMount[];
  /** The host descriptors the host directories' open files may hold (ENFILE beyond). */
  hostFiles?: HostFileBudget;
  /** Gets the host directories' file systems, for the machine to close at its shutdown. */
  created?: FileSystem[];
  /** The bytes the tree's tmpfs mounts ('/', /tmp, /dev/shm) may hold together. */
  tmpfsBudget?: TmpFsBudget;
}

/**
 * The tree a machine boots with: '/' tmpfs, /rom the boot modules (rofs), /dev devfs, /tmp a
 * tmpfs of its own, then the host directories. A host directory that cannot be mounted is a
 * configuration error and throws, naming the directory.
 */
export function createDefaultTree(options: DefaultTreeOptions = {}): MountTree {
  const dirs = options.dirs ?? [];
  const hostRoot = dirs.find((d) => isRootPath(d.guest));
  const budget = options.hostFiles;
  const host = (d: HostDirMount): FileSystem => {
    const fs = new HostFs(d.host, { readOnly: d.readOnly });
    options.created?.push(fs);
    return budget === undefined ? fs : budget.wrap(fs);
  };
  const memory = () => new TmpFs(undefined, { budget: options.tmpfsBudget });
  const tree = new MountTree(hostRoot !== undefined ? host(hostRoot) : memory());
  mountOrThrow(tree, '/rom', new RoFs(options.roms ?? []));
  mountOrThrow(tree, '/dev', new DevFs({ console: options.console }));
  // POSIX shared memory and named semaphores (shm_open, sem_open) are files here, as on Linux.
  mountOrThrow(tree, '/dev/shm', memory());
  mountOrThrow(tree, '/tmp', memory());
  for (const d of dirs) {
    if (d === hostRoot) continue;
    mountOrThrow(tree, d.guest, host(d), d.host);
  }
  return tree;
}

function isRootPath(p: string): boolean {
  for (let i = 0; i < p.length; i++) if (p[i] !== '/') return false;
  return p.length > 0;
}

function mountOrThrow(tree: MountTree, guest: string, fs: FileSystem, host?: string): void {
  const r = tree.mount(guest, fs);
  if (r < 0) {
    const what = host !== undefined ? `host directory '${host}'` : fs.name;
    throw new Error(`cannot mount ${what} at '${guest}': ${errnoName(r)} (use an absolute guest path that is not already a mount point)`);
  }
}
