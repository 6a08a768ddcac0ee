import { Kernel, KErr, msgTag, tagLabel, tagWords } from "../kernel/kernel.js";
import { Errno } from "../errno.js";
const NO_REPLY = -1;
class Message {
  constructor(kernel, thread) {
    this.kernel = kernel;
    this.thread = thread;
    this.view = kernel.mrs(thread);
  }
  kernel;
  thread;
  view;
  get tag() {
    return this.kernel.tag(this.thread);
  }
  /** The operation: the tag's label. */
  get op() {
    return tagLabel(this.kernel.tag(this.thread));
  }
  get words() {
    return tagWords(this.kernel.tag(this.thread));
  }
  /** The label of the gate the message came through (0: sent to the thread directly). */
  get gateLabel() {
    return this.kernel.label(this.thread);
  }
  /** The calling thread (for deferred replies). */
  get sender() {
    return this.kernel.sender(this.thread);
  }
  /** Request words in; reply words out (the reply overwrites the request: read first). */
  get mrs() {
    return this.view;
  }
  word(i) {
    return this.view[i];
  }
}
class Registry {
  /** Objects are served by `thread` (root task capability `thread.cap`). */
  constructor(kernel, thread, factory = Kernel.ROOT_FACTORY_CAP) {
    this.kernel = kernel;
    this.thread = thread;
    this.factory = factory;
  }
  kernel;
  thread;
  factory;
  byLabel = /* @__PURE__ */ new Map();
  byObject = /* @__PURE__ */ new Map();
  nextLabel = 1;
  /** Creates a gate for `obj` bound to the server thread; map gate.cap to clients to give access. */
  register(obj) {
    const existing = this.byObject.get(obj);
    if (existing !== void 0) return existing;
    const label = this.nextLabel++;
    const gate = this.kernel.newGate(this.thread, label, this.factory);
    const reg = { ...gate, label };
    this.byLabel.set(label, { obj, reg });
    this.byObject.set(obj, reg);
    return reg;
  }
  /** Deletes the object's gate (revoking every client's capability to it). */
  unregister(obj) {
    const reg = this.byObject.get(obj);
    if (reg === void 0) return false;
    this.byObject.delete(obj);
    this.byLabel.delete(reg.label);
    this.kernel.deleteCap(this.kernel.rootTask, reg.cap);
    return true;
  }
  find(label) {
    return this.byLabel.get(label)?.obj;
  }
  /**
   * Told about an exception a server object raised (a bug, a failing host call). The request got
   * an EIO reply and the server goes on; without this the error is a process warning.
   */
  onError;
  /**
   * Routes a received message to its object; the reply tag (or NO_REPLY). An object that throws
   * answers that request with EIO: one bad request never stops the server thread.
   */
  dispatch(msg) {
    const e = this.byLabel.get(msg.gateLabel);
    if (e === void 0) return msgTag(-KErr.NotFound, 0);
    try {
      return e.obj.dispatch(msg);
    } catch (err) {
      if (this.onError !== void 0) this.onError(e.obj, err);
      else process.emitWarning(`l4wasm: a server object failed: ${err?.stack ?? err}`);
      return msgTag(-Errno.EIO, 0);
    }
  }
}
export {
  Message,
  NO_REPLY,
  Registry
};
