import { FileType, type Stat } from './types.js';
import { BaseFile } from './file.js';
export interface ConsoleOptions {
    /** What isatty() answers (default true). */
    isTerminal?: boolean;
    /**
     * Input only: called when a reader finds the queue empty and input has not ended, so the host
     * starts reading its source only once the guest wants input.
     */
    onDemand?: () => void;
}
/**
 * Output only: the host side of the output (a pipe, a terminal) cannot take more for now. While
 * full() holds, writes fail with EAGAIN, so a blocking writer waits (suspends in the kernel) until
 * onDrain wakes it: the host never buffers more than its stream's own high-water mark.
 */
export interface OutputBackpressure {
    full(): boolean;
    /** Calls `wake` once when the host side can take more (or is gone); returns the cancel function. */
    onDrain(wake: () => void): () => void;
}
/** The console's input and output, as the machine wires them (and /dev/tty opens them). */
export interface ConsoleFiles {
    input: ConsoleInput;
    output: ConsoleOutput;
}
export declare class ConsoleInput extends BaseFile {
    readonly type = FileType.CharacterDevice;
    private readonly terminal;
    private readonly ino;
    private readonly chunks;
    /** Bytes of chunks[0] already read. */
    private head;
    private queued;
    private ended;
    private readonly waiters;
    private readonly onDemand?;
    constructor(options?: ConsoleOptions);
    get isTerminal(): boolean;
    /** Host side: queue bytes for the guest (copied) and wake its readers. Ignored after end(). */
    push(bytes: Uint8Array): void;
    /** Host side: end of input; reads return 0 once the queue is drained. */
    end(): void;
    /** read: queued bytes; -EAGAIN while empty and not ended, 0 at end of input. */
    read(buf: Uint8Array): number;
    /** write: the input side is not writable. */
    write(_buf: Uint8Array): number;
    readable(): boolean;
    writable(): boolean;
    /** Woken when bytes arrive or input ends. */
    subscribe(wake: () => void): () => void;
    /** FIONREAD: queued bytes. */
    available(): number;
    stat(): Stat;
    /** The console outlives every descriptor of it. */
    close(): void;
}
export declare class ConsoleOutput extends BaseFile {
    private readonly sink;
    readonly type = FileType.CharacterDevice;
    private readonly terminal;
    private readonly ino;
    private backpressure?;
    /** Writes wait while the host side is full (see OutputBackpressure). */
    setBackpressure(b: OutputBackpressure): this;
    /**
     * `sink` receives a copy of each write, which it may keep. It may refuse the write by returning
     * a negative errno (-EPIPE: whoever read the output went away).
     */
    constructor(sink: (bytes: Uint8Array) => void | number, options?: ConsoleOptions);
    get isTerminal(): boolean;
    /** write: everything, at once (the sink buffers), or the sink's error. */
    write(buf: Uint8Array): number;
    /**
     * Output the program was already told is written (a decoupled program's, from its output ring):
     * handed to the sink whatever the host side holds; bounded by the ring, and the writer is
     * stopped from writing more that way while full() says so. The sink's error, or the length.
     */
    writeAccepted(buf: Uint8Array): number;
    /** The host side holds as much as it should: writes wait (see OutputBackpressure). */
    full(): boolean;
    /** read: the output side is not readable. */
    read(_buf: Uint8Array): number;
    readable(): boolean;
    writable(): boolean;
    /**
     * Woken when the host side drains. Writable now, nothing can change that a waiter would wait
     * for (it is never readable): it is not woken, as a file whose readiness never changes.
     */
    subscribe(wake: () => void): () => void;
    stat(): Stat;
    close(): void;
}
/** /dev/tty: reads from the console input, writes to the console output. */
export declare class ConsoleTerminal extends BaseFile {
    private readonly input;
    private readonly output;
    readonly type = FileType.CharacterDevice;
    constructor(input: ConsoleInput, output: ConsoleOutput);
    get isTerminal(): boolean;
    read(buf: Uint8Array): number;
    write(buf: Uint8Array): number;
    readable(): boolean;
    subscribe(wake: () => void): () => void;
    available(): number;
    stat(): Stat | number;
}
