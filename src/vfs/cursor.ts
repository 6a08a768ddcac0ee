// A position in the guest tree during path resolution: the canonical guest components walked so
// far, the mount that owns the position and the components relative to that mount's root.
// Also holds the walk's pending components, its symlink count and the trailing-slash flag.
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

/** Drops `a`'s elements past `n`: V8 sets an array's length in a runtime call, pops inline (a walk resets four arrays). */
function shrink(a: unknown[], n: number): void {
  while (a.length > n) a.pop();
}

export class Cursor {
  /** Guest components of the current position (canonical: no '.', '..', symlinks). */
  readonly names: string[] = [];
  /** Trie node per prefix (index 0: the root); undefined once below every mount point. */
  private readonly nodes: (TrieNode | undefined)[];
  /** Depth (names.length) at which each mount on the way was entered, and those mounts. */
  private readonly depths: number[] = [0];
  private readonly mounts: Mount[];
  /** Components still to walk, last-first. */
  readonly pending: string[] = [];
  /** Symlinks followed so far. */
  hops = 0;
  /** The final component must be a directory (trailing slash). */
  mustDir = false;
  /** lstat of the final node when the walk fetched it (stat asks for it), else undefined. */
  stat: Stat | undefined = undefined;
  /** The depth a confined walk may not climb above (MountTree.confined); -1: not confined. */
  floor = -1;

  constructor(private readonly root: TrieNode) {
    this.nodes = [root];
    this.mounts = [root.mount!];
  }

  /** Starts a new walk at the guest root. */
  reset(): void {
    shrink(this.pending, 0);
    this.hops = 0;
    this.mustDir = false;
    this.stat = undefined;
    this.toRoot();
  }

  /** Back to '/' (absolute paths and absolute symlink targets). */
  toRoot(): void {
    shrink(this.names, 0);
    shrink(this.nodes, 1);
    shrink(this.depths, 1);
    shrink(this.mounts, 1);
    this.mounts[0] = this.root.mount!;
  }

  get mount(): Mount { return this.mounts[this.mounts.length - 1]!; }
  get fs(): FileSystem { return this.mounts[this.mounts.length - 1]!.fs; }
  /** The trie node at the current position, if a mount point lies here or below. */
  get node(): TrieNode | undefined { return this.nodes[this.nodes.length - 1]; }

  /** The trie node of `name` inside the current directory, if any. */
  child(name: string): TrieNode | undefined {
    return this.nodes[this.nodes.length - 1]?.children.get(name);
  }

  /** The current position relative to its mount's root: what the back end is given. */
  rel(): string[] {
    return this.names.slice(this.depths[this.depths.length - 1]);
  }

  /** rel() plus one more component. */
  relWith(name: string): string[] {
    const r = this.names.slice(this.depths[this.depths.length - 1]);
    r.push(name);
    return r;
  }

  /** '..': '/' stays '/', and a mount's root goes to the directory holding the mount point. */
  up(): void {
    if (this.names.length === 0) return;
    this.names.pop();
    this.nodes.pop();
    if (this.depths[this.depths.length - 1]! > this.names.length) {
      this.depths.pop();
      this.mounts.pop();
    }
  }

  /** '..' for a confined walk: false (and no move) when it would climb above the floor. */
  upWithin(): boolean {
    if (this.floor >= 0 && this.names.length <= this.floor) return false;
    this.up();
    return true;
  }

  /** Enters `name`, crossing into a mount when one is mounted there. */
  down(name: string): void {
    const node = this.nodes[this.nodes.length - 1]?.children.get(name);
    this.names.push(name);
    this.nodes.push(node);
    if (node?.mount !== undefined) {
      this.depths.push(this.names.length);
      this.mounts.push(node.mount);
    }
  }

  guestPath(): string {
    return '/' + this.names.join('/');
  }
}
