// CPUs in worker threads: a worker attaches a kernel.wasm instance to the same shared memory,
// registers the host threads bound to its CPU, and runs its own CPU loop.
//
// The worker's entry is a module that calls runCpuWorker(setup); it must be plain JavaScript for
// Node (bundle TypeScript entries with esbuild first, as the kernel tests and bench do).
import { Worker, parentPort, workerData } from 'node:worker_threads';
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

export type CpuWorkerSetup = (kernel: Kernel, cpu: Cpu, data: unknown) =>
  undefined | (() => unknown) | Promise<undefined | (() => unknown)>;

/** Main side: starts `entry` as the host of CPU `cpu` of `kernel`, passing `data` to its setup. */
export function spawnCpuWorker(kernel: Kernel, cpu: CpuId, entry: string | URL, data?: unknown): Worker {
  const wd: CpuWorkerData = { memory: kernel.memory, module: kernel.module, cpu, data };
  return new Worker(entry, { workerData: wd });
}

/** Main side: resolves with the setup's result once the worker's CPU loop has ended. */
export function cpuWorkerDone(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let result: unknown;
    let done = false;
    worker.on('message', (m: CpuWorkerExit) => {
      if (m?.type === 'cpu-exit') { done = true; result = m.result; }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (done) resolve(result);
      else reject(new Error(`cpu worker exited with code ${code} before its loop ended`));
    });
  });
}

/**
 * Worker side: attaches to the kernel, lets `setup` register host threads (it may return a
 * function whose value is reported when the loop ends), runs the CPU loop, reports the end.
 * `blocking` (default true) idles in Atomics.wait; false keeps the worker's event loop running.
 */
export async function runCpuWorker(setup: CpuWorkerSetup,
                                   options: CpuOptions & { blocking?: boolean } = {}): Promise<void> {
  const d = workerData as CpuWorkerData;
  const kernel = Kernel.attach(d.memory, d.module, d.cpu);
  const cpu = new Cpu(kernel, options);
  const finish = await setup(kernel, cpu, d.data);
  if (options.blocking ?? true) cpu.runBlocking();
  else await cpu.run();
  const exit: CpuWorkerExit = { type: 'cpu-exit', cpu: d.cpu, result: finish?.() };
  parentPort?.postMessage(exit);
}
