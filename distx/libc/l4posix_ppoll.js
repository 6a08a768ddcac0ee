import { Errno } from "../errno.js";
import { Rights } from "./abi.js";
import { SUSPEND } from "./context.js";
var Poll = /* @__PURE__ */ ((Poll2) => {
  Poll2[Poll2["IN"] = 1] = "IN";
  Poll2[Poll2["OUT"] = 2] = "OUT";
  Poll2[Poll2["PRI"] = 512] = "PRI";
  Poll2[Poll2["ERR"] = 4096] = "ERR";
  Poll2[Poll2["HUP"] = 8192] = "HUP";
  Poll2[Poll2["NVAL"] = 16384] = "NVAL";
  return Poll2;
})(Poll || {});
const POLLFD_SIZE = 8;
const SIGSET_SIZE = 8;
const SIG_SETMASK = 2;
const NS_PER_S = 1000000000n;
function pollEvents(file, rightsBase, events) {
  let revents = 0;
  const reader = (rightsBase & Rights.FD_READ) !== 0;
  const writer = (rightsBase & Rights.FD_WRITE) !== 0;
  const hup = file.hungUp?.() === true;
  if ((events & 1 /* IN */) !== 0 && file.readable() && !(hup && reader && file.available() === 0)) revents |= 1 /* IN */;
  if ((events & 2 /* OUT */) !== 0 && file.writable()) revents |= 2 /* OUT */;
  if (hup && reader && !writer) revents |= 8192 /* HUP */;
  if (hup && writer && !reader) revents |= 4096 /* ERR */ | events & 2 /* OUT */;
  return revents;
}
const ppollCalls = {
  /** ppoll(fds, nfds, timeout, sigmask): the number of descriptors with events, 0 at the timeout, or -errno. */
  ppoll(c, fdsPtr, nfds, timeoutPtr, maskPtr) {
    const s = c.signals;
    if (s === void 0) return -Errno.ENOSYS;
    fdsPtr >>>= 0;
    nfds >>>= 0;
    timeoutPtr >>>= 0;
    maskPtr >>>= 0;
    const m = s.mem();
    let state = c.restart?.kind === "ppoll" ? c.restart : void 0;
    if (state === void 0) {
      if (nfds > c.fds.maxFds) return -Errno.EINVAL;
      if (nfds > 0 && (fdsPtr === 0 || !m.ok(fdsPtr, nfds * POLLFD_SIZE)) || timeoutPtr !== 0 && !m.ok(timeoutPtr, 16) || maskPtr !== 0 && !m.ok(maskPtr, SIGSET_SIZE)) {
        return -Errno.EFAULT;
      }
      let deadlineNs;
      if (timeoutPtr !== 0) {
        const sec = m.view.getBigInt64(timeoutPtr, true);
        const nsec = m.view.getInt32(timeoutPtr + 8, true);
        if (sec < 0n || nsec < 0 || nsec >= 1e9) return -Errno.EINVAL;
        deadlineNs = c.clock.monotonicNs() + sec * NS_PER_S + BigInt(nsec);
      }
      let saved;
      if (maskPtr !== 0) {
        saved = [s.state.blockedLo, s.state.blockedHi];
        s.state.setMask(SIG_SETMASK, m.view.getInt32(maskPtr, true), m.view.getInt32(maskPtr + 4, true));
      }
      state = { kind: "ppoll", deadlineNs, saved };
    }
    const view = s.mem().view;
    let ready = 0;
    let files;
    for (let i = 0; i < nfds; i++) {
      const at = fdsPtr + i * POLLFD_SIZE;
      const fd = view.getInt32(at, true);
      const events = view.getInt16(at + 4, true);
      let revents = 0;
      if (fd >= 0) {
        const e = c.fds.getFile(fd, 0);
        if (typeof e === "number") {
          revents = 16384 /* NVAL */;
        } else {
          const file = e.desc.file;
          revents = pollEvents(file, e.rightsBase, events);
          if (revents === 0) {
            if ((events & 1 /* IN */) !== 0) (files ??= []).push({ file, events: "read" });
            if ((events & 2 /* OUT */) !== 0) (files ??= []).push({ file, events: "write" });
          }
        }
      }
      view.setInt16(at + 6, revents, true);
      if (revents !== 0) ready++;
    }
    const timedOut = state.deadlineNs !== void 0 && c.clock.monotonicNs() >= state.deadlineNs;
    if (ready > 0 || timedOut) {
      if (state.saved !== void 0) s.state.setMask(SIG_SETMASK, state.saved[0], state.saved[1]);
      c.restart = void 0;
      return ready;
    }
    c.restart = state;
    const r = c.wait(files === void 0 ? { deadlineNs: state.deadlineNs } : { files, deadlineNs: state.deadlineNs });
    if (r === SUSPEND) return r;
    if (state.saved !== void 0) s.restoreMaskAfterHandlers(state.saved[0], state.saved[1]);
    c.restart = void 0;
    return r;
  }
};
export {
  Poll,
  pollEvents,
  ppollCalls
};
