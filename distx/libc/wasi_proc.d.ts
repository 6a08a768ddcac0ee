import type { WasiState } from './wasi_state.js';
export declare const procCalls: {
    args_sizes_get(s: WasiState, argc: number, bufSize: number): number;
    args_get(s: WasiState, argv: number, buf: number): number;
    environ_sizes_get(s: WasiState, count: number, bufSize: number): number;
    environ_get(s: WasiState, environ: number, buf: number): number;
    random_get(s: WasiState, buf: number, len: number): number;
    proc_exit(_s: WasiState, code: number): number;
    proc_raise(s: WasiState, sig: number): number;
    sched_yield(s: WasiState): number;
};
