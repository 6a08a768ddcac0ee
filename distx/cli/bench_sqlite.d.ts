type VariantKey = 'l4wasm_tmpfs' | 'l4wasm_host' | 'l4wasm_tmpfs_decoupled' | 'l4wasm_host_decoupled' | 'l4wasm_host_decoupled_sync' | 'node_wasi_host' | 'native' | 'native_ram';
interface Options {
    rows: number;
    runs: number;
    decoupledRuns: number;
    out: string;
}
export declare function benchSqlite(o: Options, log?: (s: string) => void): Promise<{
    date: string;
    machine: {
        cpuModel: string;
        cores: number;
        node: string;
        loadAverage: number[];
    };
    rows: number;
    runs: number;
    decoupledRuns: number;
    workload: string;
    ms: Partial<Record<VariantKey, number>>;
    localCallsOnLentHostFiles: Partial<Record<VariantKey, number>>;
    samplesMs: {
        [k: string]: number[];
    };
    labels: Record<VariantKey, string>;
    ratios: {
        l4wasm_tmpfs_over_native: number | undefined;
        l4wasm_tmpfs_over_native_ram: number | undefined;
        l4wasm_host_over_node_wasi_host: number | undefined;
        l4wasm_host_decoupled_over_node_wasi_host: number | undefined;
        l4wasm_host_decoupled_write_behind_off_over_node_wasi_host: number | undefined;
    };
    goals: {
        faster_than_node_wasi_on_host_mount: {
            default_decoupled: boolean | undefined;
            multiplexed: boolean | undefined;
        };
        within_2x_native_on_tmpfs: {
            default_decoupled: boolean | undefined;
            multiplexed: boolean | undefined;
        };
    };
    wal: {
        dir: "/tmp" | "/data";
        transactions: number;
        ms: number;
        distinctStatesSeen: number;
        coherence: {
            turns: number;
            writes: number;
            reads: number;
            bytes: number;
            ms: number;
        };
    }[];
    notes: string[];
}>;
export {};
