// The worker thread that prepares a program for the multiplexed mode (src/guest/asyncify.ts):
// it runs the transform, tells the main thread each phase as it begins, and writes the result
// into the cache (atomically: a terminated worker leaves only a temporary file behind).
import { renameSync, writeFileSync } from 'node:fs';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { transform, type PrepareWorkerData, type PrepareWorkerMessage } from './asyncify.js';

const data = workerData as PrepareWorkerData;
const post = (m: PrepareWorkerMessage) => parentPort!.postMessage(m);

try {
  const out = await transform(data.wasm, data, (phase) => post({ type: 'phase', phase }));
  post({ type: 'phase', phase: 'write cache' });
  const tmp = `${data.cachePath}.${process.pid}.${threadId}.tmp`;
  writeFileSync(tmp, out);
  renameSync(tmp, data.cachePath);
  post({ type: 'done' });
} catch (e) {
  post({ type: 'failed', message: e instanceof Error ? e.message : `binaryen failed (${String(e)})` });
}
