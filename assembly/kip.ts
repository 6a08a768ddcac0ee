// The kernel info page: a fixed page every CPU reads without entering the kernel.
//
// Clock: the host's shared time base is the process-wide monotonic clock (process.hrtime, the
// same in every worker). At boot the host stores that clock's value in ms as `clockBase`. A
// reader on any CPU computes now_us = (performance.now() + cpuOffsetMs - clockBase) * 1000, where
// cpuOffsetMs (hrtime - performance.now(), measured once per CPU at attach) maps that thread's
// performance.now() onto the shared base: one performance.now() call, no kernel entry.
// Inside the kernel the same value comes from the host import `clockUs`, clamped so the kernel's
// view (`lastClock`) never goes backwards even if two CPUs' offsets differ by a fraction of a µs.
//
//   KIP_BASE
//   +0   u32 magic      'L4WK'
//   +4   u32 version
//   +8   u32 ncpus
//   +12  u32 pages      size of the shared memory
//   +16  f64 clockBase  shared monotonic time base at boot, ms
//   +24  f64 lastClock  kernel clock at the last kernel entry that read it, µs
//   +32  u32 rootTask   handle
//   +36  u32 rootFactory handle
//   +40  u32 kmemBase
//   +44  u32 kmemEnd
import { KIP_BASE } from './config';

@inline export const KIP_MAGIC: u32 = 0x4b57344c; // "L4WK" little-endian
@inline export const KIP_VERSION: u32 = 1;
@inline export const KIP_NCPUS: usize = 8;
@inline export const KIP_PAGES: usize = 12;
@inline export const KIP_CLOCK_BASE: usize = 16;
@inline export const KIP_LAST_CLOCK: usize = 24;
@inline export const KIP_ROOT_TASK: usize = 32;
@inline export const KIP_ROOT_FACTORY: usize = 36;
@inline export const KIP_KMEM_BASE: usize = 40;
@inline export const KIP_KMEM_END: usize = 44;

@external("env", "clockUs")
declare function hostClockUs(): f64;

export function initKip(ncpus: u32, pages: u32, clockBase: f64): void {
  memory.fill(KIP_BASE, 0, 0x1000);
  store<u32>(KIP_BASE, KIP_MAGIC, 0);
  store<u32>(KIP_BASE, KIP_VERSION, 4);
  store<u32>(KIP_BASE, ncpus, KIP_NCPUS);
  store<u32>(KIP_BASE, pages, KIP_PAGES);
  store<f64>(KIP_BASE, clockBase, KIP_CLOCK_BASE);
}

@inline export function kipNcpus(): u32 { return load<u32>(KIP_BASE, KIP_NCPUS); }

/** The kernel clock in µs; monotonic across all CPUs. Costs a host call: only on timed paths. */
export function clockNow(): f64 {
  const t = hostClockUs();
  const last = load<f64>(KIP_BASE, KIP_LAST_CLOCK);
  if (t <= last) return last;
  store<f64>(KIP_BASE, t, KIP_LAST_CLOCK);
  return t;
}
