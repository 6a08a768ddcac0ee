import type { CommandDef } from './args.js';
export declare const BENCH_L4_COMMAND: CommandDef;
export declare function benchL4(out: string, options: {
    quick: boolean;
    log?: (t: string) => void;
}): Promise<string>;
