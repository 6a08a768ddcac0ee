import { Errno } from "../errno.js";
const ipcChannels = /* @__PURE__ */ new WeakMap();
function setBenchIpcChannel(ctx, roundTrip) {
  ipcChannels.set(ctx, roundTrip);
}
const benchCalls = {
  bench_nop: (_c) => 0,
  bench_ipc: (c) => ipcChannels.get(c)?.() ?? -Errno.ENOSYS
};
export {
  benchCalls,
  setBenchIpcChannel
};
