function shrink(a, n) {
  while (a.length > n) a.pop();
}
class Cursor {
  constructor(root) {
    this.root = root;
    this.nodes = [root];
    this.mounts = [root.mount];
  }
  root;
  /** Guest components of the current position (canonical: no '.', '..', symlinks). */
  names = [];
  /** Trie node per prefix (index 0: the root); undefined once below every mount point. */
  nodes;
  /** Depth (names.length) at which each mount on the way was entered, and those mounts. */
  depths = [0];
  mounts;
  /** Components still to walk, last-first. */
  pending = [];
  /** Symlinks followed so far. */
  hops = 0;
  /** The final component must be a directory (trailing slash). */
  mustDir = false;
  /** lstat of the final node when the walk fetched it (stat asks for it), else undefined. */
  stat = void 0;
  /** The depth a confined walk may not climb above (MountTree.confined); -1: not confined. */
  floor = -1;
  /** Starts a new walk at the guest root. */
  reset() {
    shrink(this.pending, 0);
    this.hops = 0;
    this.mustDir = false;
    this.stat = void 0;
    this.toRoot();
  }
  /** Back to '/' (absolute paths and absolute symlink targets). */
  toRoot() {
    shrink(this.names, 0);
    shrink(this.nodes, 1);
    shrink(this.depths, 1);
    shrink(this.mounts, 1);
    this.mounts[0] = this.root.mount;
  }
  get mount() {
    return this.mounts[this.mounts.length - 1];
  }
  get fs() {
    return this.mounts[this.mounts.length - 1].fs;
  }
  /** The trie node at the current position, if a mount point lies here or below. */
  get node() {
    return this.nodes[this.nodes.length - 1];
  }
  /** The trie node of `name` inside the current directory, if any. */
  child(name) {
    return this.nodes[this.nodes.length - 1]?.children.get(name);
  }
  /** The current position relative to its mount's root: what the back end is given. */
  rel() {
    return this.names.slice(this.depths[this.depths.length - 1]);
  }
  /** rel() plus one more component. */
  relWith(name) {
    const r = this.names.slice(this.depths[this.depths.length - 1]);
    r.push(name);
    return r;
  }
  /** '..': '/' stays '/', and a mount's root goes to the directory holding the mount point. */
  up() {
    if (this.names.length === 0) return;
    this.names.pop();
    this.nodes.pop();
    if (this.depths[this.depths.length - 1] > this.names.length) {
      this.depths.pop();
      this.mounts.pop();
    }
  }
  /** '..' for a confined walk: false (and no move) when it would climb above the floor. */
  upWithin() {
    if (this.floor >= 0 && this.names.length <= this.floor) return false;
    this.up();
    return true;
  }
  /** Enters `name`, crossing into a mount when one is mounted there. */
  down(name) {
    const node = this.nodes[this.nodes.length - 1]?.children.get(name);
    this.names.push(name);
    this.nodes.push(node);
    if (node?.mount !== void 0) {
      this.depths.push(this.names.length);
      this.mounts.push(node.mount);
    }
  }
  guestPath() {
    return "/" + this.names.join("/");
  }
}
export {
  Cursor
};
