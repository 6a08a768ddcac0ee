import { renameSync, writeFileSync } from "node:fs";
import { parentPort, threadId, workerData } from "node:worker_threads";
import { transform } from "./asyncify.js";
const data = workerData;
const post = (m) => parentPort.postMessage(m);
try {
  const out = await transform(data.wasm, data, (phase) => post({ type: "phase", phase }));
  post({ type: "phase", phase: "write cache" });
  const tmp = `${data.cachePath}.${process.pid}.${threadId}.tmp`;
  writeFileSync(tmp, out);
  renameSync(tmp, data.cachePath);
  post({ type: "done" });
} catch (e) {
  post({ type: "failed", message: e instanceof Error ? e.message : `binaryen failed (${String(e)})` });
}
