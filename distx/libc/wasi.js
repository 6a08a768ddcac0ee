import { WasiState } from "./wasi_state.js";
import { WASI_SPECS } from "./syscalls/index.js";
import { bindImports } from "./syscall_edge.js";
const WASI_FUNCTIONS = [...WASI_SPECS.keys()];
const WASI_PARAMS = Object.fromEntries(
  [...WASI_SPECS].map(([name, s]) => [name, s.params.map((p) => p.name)])
);
const WASI_SUSPENDING = [...WASI_SPECS.values()].filter((s) => s.suspends).map((s) => s.name);
const WASI_CALLS = Object.fromEntries(
  [...WASI_SPECS].map(([name, s]) => [name, s.impl])
);
function createWasiImports(ctx) {
  return bindImports(WASI_SPECS.values(), new WasiState(ctx), ctx);
}
export {
  WASI_CALLS,
  WASI_FUNCTIONS,
  WASI_PARAMS,
  WASI_SUSPENDING,
  createWasiImports
};
