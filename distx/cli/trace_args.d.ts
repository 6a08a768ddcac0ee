import type { ImportTable } from '../guest/program.js';
import type { Process } from '../guest/process.js';
import { TraceSession } from '../guest/trace.js';
import { type PosixServerHost } from '../guest/posix_server.js';
import { type OptionValues } from './args.js';
export type Wrapper = (imports: ImportTable, process: Process) => ImportTable;
export interface CallOptions {
    /** undefined: no tracing. */
    trace?: 'lines' | 'summary';
    traceFile?: string;
    syscalls: 'local' | 'server';
}
export declare function defaultCallOptions(): CallOptions;
/** The rows these options add to a command's option table (args.ts). */
export declare const CALL_OPTIONS: {
    trace: {
        type: "string";
        bare: string;
        value: string;
        help: string;
    };
    'trace-file': {
        type: "string";
        value: string;
        help: string;
    };
    syscalls: {
        type: "string";
        value: string;
        help: string;
    };
};
/** The call options from parsed values; a string is the problem to report. */
export declare function callOptionsFrom(values: OptionValues): CallOptions | string;
/** The wrappers the options ask for, and the trace session to finish at exit (if tracing). */
export declare function callWrappers(machine: PosixServerHost, o: CallOptions): {
    wrap?: Wrapper;
    trace?: TraceSession;
};
