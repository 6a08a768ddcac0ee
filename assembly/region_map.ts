// Region map: per task, which address ranges map which dataspace (at which offset). Attach at a
// fixed address or search a free range in [lo, hi); detach any sub-range (cutting the edges of
// regions, or splitting one in two); look up by address. Each region holds one reference on its
// dataspace id (dataspace.ts): a split adds one, a detach drops one.
import { Err } from './errors';
import { kmemAlloc, kmemFree, kmemBlockSize } from './kmem';
import { kobj } from './kobject';
import { Task, TaskState } from './task';
import { factoryHasQuota, factoryCharge, factoryUncharge } from './factory';
import { DsRef, dsFindOrCreate, dsAddRef, dsDropRef } from './dataspace';

/** Attach flags: search a free range instead of using the given address. */
export enum RmFlags { Search = 1, ReadOnly = 2 }

@inline const SPACE_END: u64 = 0x1_0000_0000;

// Region (32-byte block), element of the task's list sorted by start:
//
//   +0   u32 next
//   +4   u32 start
//   +8   u32 size      bytes (> 0; start + size <= 2^32)
//   +12  u32 offset    into the dataspace
//   +16  u32 flags     RmFlags given at attach (ReadOnly)
//   +20  u32 ds        DsRef of the dataspace
@unmanaged export class Region {
  next: usize;
  start: u32;
  size: u32;
  offset: u32;
  flags: u32;
  ds: usize;
}

@inline function region(p: usize): Region { return changetype<Region>(p); }
@inline function regionEnd(p: usize): u64 { return <u64>region(p).start + <u64>region(p).size; }
@inline const REGION_SIZE: u32 = 32;

@inline function isU32Range(v: f64): bool { return v >= 0 && v <= 4294967296.0 && v == Math.floor(v); }

/** The task's factory pays for region nodes. */
function nodeAlloc(task: usize): usize {
  const f = kobj(task).factory;
  const bytes = kmemBlockSize(REGION_SIZE);
  if (f != 0 && !factoryHasQuota(f, bytes)) return 0;
  const p = kmemAlloc(REGION_SIZE);
  if (p != 0 && f != 0) factoryCharge(f, bytes);
  return p;
}

function nodeFree(task: usize, p: usize): void {
  const f = kobj(task).factory;
  kmemFree(p, REGION_SIZE);
  if (f != 0) factoryUncharge(f, kmemBlockSize(REGION_SIZE));
}

/** Is [a, b) free of regions? */
function rangeFree(task: usize, a: u64, b: u64): bool {
  let p = changetype<Task>(task).regions;
  while (p != 0) {
    if (<u64>region(p).start >= b) return true;
    if (regionEnd(p) > a) return false;
    p = region(p).next;
  }
  return true;
}

/** Lowest `align`-aligned start of a free range of `size` bytes in [lo, hi); SPACE_END if none. */
function findFree(task: usize, size: u64, lo: u64, hi: u64, align: u64): u64 {
  let a = (lo + align - 1) & ~(align - 1);
  let p = changetype<Task>(task).regions;
  while (true) {
    if (a + size > hi) return SPACE_END;
    // Skip regions that end before the candidate; stop at the first one that could collide.
    while (p != 0 && regionEnd(p) <= a) p = region(p).next;
    if (p == 0 || <u64>region(p).start >= a + size) return a;
    a = (regionEnd(p) + align - 1) & ~(align - 1);
  }
}

function insertSorted(task: usize, n: usize): void {
  const t = changetype<Task>(task);
  let prev: usize = 0;
  let cur = t.regions;
  while (cur != 0 && region(cur).start < region(n).start) { prev = cur; cur = region(cur).next; }
  region(n).next = cur;
  if (prev == 0) t.regions = n; else region(prev).next = n;
  t.regionCount = t.regionCount + 1;
}

/**
 * Attaches `size` bytes of dataspace `ds` at `offset`. Fixed: at `addr`, which must lie in
 * [lo, hi) and not overlap; Search: the lowest free `align`-aligned range in [lo, hi).
 * Returns the address, or a negative error.
 */
export function attachRegion(task: usize, addr: f64, size: f64, ds: u32, offset: f64, flags: u32,
                             lo: f64, hi: f64, align: f64): f64 {
  if (changetype<Task>(task).state != TaskState.Alive) return -Err.Terminated;
  if (!isU32Range(addr) || !isU32Range(size) || !isU32Range(lo) || !isU32Range(hi) ||
      !isU32Range(offset) || !isU32Range(align)) return -Err.InvalidArg;
  const sz = <u64>size;
  const a0 = <u64>addr;
  const l = <u64>lo;
  const h = <u64>hi;
  let al = <u64>align;
  if (al == 0) al = 1;
  if (sz == 0 || sz >= SPACE_END || ds == 0 || l >= h || offset >= 4294967296.0 ||
      (al & (al - 1)) != 0) return -Err.InvalidArg;
  let start: u64;
  if ((flags & RmFlags.Search) != 0) {
    start = findFree(task, sz, l, h, al);
    if (start == SPACE_END) return -Err.NoSpace;
  } else {
    if (a0 < l || a0 + sz > h) return -Err.OutOfRange;
    if (!rangeFree(task, a0, a0 + sz)) return -Err.Overlap;
    start = a0;
  }
  const n = nodeAlloc(task);
  if (n == 0) return -Err.NoMem;
  const d = dsFindOrCreate(ds);
  if (d == 0) { nodeFree(task, n); return -Err.NoMem; }
  const r = region(n);
  r.start = <u32>start;
  r.size = <u32>sz;
  r.offset = <u32>(<u64>offset);
  r.flags = flags & RmFlags.ReadOnly;
  r.ds = d;
  dsAddRef(d);
  insertSorted(task, n);
  return <f64>start;
}

/**
 * Detaches [addr, addr + size): regions inside go (dataspace reference dropped), regions across
 * an edge are cut, a region containing the whole range is split in two (reference added).
 * Returns the number of regions affected.
 */
export function detachRegion(task: usize, addr: f64, size: f64): i32 {
  if (!isU32Range(addr) || !isU32Range(size)) return -Err.InvalidArg;
  const a = <u64>addr;
  const b = a + <u64>size;
  if (size == 0 || b > SPACE_END) return -Err.InvalidArg;
  const t = changetype<Task>(task);
  // A split needs a node: get it before changing anything.
  let spare: usize = 0;
  let p = t.regions;
  while (p != 0 && <u64>region(p).start < a) {
    if (regionEnd(p) > b) {
      spare = nodeAlloc(task);
      if (spare == 0) return -Err.NoMem;
      break;
    }
    p = region(p).next;
  }
  let count = 0;
  let prev: usize = 0;
  p = t.regions;
  while (p != 0) {
    const r = region(p);
    const s = <u64>r.start;
    const e = regionEnd(p);
    const next = r.next;
    if (e <= a) { prev = p; p = next; continue; }
    if (s >= b) break;
    count++;
    if (s < a && e > b) {
      const n = region(spare);
      n.start = <u32>b;
      n.size = <u32>(e - b);
      n.offset = r.offset + <u32>(b - s);
      n.flags = r.flags;
      n.ds = r.ds;
      dsAddRef(r.ds);
      r.size = <u32>(a - s);
      n.next = next;
      r.next = spare;
      t.regionCount = t.regionCount + 1;
      break;
    }
    if (s < a) {
      r.size = <u32>(a - s);
      prev = p;
    } else if (e > b) {
      r.offset = r.offset + <u32>(b - s);
      r.start = <u32>b;
      r.size = <u32>(e - b);
      break;
    } else {
      if (prev == 0) t.regions = next; else region(prev).next = next;
      t.regionCount = t.regionCount - 1;
      dsDropRef(r.ds);
      nodeFree(task, p);
    }
    p = next;
  }
  return count;
}

/** Writes start, size, ds id, offset, flags of the region containing `addr` to `out`. */
export function lookupRegion(task: usize, addr: f64, out: usize): i32 {
  if (!isU32Range(addr)) return -Err.InvalidArg;
  const a = <u64>addr;
  let p = changetype<Task>(task).regions;
  while (p != 0 && <u64>region(p).start <= a) {
    if (regionEnd(p) > a) {
      const r = region(p);
      store<u32>(out, r.start, 0);
      store<u32>(out, r.size, 4);
      store<u32>(out, changetype<DsRef>(r.ds).id, 8);
      store<u32>(out, r.offset, 12);
      store<u32>(out, r.flags, 16);
      return 0;
    }
    p = region(p).next;
  }
  return -Err.NotFound;
}

/** Detaches everything (task teardown). */
export function rmClear(task: usize): void {
  const t = changetype<Task>(task);
  let p = t.regions;
  while (p != 0) {
    const next = region(p).next;
    dsDropRef(region(p).ds);
    nodeFree(task, p);
    p = next;
  }
  t.regions = 0;
  t.regionCount = 0;
}
