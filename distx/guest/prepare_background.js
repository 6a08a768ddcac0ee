import { readFileSync, rmSync } from "node:fs";
import { setPriority } from "node:os";
import { preparationPaths, prepareModule, PrepareBudgetError, rememberOverBudget, codeSize } from "./asyncify.js";
import { releaseBackgroundLock } from "./background_prepare.js";
const job = JSON.parse(process.argv.at(-1));
try {
  try {
    setPriority(19);
  } catch {
  }
  let wasm;
  try {
    wasm = readFileSync(job.input);
  } finally {
    rmSync(job.input, { force: true });
  }
  const options = { asyncImports: job.asyncImports, contentHash: () => job.content, ...job.budget ? { budget: job.budget } : {} };
  try {
    await prepareModule(wasm, options);
  } catch (e) {
    if (e instanceof PrepareBudgetError && e.kind === "time" && !e.remembered) {
      rememberOverBudget(preparationPaths(codeSize(wasm), job.content, options).marker, { kind: "time", limit: e.limit });
    }
  }
} finally {
  releaseBackgroundLock(job.lock, process.pid);
}
process.exit(0);
