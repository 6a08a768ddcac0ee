import { Kernel } from '../kernel/kernel.js';
import type { Cap, GateId, KRef, ThreadId } from '../kernel/kernel.js';
/** Returned by a server object that answers later with kernel.reply(serverThread, tag, msg.sender). */
export declare const NO_REPLY = -1;
/** One request as the server thread received it; valid until the handler returns. */
export declare class Message {
    readonly kernel: Kernel;
    readonly thread: ThreadId;
    private view;
    constructor(kernel: Kernel, thread: ThreadId);
    get tag(): number;
    /** The operation: the tag's label. */
    get op(): number;
    get words(): number;
    /** The label of the gate the message came through (0: sent to the thread directly). */
    get gateLabel(): number;
    /** The calling thread (for deferred replies). */
    get sender(): ThreadId;
    /** Request words in; reply words out (the reply overwrites the request: read first). */
    get mrs(): Uint32Array;
    word(i: number): number;
}
export interface ServerObject {
    /** Handles one request. Returns the reply tag (msgTag(result, words)) or NO_REPLY. */
    dispatch(msg: Message): number;
}
export interface Registration extends KRef<GateId> {
    readonly label: number;
}
export declare class Registry {
    readonly kernel: Kernel;
    readonly thread: KRef<ThreadId>;
    readonly factory: Cap;
    private readonly byLabel;
    private readonly byObject;
    private nextLabel;
    /** Objects are served by `thread` (root task capability `thread.cap`). */
    constructor(kernel: Kernel, thread: KRef<ThreadId>, factory?: Cap);
    /** Creates a gate for `obj` bound to the server thread; map gate.cap to clients to give access. */
    register(obj: ServerObject): Registration;
    /** Deletes the object's gate (revoking every client's capability to it). */
    unregister(obj: ServerObject): boolean;
    find(label: number): ServerObject | undefined;
    /**
     * Told about an exception a server object raised (a bug, a failing host call). The request got
     * an EIO reply and the server goes on; without this the error is a process warning.
     */
    onError?: (obj: ServerObject, error: unknown) => void;
    /**
     * Routes a received message to its object; the reply tag (or NO_REPLY). An object that throws
     * answers that request with EIO: one bad request never stops the server thread.
     */
    dispatch(msg: Message): number;
}
