// Kernel memory pool: power-of-two size classes from 32 B to 1 MiB, one free list per class,
// carved from a bump region that runs from KMEM_BASE to the end of the shared memory.
// Quota is charged by the factories (factory.ts) in class-size bytes, so freeing returns exactly
// what was charged.
import { G_KMEM, KMEM_BASE } from './config';

// Global allocator state at G_KMEM:
//   +0  bump   next never-used byte
//   +4  end    end of the pool
//   +8  used   bytes handed out (statistics)
//  +16  free[NUM_CLASSES]  heads of the per-class free lists (next pointer in each block's first word)
@inline const K_BUMP: usize = 0;
@inline const K_END: usize = 4;
@inline const K_USED: usize = 8;
@inline const K_FREE: usize = 16;
@inline const MIN_SHIFT: u32 = 5;
@inline const NUM_CLASSES: u32 = 16;
@inline export const KMEM_MAX_BLOCK: u32 = 1 << (MIN_SHIFT + NUM_CLASSES - 1);

export function initKmem(end: usize): void {
  store<usize>(G_KMEM, KMEM_BASE, K_BUMP);
  store<usize>(G_KMEM, end, K_END);
  store<u32>(G_KMEM, 0, K_USED);
  for (let c: u32 = 0; c < NUM_CLASSES; c++) store<usize>(G_KMEM + K_FREE + (<usize>c << 2), 0);
}

@inline function classOf(size: u32): u32 {
  return size <= (1 << MIN_SHIFT) ? 0 : (32 - clz<u32>(size - 1)) - MIN_SHIFT;
}

/** The bytes a request of `size` really occupies (and is charged for). 0 if too large. */
export function kmemBlockSize(size: u32): u32 {
  if (size > KMEM_MAX_BLOCK) return 0;
  return <u32>1 << (classOf(size) + MIN_SHIFT);
}

/** A zeroed block of kmemBlockSize(size) bytes, or 0 when the pool is exhausted. */
export function kmemAlloc(size: u32): usize {
  if (size == 0 || size > KMEM_MAX_BLOCK) return 0;
  const c = classOf(size);
  const bytes = <usize>1 << (c + MIN_SHIFT);
  const head = G_KMEM + K_FREE + (<usize>c << 2);
  let p = load<usize>(head);
  if (p != 0) {
    store<usize>(head, load<usize>(p));
  } else {
    // Blocks are aligned to min(size, 64) so that cache lines are not shared between objects.
    const align: usize = bytes < 64 ? bytes : 64;
    const bump = (load<usize>(G_KMEM, K_BUMP) + align - 1) & ~(align - 1);
    if (<u64>bump + <u64>bytes > <u64>load<usize>(G_KMEM, K_END)) return 0;
    p = bump;
    store<usize>(G_KMEM, bump + bytes, K_BUMP);
  }
  memory.fill(p, 0, bytes);
  store<u32>(G_KMEM, load<u32>(G_KMEM, K_USED) + <u32>bytes, K_USED);
  return p;
}

export function kmemFree(p: usize, size: u32): void {
  const c = classOf(size);
  const head = G_KMEM + K_FREE + (<usize>c << 2);
  store<usize>(p, load<usize>(head));
  store<usize>(head, p);
  store<u32>(G_KMEM, load<u32>(G_KMEM, K_USED) - (<u32>1 << (c + MIN_SHIFT)), K_USED);
}

/** Bytes of pool in use (objects, tables, nodes). */
export function kmemUsed(): u32 { return load<u32>(G_KMEM, K_USED); }

/** Bytes the pool can hand out in total (for the root factory's quota). */
export function kmemCapacity(): u32 {
  return <u32>(load<usize>(G_KMEM, K_END) - KMEM_BASE);
}
