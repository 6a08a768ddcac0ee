import type { WasiState } from './wasi_state.js';
export declare const clockCalls: {
    clock_res_get(s: WasiState, id: number, resultPtr: number): number;
    clock_time_get(s: WasiState, id: number, _precision: bigint, resultPtr: number): number;
};
