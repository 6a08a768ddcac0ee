import type { Dataspace } from '../l4re/dataspace.js';
import { FileType, type OpenFile, type OpenFlags, type Stat } from './types.js';
import { BaseFileSystem } from './filesystem.js';
interface RoDir {
    readonly dir: true;
    readonly ino: bigint;
    readonly children: Map<string, RoNode>;
}
interface RoLeaf {
    readonly dir: false;
    readonly ino: bigint;
    readonly ds: Dataspace;
}
type RoNode = RoDir | RoLeaf;
export declare class RoFs extends BaseFileSystem {
    readonly name = "rofs";
    readonly readOnly = true;
    private readonly root;
    private nextIno;
    /** Boot modules do not change: every node carries the time the file system was built. */
    private readonly timeNs;
    /** From named dataspaces, or from dataspaces named by their own `name`. */
    constructor(roms?: ReadonlyMap<string, Dataspace> | Iterable<Dataspace>);
    /** Places one module; a bad name is a configuration error of the host, reported by throwing. */
    private add;
    private find;
    /** Modules are read-only and executable (r-xr-xr-x): programs are started from them, as L4Re starts them from its ROM. */
    statOf(node: RoNode): Stat;
    /** lstat/stat: modules are regular files, name prefixes directories. */
    lstat(path: readonly string[]): Stat | number;
    typeOf(path: readonly string[]): FileType | number;
    /** open: a Ro_file or a directory listing; anything that would write is EROFS. */
    open(path: readonly string[], flags: OpenFlags): OpenFile | number;
}
export {};
