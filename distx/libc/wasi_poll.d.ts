import type { WasiState } from './wasi_state.js';
/** poll_oneoff's restart state (restart.ts, kind 'poll'): the deadline of each clock subscription. */
export declare class PollRestart {
    readonly deadlines: (bigint | undefined)[];
    readonly kind = "poll";
    constructor(deadlines: (bigint | undefined)[]);
}
export declare const pollCalls: {
    poll_oneoff(s: WasiState, inPtr: number, outPtr: number, nsubs: number, neventsPtr: number): number;
};
