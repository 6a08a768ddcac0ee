import { Worker, parentPort, workerData } from "node:worker_threads";
import { Kernel } from "./kernel.js";
import { Cpu } from "./cpu.js";
function spawnCpuWorker(kernel, cpu, entry, data) {
  const wd = { memory: kernel.memory, module: kernel.module, cpu, data };
  return new Worker(entry, { workerData: wd });
}
function cpuWorkerDone(worker) {
  return new Promise((resolve, reject) => {
    let result;
    let done = false;
    worker.on("message", (m) => {
      if (m?.type === "cpu-exit") {
        done = true;
        result = m.result;
      }
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (done) resolve(result);
      else reject(new Error(`cpu worker exited with code ${code} before its loop ended`));
    });
  });
}
async function runCpuWorker(setup, options = {}) {
  const d = workerData;
  const kernel = Kernel.attach(d.memory, d.module, d.cpu);
  const cpu = new Cpu(kernel, options);
  const finish = await setup(kernel, cpu, d.data);
  if (options.blocking ?? true) cpu.runBlocking();
  else await cpu.run();
  const exit = { type: "cpu-exit", cpu: d.cpu, result: finish?.() };
  parentPort?.postMessage(exit);
}
export {
  cpuWorkerDone,
  runCpuWorker,
  spawnCpuWorker
};
