import { Worker } from 'node:worker_threads';
import { Kernel } from './kernel.js';
import type { CpuId } from './kernel.js';
import { Cpu } from './cpu.js';
import type { CpuOptions } from './cpu.js';
export interface CpuWorkerData {
    memory: WebAssembly.Memory;
    module: WebAssembly.Module;
    cpu: CpuId;
    data: unknown;
}
/** What a CPU worker posts when its loop has ended. */
export interface CpuWorkerExit {
    type: 'cpu-exit';
    cpu: CpuId;
    result: unknown;
}
export type CpuWorkerSetup = (kernel: Kernel, cpu: Cpu, data: unknown) => undefined | (() => unknown) | Promise<undefined | (() => unknown)>;
/** Main side: starts `entry` as the host of CPU `cpu` of `kernel`, passing `data` to its setup. */
export declare function spawnCpuWorker(kernel: Kernel, cpu: CpuId, entry: string | URL, data?: unknown): Worker;
/** Main side: resolves with the setup's result once the worker's CPU loop has ended. */
export declare function cpuWorkerDone(worker: Worker): Promise<unknown>;
/**
 * Worker side: attaches to the kernel, lets `setup` register host threads (it may return a
 * function whose value is reported when the loop ends), runs the CPU loop, reports the end.
 * `blocking` (default true) idles in Atomics.wait; false keeps the worker's event loop running.
 */
export declare function runCpuWorker(setup: CpuWorkerSetup, options?: CpuOptions & {
    blocking?: boolean;
}): Promise<void>;
