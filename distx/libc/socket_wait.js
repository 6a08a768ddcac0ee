import { Errno } from "../errno.js";
import { SocketEnd } from "../vfs/socket_pair.js";
function waitOn(ctx, file, events, sources, timeoutOf = file) {
  const spec = file !== void 0 ? { files: [{ file, events }] } : {};
  if (sources !== void 0) spec.sources = sources;
  const timeout = timeoutOf instanceof SocketEnd ? events === "read" ? timeoutOf.receiveTimeoutNs : timeoutOf.sendTimeoutNs : void 0;
  if (timeout === void 0) return ctx.wait(spec);
  const now = ctx.clock.monotonicNs();
  const deadlineNs = ctx.restart?.kind === "socket-timeout" ? ctx.restart.deadlineNs : now + timeout;
  if (now >= deadlineNs) return -Errno.EAGAIN;
  ctx.restart = { kind: "socket-timeout", deadlineNs };
  return ctx.wait({ ...spec, deadlineNs });
}
export {
  waitOn
};
