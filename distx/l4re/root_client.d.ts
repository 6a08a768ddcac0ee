import { Cpu } from '../kernel/cpu.js';
import { type Cap, type ThreadId } from '../kernel/kernel.js';
export declare class RootTaskClient {
    private readonly cpu;
    private readonly thread;
    private readonly gate;
    constructor(cpu: Cpu, thread: ThreadId, gate: Cap);
    /** A new anonymous dataspace of `size` bytes: its id, or -errno. */
    allocate(size: number): number;
    free(id: number): number;
    /** The dataspace registered under `name` (e.g. "rom/motd"): its id, or -errno. */
    query(name: string): number;
    private request;
}
