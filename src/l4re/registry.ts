// Object registry: binds each server object to an IPC gate whose label finds the object again
// (L4Re Object_registry). The message tag's label selects the operation; a message that reaches
// the server thread with a label nobody registered gets a clean error reply.
import { Kernel, KErr, msgTag, tagLabel, tagWords } from '../kernel/kernel.js';
import type { Cap, GateId, KRef, ThreadId } from '../kernel/kernel.js';
import { Errno } from '../errno.js';

/** Returned by a server object that answers later with kernel.reply(serverThread, tag, msg.sender). */
export const NO_REPLY = -1; // never a valid tag: its word count would exceed 64

/** One request as the server thread received it; valid until the handler returns. */
export class Message {
  private view: Uint32Array;

  constructor(readonly kernel: Kernel, readonly thread: ThreadId) {
    this.view = kernel.mrs(thread);
  }

  get tag(): number { return this.kernel.tag(this.thread); }
  /** The operation: the tag's label. */
  get op(): number { return tagLabel(this.kernel.tag(this.thread)); }
  get words(): number { return tagWords(this.kernel.tag(this.thread)); }
  /** The label of the gate the message came through (0: sent to the thread directly). */
  get gateLabel(): number { return this.kernel.label(this.thread); }
  /** The calling thread (for deferred replies). */
  get sender(): ThreadId { return this.kernel.sender(this.thread); }
  /** Request words in; reply words out (the reply overwrites the request: read first). */
  get mrs(): Uint32Array { return this.view; }
  word(i: number): number { return this.view[i]; }
}

export interface ServerObject {
  /** Handles one request. Returns the reply tag (msgTag(result, words)) or NO_REPLY. */
  dispatch(msg: Message): number;
}

export interface Registration extends KRef<GateId> {
  readonly label: number;
}

export class Registry {
  private readonly byLabel = new Map<number, { obj: ServerObject; reg: Registration }>();
  private readonly byObject = new Map<ServerObject, Registration>();
  private nextLabel = 1;

  /** Objects are served by `thread` (root task capability `thread.cap`). */
  constructor(readonly kernel: Kernel, readonly thread: KRef<ThreadId>,
              readonly factory: Cap = Kernel.ROOT_FACTORY_CAP) {}

  /** Creates a gate for `obj` bound to the server thread; map gate.cap to clients to give access. */
  register(obj: ServerObject): Registration {
    const existing = this.byObject.get(obj);
    if (existing !== undefined) return existing;
    const label = this.nextLabel++;
    const gate = this.kernel.newGate(this.thread, label, this.factory);
    const reg = { ...gate, label };
    this.byLabel.set(label, { obj, reg });
    this.byObject.set(obj, reg);
    return reg;
  }

  /** Deletes the object's gate (revoking every client's capability to it). */
  unregister(obj: ServerObject): boolean {
    const reg = this.byObject.get(obj);
    if (reg === undefined) return false;
    this.byObject.delete(obj);
    this.byLabel.delete(reg.label);
    this.kernel.deleteCap(this.kernel.rootTask, reg.cap);
    return true;
  }

  find(label: number): ServerObject | undefined { return this.byLabel.get(label)?.obj; }

  /**
   * Told about an exception a server object raised (a bug, a failing host call). The request got
   * an EIO reply and the server goes on; without this the error is a process warning.
   */
  onError?: (obj: ServerObject, error: unknown) => void;

  /**
   * Routes a received message to its object; the reply tag (or NO_REPLY). An object that throws
   * answers that request with EIO: one bad request never stops the server thread.
   */
  dispatch(msg: Message): number {
    const e = this.byLabel.get(msg.gateLabel);
    // No object behind this gate (any more): the server loop's own protocol error, a kernel code
    // (the one label that is not -Errno; the kernel tests pin it).
    if (e === undefined) return msgTag(-KErr.NotFound, 0);
    try {
      return e.obj.dispatch(msg);
    } catch (err) {
      if (this.onError !== undefined) this.onError(e.obj, err);
      else process.emitWarning(`l4wasm: a server object failed: ${(err as Error)?.stack ?? err}`);
      return msgTag(-Errno.EIO, 0);
    }
  }
}
