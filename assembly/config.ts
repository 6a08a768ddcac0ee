// Kernel build-time constants: the fixed layout of the shared kernel memory and the kernel's limits.
//
//   0x00000 +------------------------------+
//           | null page (never used)       |
//   0x01000 | KIP                          |  kip.ts (read by every CPU without a kernel entry)
//   0x02000 | kernel lock, global state    |  lock.ts, kmem.ts, kobject.ts, dataspace.ts
//   0x04000 | CPU blocks, 16 x 4 KiB       |  scheduler.ts
//   0x14000 | (free)                       |
//   0x20000 | AssemblyScript static data   |  (asc --memoryBase)
//   0x30000 | object table, 16384 x 8 B    |  kobject.ts: handle -> object
//   0x50000 | dataspace hash, 1024 x 4 B   |  dataspace.ts
//   0x60000 | kernel memory pool ...       |  kmem.ts: objects, cap tables, region nodes
//   end     +------------------------------+  (memory.size(), fixed at boot)

/** Debug builds (`--use KDEBUG=1`) check invariants with assert; release builds drop them. */
export const DEBUG: bool = isDefined(KDEBUG);

@inline export const KIP_BASE: usize = 0x1000;
@inline export const GLOBALS_BASE: usize = 0x2000;
@inline export const CPU_BASE: usize = 0x4000;
@inline export const CPU_SIZE: usize = 0x1000;
@inline export const MAX_CPUS: u32 = 16;
@inline export const OBJ_TABLE: usize = 0x30000;
@inline export const MAX_OBJECTS: u32 = 16384;
@inline export const DS_HASH: usize = 0x50000;
@inline export const DS_BUCKETS: u32 = 1024;
@inline export const KMEM_BASE: usize = 0x60000;

// Global state words inside GLOBALS_BASE (each group on its own 64-byte line).
@inline export const G_LOCK: usize = GLOBALS_BASE + 0x000;     // lock.ts
@inline export const G_KMEM: usize = GLOBALS_BASE + 0x040;     // kmem.ts (0x80 bytes)
@inline export const G_OBJ: usize = GLOBALS_BASE + 0x100;      // kobject.ts
@inline export const G_DS: usize = GLOBALS_BASE + 0x140;       // dataspace.ts
@inline export const G_SCHED: usize = GLOBALS_BASE + 0x180;    // scheduler.ts

/** Size of the header every kernel object starts with (kobject.ts). */
@inline export const OBJ_HEADER_SIZE: usize = 32;
@inline export const NUM_PRIOS: u32 = 256;
@inline export const MR_COUNT: u32 = 64;
@inline export const BR_COUNT: u32 = 16;
@inline export const MAX_CAP_SLOTS: u32 = 65536;
@inline export const DEFAULT_QUANTUM_US: f64 = 10000;
