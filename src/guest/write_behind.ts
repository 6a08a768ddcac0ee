// The vCPU's side of write-behind (write_behind_ring.ts): one write-behind thread per Node
// process, started with the first ring; a ring per decoupled program that may write lent host
// files; the barrier every host file operation of the vCPU makes (vfs/host_io_barrier.ts).
import { existsSync, writevSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { MessagePort } from 'node:worker_threads';
import { setHostIoBarrier } from '../vfs/host_io_barrier.js';
import { errnoFromError } from '../vfs/errno_map.js';
import type { DrainerMessage } from './write_behind_drainer.js';
import { CONTROL_BYTES, Ctl, Ring, RING_BYTES, RingReader, waitWritten } from './write_behind_ring.js';

/** A program's ring, as the vCPU holds it. */
export interface WriteBehindRing {
  control: SharedArrayBuffer;
  ring: SharedArrayBuffer;
  /** Waits for its writes, then drops it (the program has ended). */
  release(): void;
}

/** Writes queued by programs that have ended (for tests and benchmarks: the path is taken). */
export const writeBehindStats = { queued: 0 };

let control: SharedArrayBuffer | undefined;
let ctl: Int32Array | undefined;
let port: MessagePort | undefined;
let nextId = 1;
const rings = new Map<number, SharedArrayBuffer>();

function drainerEntry(): URL {
  const here = new URL('./write_behind_drainer.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  // Running from src/ (tests): the built thread in dist/.
  return new URL('../../dist/guest/write_behind_drainer.js', import.meta.url);
}

/**
 * The writes of a thread that died are made here, and nothing more is queued (Ready stays 0):
 * what programs were told was written is written.
 */
function drainHere(): void {
  const c = ctl!;
  Atomics.store(c, Ctl.Ready, 0);
  const writev = (fd: number, b: Uint8Array[], at: number) => writevSync(fd, b, at);
  for (const ring of rings.values()) new RingReader(c, ring).drain(writev, (e) => -errnoFromError(e));
  Atomics.add(c, Ctl.Pass, 2);
  Atomics.notify(c, Ctl.Pass);
}

function start(): void {
  const wt = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  control = new SharedArrayBuffer(CONTROL_BYTES);
  ctl = new Int32Array(control);
  const channel = new wt.MessageChannel();
  port = channel.port1;
  const thread = new wt.Worker(drainerEntry(), { workerData: { control, port: channel.port2 }, transferList: [channel.port2] });
  thread.unref();
  port.unref();
  // 'error' is followed by 'exit': the second drain finds nothing left.
  thread.on('error', drainHere);
  thread.on('exit', drainHere);
  const c = ctl;
  setHostIoBarrier(() => waitWritten(c));
}

/** A ring for a decoupled program (the write-behind thread started with the first). */
export function newWriteBehindRing(): WriteBehindRing {
  if (control === undefined) start();
  const ring = new SharedArrayBuffer(RING_BYTES);
  const id = nextId++;
  rings.set(id, ring);
  post({ add: id, ring });
  let released = false;
  return {
    control: control!,
    ring,
    release: () => {
      if (released) return;
      released = true;
      waitWritten(ctl!);
      writeBehindStats.queued += Atomics.load(new Int32Array(ring), Ring.Produced);
      rings.delete(id);
      post({ remove: id });
    },
  };
}

function post(m: DrainerMessage): void {
  port!.postMessage(m);
  Atomics.add(ctl!, Ctl.Generation, 1);
  Atomics.add(ctl!, Ctl.Wake, 1);
  Atomics.notify(ctl!, Ctl.Wake);
}

/** Whether the write-behind thread has started and takes writes (until then programs write themselves). */
export function writeBehindReady(): boolean {
  return ctl !== undefined && Atomics.load(ctl, Ctl.Ready) === 1;
}

/** Waits until every queued write is made (before a host descriptor is closed outside hostfs). */
export function waitForWriteBehind(): void {
  if (ctl !== undefined) waitWritten(ctl);
}
