import { writevSync } from "node:fs";
import { receiveMessageOnPort, workerData } from "node:worker_threads";
import { errnoFromError } from "../vfs/errno_map.js";
import { Ctl, RingReader } from "./write_behind_ring.js";
const { control, port } = workerData;
const ctl = new Int32Array(control);
const rings = /* @__PURE__ */ new Map();
let generation = -1;
const IDLE_MS = 20;
const POLL_MS = 0.05;
const writev = (fd, buffers, offset) => writevSync(fd, buffers, offset);
const errnoOf = (e) => -errnoFromError(e);
function readPort() {
  for (let m = receiveMessageOnPort(port); m !== void 0; m = receiveMessageOnPort(port)) {
    const msg = m.message;
    if ("add" in msg) rings.set(msg.add, new RingReader(ctl, msg.ring));
    else rings.delete(msg.remove);
  }
}
Atomics.store(ctl, Ctl.Ready, 1);
let idleSince = performance.now();
for (; ; ) {
  const g = Atomics.load(ctl, Ctl.Generation);
  if (g !== generation) {
    generation = g;
    readPort();
  }
  let done = 0;
  for (const r of rings.values()) done += r.drain(writev, errnoOf);
  Atomics.add(ctl, Ctl.Pass, 1);
  if (Atomics.load(ctl, Ctl.Waiters) !== 0) Atomics.notify(ctl, Ctl.Pass);
  if (done !== 0) {
    idleSince = performance.now();
    continue;
  }
  if (Atomics.load(ctl, Ctl.Pending) !== 0) continue;
  if (performance.now() - idleSince < IDLE_MS) {
    Atomics.wait(ctl, Ctl.Wake, Atomics.load(ctl, Ctl.Wake), POLL_MS);
    continue;
  }
  const w = Atomics.load(ctl, Ctl.Wake);
  Atomics.store(ctl, Ctl.Sleeping, 1);
  if (Atomics.load(ctl, Ctl.Pending) === 0 && Atomics.load(ctl, Ctl.Generation) === generation) Atomics.wait(ctl, Ctl.Wake, w);
  Atomics.store(ctl, Ctl.Sleeping, 0);
  idleSince = performance.now();
}
