// The write-behind thread (write_behind_ring.ts): one per Node process, started with the first
// decoupled program that may write lent host files. It sweeps every ring, making the queued
// writes in order, spins a little when there is nothing to do, then sleeps until a producer
// wakes it. Rings come and go through its port (read whenever Ctl.Generation moves).
import { writevSync } from 'node:fs';
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { errnoFromError } from '../vfs/errno_map.js';
import { Ctl, RingReader } from './write_behind_ring.js';

/** What the vCPU says through the port. */
export type DrainerMessage = { add: number; ring: SharedArrayBuffer } | { remove: number };

const { control, port } = workerData as { control: SharedArrayBuffer; port: MessagePort };
const ctl = new Int32Array(control);
const rings = new Map<number, RingReader>();
let generation = -1;
/**
 * How long the thread keeps looking after its last write before it sleeps (ms), as io_uring's
 * polling thread idles before it sleeps: a program that writes keeps it looking, so its writes
 * need no wake-up (a futex call on the program's core, ~40 µs until this thread runs). It looks
 * every POLL_MS, not in a spin: a spin took a core's worth of CPU beside the program and the host's
 * own I/O threads, and was no faster (10 alternating SQLite runs each). 20 ms spans the time
 * between a program's bursts (SQLite's transactions); 2 ms was no faster in 10 alternating runs.
 */
const IDLE_MS = 20;
const POLL_MS = 0.05;

const writev = (fd: number, buffers: Uint8Array[], offset: number): number => writevSync(fd, buffers, offset);
const errnoOf = (e: unknown): number => -errnoFromError(e);

function readPort(): void {
  for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
    const msg = m.message as DrainerMessage;
    if ('add' in msg) rings.set(msg.add, new RingReader(ctl, msg.ring));
    else rings.delete(msg.remove);
  }
}

Atomics.store(ctl, Ctl.Ready, 1);
let idleSince = performance.now();
for (;;) {
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
  // Asleep only after saying so and seeing nothing queued: a producer queues, then looks at Sleeping.
  const w = Atomics.load(ctl, Ctl.Wake);
  Atomics.store(ctl, Ctl.Sleeping, 1);
  if (Atomics.load(ctl, Ctl.Pending) === 0 && Atomics.load(ctl, Ctl.Generation) === generation) Atomics.wait(ctl, Ctl.Wake, w);
  Atomics.store(ctl, Ctl.Sleeping, 0);
  idleSince = performance.now();
}
