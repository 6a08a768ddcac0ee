import type { FileSystem, Stat } from './types.js';
/** A node of the mount trie: one per guest directory that is, or lies above, a mount point. */
export interface TrieNode {
    readonly name: string;
    readonly parent: TrieNode | undefined;
    readonly children: Map<string, TrieNode>;
    mount: Mount | undefined;
    /** Inode number when the directory exists only because a mount lies below it. */
    readonly ino: bigint;
}
export interface Mount {
    readonly path: string;
    readonly fs: FileSystem;
    readonly node: TrieNode;
}
export declare class Cursor {
    private readonly root;
    /** Guest components of the current position (canonical: no '.', '..', symlinks). */
    readonly names: string[];
    /** Trie node per prefix (index 0: the root); undefined once below every mount point. */
    private readonly nodes;
    /** Depth (names.length) at which each mount on the way was entered, and those mounts. */
    private readonly depths;
    private readonly mounts;
    /** Components still to walk, last-first. */
    readonly pending: string[];
    /** Symlinks followed so far. */
    hops: number;
    /** The final component must be a directory (trailing slash). */
    mustDir: boolean;
    /** lstat of the final node when the walk fetched it (stat asks for it), else undefined. */
    stat: Stat | undefined;
    /** The depth a confined walk may not climb above (MountTree.confined); -1: not confined. */
    floor: number;
    constructor(root: TrieNode);
    /** Starts a new walk at the guest root. */
    reset(): void;
    /** Back to '/' (absolute paths and absolute symlink targets). */
    toRoot(): void;
    get mount(): Mount;
    get fs(): FileSystem;
    /** The trie node at the current position, if a mount point lies here or below. */
    get node(): TrieNode | undefined;
    /** The trie node of `name` inside the current directory, if any. */
    child(name: string): TrieNode | undefined;
    /** The current position relative to its mount's root: what the back end is given. */
    rel(): string[];
    /** rel() plus one more component. */
    relWith(name: string): string[];
    /** '..': '/' stays '/', and a mount's root goes to the directory holding the mount point. */
    up(): void;
    /** '..' for a confined walk: false (and no move) when it would climb above the floor. */
    upWithin(): boolean;
    /** Enters `name`, crossing into a mount when one is mounted there. */
    down(name: string): void;
    guestPath(): string;
}
