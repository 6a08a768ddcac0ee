// Shared setup for the kernel tests: a small freshly booted kernel per test.
// KERNEL_WASM=build/kernel.debug.wasm runs the suite against the build with invariant checks.
import { readFileSync } from 'node:fs';
import { Kernel } from '../../src/kernel/kernel.js';
import type { KRef, ThreadId, TaskId } from '../../src/kernel/kernel.js';

let module: WebAssembly.Module | undefined;

export async function boot(cpus = 2): Promise<Kernel> {
  const path = process.env.KERNEL_WASM;
  if (path !== undefined) module ??= new WebAssembly.Module(readFileSync(path));
  return Kernel.boot({ cpus, memoryPages: 64, module });
}

/** A started thread in the root task (or `task`), running on `cpu`. */
export function runningThread(k: Kernel, prio = 100, cpu = 0, task?: KRef<TaskId>): KRef<ThreadId> {
  const t = k.newThread({ prio, cpu, task });
  if (k.start(t.id) !== 0) throw new Error('start failed');
  return t;
}

/** Busy-waits `us` microseconds of kernel time. */
export function spinFor(k: Kernel, us: number): void {
  const end = k.nowUs() + us;
  while (k.nowUs() < end) { /* spin */ }
}
