import { L4POSIX, WASI, wasmSignature } from "./spec.js";
import { fsCalls } from "./fs.js";
import { timeCalls } from "./time.js";
import { memCalls } from "./mem.js";
import { signalFamily } from "./signal.js";
import { procFamily } from "./proc.js";
import { sysFamily } from "./sys.js";
import { identityFamily } from "./identity.js";
import { l4Family } from "./l4.js";
import { procCalls as wasiProc } from "../wasi_proc.js";
import { sysCalls } from "../l4posix_sys.js";
export * from "./spec.js";
const SYSCALLS = [
  ...fsCalls,
  ...timeCalls,
  ...memCalls,
  ...signalFamily,
  ...procFamily,
  ...sysFamily,
  ...identityFamily,
  ...l4Family
];
function byName(module) {
  const m = /* @__PURE__ */ new Map();
  for (const s of SYSCALLS) {
    if (s.module !== module) continue;
    if (m.has(s.name)) throw new Error(`syscall table: ${module}.${s.name} is described twice`);
    m.set(s.name, s);
  }
  return m;
}
const WASI_SPECS = byName(WASI);
const L4POSIX_SPECS = byName(L4POSIX);
for (const [module, impls] of [[WASI, wasiProc], [L4POSIX, sysCalls]]) {
  for (const name of Object.keys(impls)) {
    if (!(module === WASI ? WASI_SPECS : L4POSIX_SPECS).has(name)) throw new Error(`syscall table: ${module}.${name} is implemented but not described`);
  }
}
function syscallSpec(module, name) {
  return module === WASI ? WASI_SPECS.get(name) : module === L4POSIX ? L4POSIX_SPECS.get(name) : void 0;
}
function providedSignature(module, name) {
  const spec = syscallSpec(module, name);
  return spec === void 0 ? void 0 : wasmSignature(spec);
}
const PROVIDED_IMPORTS = {
  [WASI]: new Set(WASI_SPECS.keys()),
  [L4POSIX]: new Set(L4POSIX_SPECS.keys())
};
function isCallBoundary(module, name) {
  return syscallSpec(module, name)?.suspends ?? true;
}
export {
  L4POSIX_SPECS,
  PROVIDED_IMPORTS,
  SYSCALLS,
  WASI_SPECS,
  isCallBoundary,
  providedSignature,
  syscallSpec
};
