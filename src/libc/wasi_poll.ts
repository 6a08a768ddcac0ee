// wasi_snapshot_preview1, poll family: poll_oneoff over clock and descriptor subscriptions.
import { Errno } from '../errno.js';
import { FileType } from '../vfs/types.js';
import { SocketEnd } from '../vfs/socket_pair.js';
import { ClockId, Event, EventType, Rights, SubClockFlags, Subscription } from './abi.js';
import type { WaitSpec } from './context.js';
import type { WasiState } from './wasi_state.js';

/** poll_oneoff's restart state (restart.ts, kind 'poll'): the deadline of each clock subscription. */
export class PollRestart {
  readonly kind = 'poll';
  constructor(readonly deadlines: (bigint | undefined)[]) {}
}

export const pollCalls = {
  poll_oneoff(s: WasiState, inPtr: number, outPtr: number, nsubs: number, neventsPtr: number): number {
    inPtr >>>= 0; outPtr >>>= 0; nsubs >>>= 0; neventsPtr >>>= 0;
    s.mem.refresh();
    if (nsubs === 0) return -Errno.EINVAL;
    if (!s.mem.ok(inPtr, nsubs * Subscription.SIZE) || !s.mem.ok(outPtr, nsubs * Event.SIZE) ||
        !s.mem.ok(neventsPtr, 4)) {
      return -Errno.EFAULT;
    }
    const ctx = s.ctx;
    const now = ctx.clock.monotonicNs();
    const prior = ctx.restart?.kind === 'poll' && ctx.restart.deadlines.length === nsubs ? ctx.restart : undefined;
    const deadlines = prior?.deadlines ?? new Array<bigint | undefined>(nsubs);
    const sub = new Subscription();
    // The subscriptions as validated: events written to an `out` that overlaps `in` must not
    // change those not reported yet (Linux copies them in first).
    const tags = new Uint8Array(nsubs), fds = new Uint32Array(nsubs), userdata = new BigUint64Array(nsubs);

    // Validate every subscription and fix the clock deadlines before anything is reported.
    for (let i = 0; i < nsubs; i++) {
      sub.read(s.mem.view, inPtr + i * Subscription.SIZE);
      tags[i] = sub.tag;
      fds[i] = sub.fd;
      userdata[i] = sub.userdata;
      if (sub.tag === EventType.FD_READ || sub.tag === EventType.FD_WRITE) continue;
      if (sub.tag !== EventType.CLOCK) return -Errno.EINVAL;
      if (prior !== undefined) continue;
      const abs = (sub.flags & SubClockFlags.ABSTIME) !== 0;
      switch (sub.clockId) {
        case ClockId.MONOTONIC:
          deadlines[i] = abs ? sub.timeout : now + sub.timeout;
          break;
        case ClockId.REALTIME:
          deadlines[i] = abs ? now + (sub.timeout - ctx.clock.realtimeNs()) : now + sub.timeout;
          break;
        case ClockId.PROCESS_CPUTIME:
        case ClockId.THREAD_CPUTIME:
          return -Errno.ENOTSUP;
        default:
          return -Errno.EINVAL;
      }
    }

    // Report what is ready now; remember what to wait for otherwise.
    let nevents = 0;
    let earliest: bigint | undefined;
    let files: WaitSpec['files'];
    for (let i = 0; i < nsubs; i++) {
      sub.tag = tags[i]!;
      sub.fd = fds[i]!;
      sub.userdata = userdata[i]!;
      const at = outPtr + nevents * Event.SIZE;
      if (sub.tag === EventType.CLOCK) {
        const d = deadlines[i]!;
        if (now >= d) {
          Event.write(s.mem.view, at, sub.userdata, 0, EventType.CLOCK, 0);
          nevents++;
        } else if (earliest === undefined || d < earliest) {
          earliest = d;
        }
        continue;
      }
      const e = s.fds.getFile(sub.fd, Rights.POLL_FD_READWRITE);
      if (typeof e === 'number') {
        Event.write(s.mem.view, at, sub.userdata, -e, sub.tag, 0);
        nevents++;
        continue;
      }
      const file = e.desc.file;
      const reading = sub.tag === EventType.FD_READ;
      const socket = file.type === FileType.SocketStream || file.type === FileType.SocketDgram;
      if (socket && file instanceof SocketEnd && file.error !== 0 && !file.readable()) {
        // A socket's pending error with nothing to read (a refused datagram or connect): POLLERR
        // (wasi-libc's poll makes an event's error that; with data, POLLIN comes first and the read reports it).
        Event.write(s.mem.view, at, sub.userdata, file.error, sub.tag, 0);
        nevents++;
      } else if (reading ? file.readable() : file.writable()) {
        const avail = reading ? file.available() : 0;
        // The peer gone: a reader sees the hangup flag (POLLHUP), a writer EPIPE (wasi-libc: POLLHUP).
        const hup = file.hungUp?.() === true;
        Event.write(s.mem.view, at, sub.userdata, hup && !reading ? Errno.EPIPE : 0, sub.tag, avail > 0 ? avail : 0, hup && reading);
        nevents++;
      } else if (reading && socket && file.hungUp?.() === true) {
        // A socket hung up with nothing to read (one never connected): POLLHUP alone, as Linux.
        Event.write(s.mem.view, at, sub.userdata, Errno.EPIPE, sub.tag, 0, false);
        nevents++;
      } else {
        (files ??= []).push({ file, events: reading ? 'read' : 'write' });
      }
    }

    if (nevents > 0) {
      s.mem.view.setUint32(neventsPtr, nevents, true);
      ctx.restart = undefined;
      return 0;
    }
    if (prior === undefined) ctx.restart = new PollRestart(deadlines);
    return ctx.wait({ files, deadlineNs: earliest });
  },
};
