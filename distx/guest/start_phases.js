import { performance } from "node:perf_hooks";
const enabled = process.env.L4WASM_PHASES !== void 0 && process.env.L4WASM_PHASES !== "";
const marks = [];
function phase(name) {
  if (!enabled || marks.some((m) => m[0] === name)) return;
  marks.push([name, performance.now()]);
}
function phasesLine() {
  if (!enabled) return void 0;
  const all = [["node", performance.nodeTiming.bootstrapComplete], ...marks];
  return `l4wasm: phases (ms): ${all.map(([n, t]) => `${n} ${t.toFixed(1)}`).join(", ")}
`;
}
export {
  phase,
  phasesLine
};
