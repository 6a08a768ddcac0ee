// Where a program's start time goes: with L4WASM_PHASES set, the start path records when each
// phase ends (ms since the Node process started) and `l4wasm run` prints them on stderr at its
// end; `l4wasm bench prepare` collects them. Unset, recording is one test of a constant.
import { performance } from 'node:perf_hooks';

const enabled = process.env.L4WASM_PHASES !== undefined && process.env.L4WASM_PHASES !== '';
const marks: [string, number][] = [];

/** Records that phase `name` ends now (the first time only: a later spawn does not move it). */
export function phase(name: string): void {
  if (!enabled || marks.some((m) => m[0] === name)) return;
  marks.push([name, performance.now()]);
}

/** The phases recorded so far, in order, as "name ms" (ms since the process started). */
export function phasesLine(): string | undefined {
  if (!enabled) return undefined;
  // 'node': Node's own start (its bootstrap), before any of l4wasm's code was loaded.
  const all: [string, number][] = [['node', performance.nodeTiming.bootstrapComplete], ...marks];
  return `l4wasm: phases (ms): ${all.map(([n, t]) => `${n} ${t.toFixed(1)}`).join(', ')}\n`;
}
