import type { Dataspace } from '../l4re/dataspace.js';
import { MountTree } from './mount_tree.js';
import { type TmpFsBudget } from './tmpfs.js';
import type { ConsoleFiles } from './console.js';
import type { HostFileBudget } from './host_files.js';
import type { FileSystem } from './types.js';
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
export declare function createDefaultTree(options?: DefaultTreeOptions): MountTree;
