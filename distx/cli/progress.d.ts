export interface ProgressTask {
    /** The work is over: a terminal line is finished with the time it took. */
    end(outcome?: string): void;
    /**
     * The work moved on to a new step: a terminal line shows `label` from now on; elsewhere a line
     * of its own only when every step was asked for (`steps`).
     */
    update?(label: string): void;
}
export interface ProgressStream {
    write(text: string): unknown;
    isTTY?: boolean;
}
export declare class Progress {
    private readonly options;
    private current?;
    constructor(options?: {
        quiet?: boolean;
        steps?: boolean;
        stream?: ProgressStream;
        now?: () => number;
    });
    private get stream();
    private now;
    get live(): boolean;
    /**
     * Starts reporting `label` ("compiling hello.c"); only one live line at a time. `startedAt`
     * (performance.now() time) when the work began before it was reported.
     */
    start(label: string, startedAt?: number): ProgressTask;
    /** A one-off message (a line of its own; a live line is finished first). */
    note(text: string): void;
    /** Ends the live line, if any, with its total time. */
    finish(outcome?: string): void;
    private elapsed;
}
