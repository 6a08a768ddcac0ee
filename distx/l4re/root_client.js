import { WOULD_BLOCK } from "../kernel/cpu.js";
import { msgTag, tagLabel } from "../kernel/kernel.js";
import { Errno } from "../errno.js";
import { RootOp } from "./root_task.js";
class RootTaskClient {
  constructor(cpu, thread, gate) {
    this.cpu = cpu;
    this.thread = thread;
    this.gate = gate;
  }
  cpu;
  thread;
  gate;
  /** A new anonymous dataspace of `size` bytes: its id, or -errno. */
  allocate(size) {
    return this.request(RootOp.Alloc, [size]);
  }
  free(id) {
    return this.request(RootOp.Free, [id]);
  }
  /** The dataspace registered under `name` (e.g. "rom/motd"): its id, or -errno. */
  query(name) {
    const bytes = new TextEncoder().encode(name);
    if (bytes.length > 200) return -Errno.ENAMETOOLONG;
    const words = new Uint32Array(1 + Math.ceil(bytes.length / 4));
    words[0] = bytes.length;
    new Uint8Array(words.buffer, 4).set(bytes);
    return this.request(RootOp.Query, words);
  }
  request(op, words) {
    const r = this.cpu.call(this.thread, this.gate, msgTag(op, words.length), words);
    if (r === WOULD_BLOCK) {
      this.cpu.kernel.cancel(this.thread);
      return -Errno.EAGAIN;
    }
    if (r < 0) return -Errno.EIO;
    const k = this.cpu.kernel;
    const status = tagLabel(k.tag(this.thread));
    if (status < 0) return status;
    return op === RootOp.Free ? 0 : k.mr(this.thread, 0);
  }
}
export {
  RootTaskClient
};
