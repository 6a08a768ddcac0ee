import { Errno } from "../errno.js";
import { ClockId } from "./abi.js";
const RESOLUTION_NS = 1;
const clockCalls = {
  clock_res_get(s, id, resultPtr) {
    resultPtr >>>= 0;
    s.mem.refresh();
    if (id >>> 0 > ClockId.THREAD_CPUTIME) return -Errno.EINVAL;
    if (!s.mem.ok(resultPtr, 8)) return -Errno.EFAULT;
    const view = s.mem.view;
    view.setUint32(resultPtr, RESOLUTION_NS, true);
    view.setUint32(resultPtr + 4, 0, true);
    return 0;
  },
  clock_time_get(s, id, _precision, resultPtr) {
    resultPtr >>>= 0;
    s.mem.refresh();
    if (!s.mem.ok(resultPtr, 8)) return -Errno.EFAULT;
    return s.ctx.clock.store(id, s.mem.view, resultPtr) ? 0 : -Errno.EINVAL;
  }
};
export {
  clockCalls
};
