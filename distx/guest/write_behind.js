import { existsSync, writevSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { setHostIoBarrier } from "../vfs/host_io_barrier.js";
import { errnoFromError } from "../vfs/errno_map.js";
import { CONTROL_BYTES, Ctl, Ring, RING_BYTES, RingReader, waitWritten } from "./write_behind_ring.js";
const writeBehindStats = { queued: 0 };
let control;
let ctl;
let port;
let nextId = 1;
const rings = /* @__PURE__ */ new Map();
function drainerEntry() {
  const here = new URL("./write_behind_drainer.js", import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL("../../dist/guest/write_behind_drainer.js", import.meta.url);
}
function drainHere() {
  const c = ctl;
  Atomics.store(c, Ctl.Ready, 0);
  const writev = (fd, b, at) => writevSync(fd, b, at);
  for (const ring of rings.values()) new RingReader(c, ring).drain(writev, (e) => -errnoFromError(e));
  Atomics.add(c, Ctl.Pass, 2);
  Atomics.notify(c, Ctl.Pass);
}
function start() {
  const wt = createRequire(import.meta.url)("node:worker_threads");
  control = new SharedArrayBuffer(CONTROL_BYTES);
  ctl = new Int32Array(control);
  const channel = new wt.MessageChannel();
  port = channel.port1;
  const thread = new wt.Worker(drainerEntry(), { workerData: { control, port: channel.port2 }, transferList: [channel.port2] });
  thread.unref();
  port.unref();
  thread.on("error", drainHere);
  thread.on("exit", drainHere);
  const c = ctl;
  setHostIoBarrier(() => waitWritten(c));
}
function newWriteBehindRing() {
  if (control === void 0) start();
  const ring = new SharedArrayBuffer(RING_BYTES);
  const id = nextId++;
  rings.set(id, ring);
  post({ add: id, ring });
  let released = false;
  return {
    control,
    ring,
    release: () => {
      if (released) return;
      released = true;
      waitWritten(ctl);
      writeBehindStats.queued += Atomics.load(new Int32Array(ring), Ring.Produced);
      rings.delete(id);
      post({ remove: id });
    }
  };
}
function post(m) {
  port.postMessage(m);
  Atomics.add(ctl, Ctl.Generation, 1);
  Atomics.add(ctl, Ctl.Wake, 1);
  Atomics.notify(ctl, Ctl.Wake);
}
function waitForWriteBehind() {
  if (ctl !== void 0) waitWritten(ctl);
}
export {
  newWriteBehindRing,
  waitForWriteBehind,
  writeBehindStats
};
