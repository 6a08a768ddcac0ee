import { family, L4POSIX, WASI } from "./spec.js";
import { procCalls as wasiProc } from "../wasi_proc.js";
import { sysCalls } from "../l4posix_sys.js";
import { benchCalls } from "../l4posix_bench.js";
const { uname, getrlimit, setrlimit, sysconf } = sysCalls;
const sysFamily = [
  ...family("sys", WASI, { random_get: wasiProc.random_get }, {
    random_get: ["buf:buf buf_len:len", { suspends: false }]
  }),
  ...family("sys", L4POSIX, { uname, getrlimit, setrlimit, sysconf, ...benchCalls }, {
    uname: ["buf:ptr"],
    getrlimit: ["resource:int limit:ptr stack_size:int"],
    setrlimit: ["resource:int limit:ptr stack_size:int"],
    sysconf: ["name:int"],
    // The floor of each path: an empty call (routed, so the server path measures its IPC) and
    // one kernel IPC round trip.
    bench_nop: ["", { suspends: false, callerOnly: false }],
    bench_ipc: ["", { suspends: false }]
  })
];
export {
  sysFamily
};
