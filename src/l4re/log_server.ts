// The log capability of a native L4 task (L4Re's log server): its stdout and stderr as IPC
// messages to a gate whose object hands the bytes to the host.
import { msgTag } from '../kernel/kernel.js';
import { Errno } from '../errno.js';
import type { Message, ServerObject } from './registry.js';

/** Operations of the log protocol (the tag's label). */
export const enum LogOp {
  /** MR0 = byte count n, MR1.. = the bytes (n <= 4 * (words - 1)) -> label 0 or -errno. */
  Write = 1,
}

/** Bytes one Write message carries (63 registers after the count). */
export const LOG_CHUNK = 63 * 4;

export class LogSink implements ServerObject {
  constructor(private readonly out: (bytes: Uint8Array) => void) {}

  dispatch(msg: Message): number {
    if (msg.op !== LogOp.Write) return msgTag(-Errno.ENOSYS);
    const n = msg.word(0);
    if (msg.words < 1 || n > (msg.words - 1) * 4) return msgTag(-Errno.EINVAL);
    const mr = msg.mrs;
    this.out(new Uint8Array(mr.buffer, mr.byteOffset + 4, n).slice());
    return msgTag(0);
  }
}
