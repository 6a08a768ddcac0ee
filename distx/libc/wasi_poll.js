import { Errno } from "../errno.js";
import { FileType } from "../vfs/types.js";
import { ClockId, Event, EventType, Rights, SubClockFlags, Subscription } from "./abi.js";
class PollRestart {
  constructor(deadlines) {
    this.deadlines = deadlines;
  }
  deadlines;
  kind = "poll";
}
const pollCalls = {
  poll_oneoff(s, inPtr, outPtr, nsubs, neventsPtr) {
    inPtr >>>= 0;
    outPtr >>>= 0;
    nsubs >>>= 0;
    neventsPtr >>>= 0;
    s.mem.refresh();
    if (nsubs === 0) return -Errno.EINVAL;
    if (!s.mem.ok(inPtr, nsubs * Subscription.SIZE) || !s.mem.ok(outPtr, nsubs * Event.SIZE) || !s.mem.ok(neventsPtr, 4)) {
      return -Errno.EFAULT;
    }
    const ctx = s.ctx;
    const now = ctx.clock.monotonicNs();
    const prior = ctx.restart?.kind === "poll" && ctx.restart.deadlines.length === nsubs ? ctx.restart : void 0;
    const deadlines = prior?.deadlines ?? new Array(nsubs);
    const sub = new Subscription();
    const tags = new Uint8Array(nsubs), fds = new Uint32Array(nsubs), userdata = new BigUint64Array(nsubs);
    for (let i = 0; i < nsubs; i++) {
      sub.read(s.mem.view, inPtr + i * Subscription.SIZE);
      tags[i] = sub.tag;
      fds[i] = sub.fd;
      userdata[i] = sub.userdata;
      if (sub.tag === EventType.FD_READ || sub.tag === EventType.FD_WRITE) continue;
      if (sub.tag !== EventType.CLOCK) return -Errno.EINVAL;
      if (prior !== void 0) continue;
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
    let nevents = 0;
    let earliest;
    let files;
    for (let i = 0; i < nsubs; i++) {
      sub.tag = tags[i];
      sub.fd = fds[i];
      sub.userdata = userdata[i];
      const at = outPtr + nevents * Event.SIZE;
      if (sub.tag === EventType.CLOCK) {
        const d = deadlines[i];
        if (now >= d) {
          Event.write(s.mem.view, at, sub.userdata, 0, EventType.CLOCK, 0);
          nevents++;
        } else if (earliest === void 0 || d < earliest) {
          earliest = d;
        }
        continue;
      }
      const e = s.fds.getFile(sub.fd, Rights.POLL_FD_READWRITE);
      if (typeof e === "number") {
        Event.write(s.mem.view, at, sub.userdata, -e, sub.tag, 0);
        nevents++;
        continue;
      }
      const file = e.desc.file;
      const reading = sub.tag === EventType.FD_READ;
      const socket = file.type === FileType.SocketStream || file.type === FileType.SocketDgram;
      if (reading ? file.readable() : file.writable()) {
        const avail = reading ? file.available() : 0;
        const hup = file.hungUp?.() === true;
        Event.write(s.mem.view, at, sub.userdata, hup && !reading ? Errno.EPIPE : 0, sub.tag, avail > 0 ? avail : 0, hup && reading);
        nevents++;
      } else if (reading && socket && file.hungUp?.() === true) {
        Event.write(s.mem.view, at, sub.userdata, Errno.EPIPE, sub.tag, 0, false);
        nevents++;
      } else {
        (files ??= []).push({ file, events: reading ? "read" : "write" });
      }
    }
    if (nevents > 0) {
      s.mem.view.setUint32(neventsPtr, nevents, true);
      ctx.restart = void 0;
      return 0;
    }
    if (prior === void 0) ctx.restart = new PollRestart(deadlines);
    return ctx.wait({ files, deadlineNs: earliest });
  }
};
export {
  PollRestart,
  pollCalls
};
