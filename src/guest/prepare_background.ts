// The process that prepares a program in the background (src/guest/background_prepare.ts): at
// the lowest priority (threads it starts inherit it), the module read and its file removed, the
// same preparation a load would make (prepareModule: its worker, its budgets, the cache), and
// the lock released. A preparation over its time budget is remembered as well: nothing is lost
// by running such a program decoupled, and each first-like run should not spend the time again.
import { readFileSync, rmSync } from 'node:fs';
import { setPriority } from 'node:os';
import { preparationPaths, prepareModule, PrepareBudgetError, rememberOverBudget, codeSize } from './asyncify.js';
import { releaseBackgroundLock, type BackgroundJob } from './background_prepare.js';

const job = JSON.parse(process.argv.at(-1)!) as BackgroundJob;
try {
  try { setPriority(19); } catch { /* as it is */ }
  let wasm: Uint8Array;
  try { wasm = readFileSync(job.input); } finally { rmSync(job.input, { force: true }); }
  const options = { asyncImports: job.asyncImports, contentHash: () => job.content, ...(job.budget ? { budget: job.budget } : {}) };
  try {
    await prepareModule(wasm, options);
  } catch (e) {
    if (e instanceof PrepareBudgetError && e.kind === 'time' && !e.remembered) {
      rememberOverBudget(preparationPaths(codeSize(wasm), job.content, options).marker, { kind: 'time', limit: e.limit });
    }
  }
} finally {
  releaseBackgroundLock(job.lock, process.pid);
}
process.exit(0);
