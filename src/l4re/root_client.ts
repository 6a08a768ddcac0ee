// The client side of the root task protocol: what a backend running in a program's thread calls.
// Every request is a kernel IPC call through the root task's gate, on the CPU's fast path.
import { Cpu, WOULD_BLOCK } from '../kernel/cpu.js';
import { msgTag, tagLabel, type Cap, type ThreadId } from '../kernel/kernel.js';
import { Errno } from '../errno.js';
import { RootOp } from './root_task.js';

export class RootTaskClient {
  constructor(private readonly cpu: Cpu, private readonly thread: ThreadId, private readonly gate: Cap) {}

  /** A new anonymous dataspace of `size` bytes: its id, or -errno. */
  allocate(size: number): number { return this.request(RootOp.Alloc, [size]); }

  free(id: number): number { return this.request(RootOp.Free, [id]); }

  /** The dataspace registered under `name` (e.g. "rom/motd"): its id, or -errno. */
  query(name: string): number {
    const bytes = new TextEncoder().encode(name);
    if (bytes.length > 200) return -Errno.ENAMETOOLONG;
    const words = new Uint32Array(1 + Math.ceil(bytes.length / 4));
    words[0] = bytes.length;
    new Uint8Array(words.buffer, 4).set(bytes);
    return this.request(RootOp.Query, words);
  }

  private request(op: RootOp, words: ArrayLike<number>): number {
    const r = this.cpu.call(this.thread, this.gate, msgTag(op, words.length), words);
    // The root task answers at once; a blocked call means its server thread is busy on another
    // CPU. Backends call from paths that cannot suspend, so give up the call (the thread must not
    // stay blocked in the kernel) and let the caller retry.
    if (r === WOULD_BLOCK) {
      this.cpu.kernel.cancel(this.thread);
      return -Errno.EAGAIN;
    }
    if (r < 0) return -Errno.EIO;
    const k = this.cpu.kernel;
    const status = tagLabel(k.tag(this.thread));
    // Errors come as the label; values (dataspace ids) in MR0, since they outgrow 16 bits.
    if (status < 0) return status;
    return op === RootOp.Free ? 0 : k.mr(this.thread, 0);
  }
}
