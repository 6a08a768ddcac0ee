const MAX_LENT_DIRS = 4;
const ENTRY_BYTES = 224;
const HEADER_BYTES = 64;
const TEXT_AT = 32;
const ABSOLUTE = -1;
const MAX_TEXT = ENTRY_BYTES - TEXT_AT;
const DIR_LENDING_BYTES = HEADER_BYTES + MAX_LENT_DIRS * ENTRY_BYTES;
var LentFor = /* @__PURE__ */ ((LentFor2) => {
  LentFor2[LentFor2["Unlink"] = 1] = "Unlink";
  LentFor2[LentFor2["Open"] = 2] = "Open";
  LentFor2[LentFor2["OpenToWrite"] = 4] = "OpenToWrite";
  return LentFor2;
})(LentFor || {});
function readLentDirs(buffer) {
  const i32 = new Int32Array(buffer);
  const u8 = new Uint8Array(buffer);
  const dirs = /* @__PURE__ */ new Map();
  for (let e = 0; e < MAX_LENT_DIRS; e++) {
    const at = HEADER_BYTES + e * ENTRY_BYTES;
    if (i32[at >> 2] === 0) continue;
    const prefixLen = i32[(at >> 2) + 2], hostLen = i32[(at >> 2) + 3], dirfd = i32[(at >> 2) + 6];
    const text = at + TEXT_AT;
    const list = dirs.get(dirfd) ?? [];
    dirs.set(dirfd, list);
    list.push({
      dirfd,
      generation: i32[(at >> 2) + 1],
      prefix: u8.slice(text, text + prefixLen),
      hostDir: Buffer.from(u8.subarray(text + prefixLen, text + prefixLen + hostLen)).toString("latin1"),
      dev: new BigInt64Array(buffer, at + 16, 1)[0],
      unlink: (i32[(at >> 2) + 7] & 1 /* Unlink */) !== 0,
      lentFor: i32[(at >> 2) + 7],
      entry: e
    });
  }
  return dirs;
}
const tableVersion = (buffer) => Atomics.load(new Int32Array(buffer, 0, 1), 0);
function lendableDir(vfs, dir, prefix) {
  if (vfs.leafMountAt === void 0 || vfs.generation === void 0) return void 0;
  const absolute = prefix.startsWith("/");
  if (!absolute && dir === void 0) return void 0;
  const path = absolute ? prefix === "/" ? "/" : prefix.slice(0, -1) : prefix === "" ? dir.path : (dir.path === "/" ? "/" : dir.path + "/") + prefix.slice(0, -1);
  const fs = vfs.leafMountAt(path);
  const root = fs?.lendableRoot?.();
  if (root === void 0) return void 0;
  const generation = Atomics.load(vfs.generation, 0);
  const budget = fs.hostFileBudget, adopt = fs.adoptHostFile;
  return {
    hostDir: root.hostDir,
    dev: root.dev,
    generation,
    hold: fs,
    path,
    // Opens: through a descriptor (path_open has one), of a mount that counts its files.
    opens: !absolute && budget !== void 0 && adopt !== void 0 ? { budget, write: !fs.readOnly, adopt: adopt.bind(fs) } : void 0,
    // Absolute paths: stat only (path_unlink_file's descriptor is checked for its right even then).
    unlink: !absolute && dir.unlink && !fs.readOnly,
    valid: () => Atomics.load(vfs.generation, 0) === generation && (absolute || dir.valid())
  };
}
function isLendablePrefix(p) {
  if (p === "" || p === "/") return true;
  if (p.length > MAX_TEXT / 2 || !p.endsWith("/")) return false;
  for (const name of p.slice(p.startsWith("/") ? 1 : 0, -1).split("/")) {
    if (name === "" || name === "." || name === "..") return false;
  }
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c < 32 || c > 126) return false;
  }
  return true;
}
class LentDirTable {
  buffer = new SharedArrayBuffer(DIR_LENDING_BYTES);
  i32 = new Int32Array(this.buffer);
  u8 = new Uint8Array(this.buffer);
  slots = new Array(MAX_LENT_DIRS).fill(void 0);
  next = 0;
  /** Whether descriptor `dirfd` is lent with prefix `prefix` (for unlinking too, if `unlink`). */
  has(dirfd, prefix, unlink) {
    return this.slots.some((s) => s !== void 0 && s.dirfd === dirfd && s.prefix === prefix && (s.lent.unlink || !unlink));
  }
  get size() {
    return this.slots.reduce((n, s) => n + (s === void 0 ? 0 : 1), 0);
  }
  /**
   * Lends `dirfd` for paths starting with `prefix` (isLendablePrefix), in place of its earlier entry
   * (ABSOLUTE: of the same prefix), a free one or the oldest.
   */
  lend(dirfd, prefix, lent) {
    const text = prefix + lent.hostDir;
    if (text.length > MAX_TEXT) return;
    let e = this.slots.findIndex((s) => s?.dirfd === dirfd && (dirfd !== ABSOLUTE || s.prefix === prefix));
    if (e < 0) e = this.slots.indexOf(void 0);
    if (e < 0) e = this.next++ % MAX_LENT_DIRS;
    this.slots[e] = { dirfd, prefix, lent };
    const at = HEADER_BYTES + e * ENTRY_BYTES;
    const w = at >> 2;
    this.i32[w + 1] = lent.generation;
    this.i32[w + 2] = prefix.length;
    this.i32[w + 3] = lent.hostDir.length;
    new BigInt64Array(this.buffer, at + 16, 1)[0] = lent.dev;
    this.u8.set(Buffer.from(text, "latin1"), at + TEXT_AT);
    this.i32[w + 6] = dirfd;
    this.i32[w + 7] = (lent.unlink ? 1 /* Unlink */ : 0) | (lent.opens !== void 0 ? 2 /* Open */ : 0) | (lent.opens?.write === true ? 4 /* OpenToWrite */ : 0);
    this.i32[w] = 1;
    Atomics.add(this.i32, 0, 1);
  }
  /** What entry `e` lends, if it is in use. */
  at(e) {
    return this.slots[e];
  }
  /** Withdraws every entry that no longer holds (after each forwarded call: it may have changed that). */
  check() {
    for (let e = 0; e < MAX_LENT_DIRS; e++) {
      const s = this.slots[e];
      if (s !== void 0 && !s.lent.valid()) this.withdraw(e);
    }
  }
  /** Withdraws every entry (the program ends, or nothing may be lent any more). */
  clear() {
    for (let e = 0; e < MAX_LENT_DIRS; e++) if (this.slots[e] !== void 0) this.withdraw(e);
  }
  withdraw(e) {
    this.slots[e] = void 0;
    this.i32[HEADER_BYTES + e * ENTRY_BYTES >> 2] = 0;
    Atomics.add(this.i32, 0, 1);
  }
}
export {
  ABSOLUTE,
  DIR_LENDING_BYTES,
  LentDirTable,
  LentFor,
  MAX_LENT_DIRS,
  isLendablePrefix,
  lendableDir,
  readLentDirs,
  tableVersion
};
