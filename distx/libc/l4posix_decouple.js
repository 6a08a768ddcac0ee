import { Errno } from "../errno.js";
const decoupleCalls = {
  decouple(c) {
    return c.decouple?.() ?? -Errno.ENOSYS;
  },
  recouple(c) {
    return c.recouple?.() ?? -Errno.ENOSYS;
  }
};
export {
  decoupleCalls
};
