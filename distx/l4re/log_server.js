import { msgTag } from "../kernel/kernel.js";
import { Errno } from "../errno.js";
var LogOp = /* @__PURE__ */ ((LogOp2) => {
  LogOp2[LogOp2["Write"] = 1] = "Write";
  return LogOp2;
})(LogOp || {});
const LOG_CHUNK = 63 * 4;
class LogSink {
  constructor(out) {
    this.out = out;
  }
  out;
  dispatch(msg) {
    if (msg.op !== 1 /* Write */) return msgTag(-Errno.ENOSYS);
    const n = msg.word(0);
    if (msg.words < 1 || n > (msg.words - 1) * 4) return msgTag(-Errno.EINVAL);
    const mr = msg.mrs;
    this.out(new Uint8Array(mr.buffer, mr.byteOffset + 4, n).slice());
    return msgTag(0);
  }
}
export {
  LOG_CHUNK,
  LogOp,
  LogSink
};
