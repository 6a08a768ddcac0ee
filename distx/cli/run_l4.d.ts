import type { Machine } from '../guest/machine.js';
import type { L4Task } from '../guest/l4_task.js';
import { type OptionTable, type OptionValues } from './args.js';
export declare const L4_OPTIONS: OptionTable;
export interface L4RunConfig {
    tasks: string[];
    /** --task-core: the tasks run decoupled. */
    ownCore?: boolean;
    caps: {
        name: string;
        server: boolean;
    }[];
    irqs: string[];
    shms: {
        name: string;
        size: number;
    }[];
    proxies: {
        name: string;
        size: number;
    }[];
}
/** The L4 part of run's arguments, or the problem. */
export declare function parseL4Args(v: OptionValues): L4RunConfig | string;
/**
 * Sets up the namespace and starts the tasks; their log goes to `log`. Returns the tasks, or the
 * problem (the machine is shut down by the caller).
 */
export declare function startL4(machine: Machine, cfg: L4RunConfig, log: (t: string) => void, compile: (file: string) => Promise<string>): Promise<L4Task[] | string>;
