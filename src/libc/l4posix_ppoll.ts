// l4posix, ppoll (sysroot/src/ppoll.c): poll on struct pollfd with a signal mask in place for the
// wait only. The mask is installed and the old one restored inside this one call, so a signal the
// mask lets through can only interrupt the wait (EINTR; its handler runs under the ppoll mask, the
// old mask returns after it), never slip in between. revents as Linux reports them; the bits are
// wasi-libc's <poll.h> values.
import { Errno } from '../errno.js';
import { Rights } from './abi.js';
import type { WaitSpec } from './context.js';
import { SUSPEND } from './context.js';
import type { L4posixContext } from './l4posix.js';
import type { OpenFile } from '../vfs/types.js';
import { SocketEnd } from '../vfs/socket_pair.js';

/** wasi-libc's <__header_poll.h>: POLLIN is POLLRDNORM, POLLOUT is POLLWRNORM. */
export const enum Poll { IN = 0x1, OUT = 0x2, PRI = 0x200, ERR = 0x1000, HUP = 0x2000, NVAL = 0x4000 }
/** struct pollfd { int fd; short events; short revents; } */
const POLLFD_SIZE = 8;
const SIGSET_SIZE = 8;
const SIG_SETMASK = 2;
const NS_PER_S = 1_000_000_000n;

/**
 * What poll reports for `file` asked for `events` (wasi-libc's bits) through a descriptor with
 * `rightsBase`: POLLIN, POLLOUT as ready, POLLHUP/POLLERR as Linux's pipes report a gone peer.
 */
export function pollEvents(file: OpenFile, rightsBase: number, events: number): number {
  if (file instanceof SocketEnd) return socketEvents(file, events);
  let revents = 0;
  const reader = (rightsBase & Rights.FD_READ) !== 0;
  const writer = (rightsBase & Rights.FD_WRITE) !== 0;
  const hup = file.hungUp?.() === true;
  // A reader at the end of a hung-up pipe has nothing to read: POLLHUP alone, as Linux.
  if ((events & Poll.IN) !== 0 && file.readable() && !(hup && reader && file.available() === 0)) revents |= Poll.IN;
  if ((events & Poll.OUT) !== 0 && file.writable()) revents |= Poll.OUT;
  // The peer gone: a reader sees POLLHUP, a writer POLLERR (Linux's pipes), asked for or not.
  if (hup && reader && !writer) revents |= Poll.HUP;
  if (hup && writer && !reader) revents |= Poll.ERR | (events & Poll.OUT);
  return revents;
}

/**
 * A socket, as Linux's unix_poll/tcp_poll/datagram_poll: POLLIN with data, a connection waiting or
 * the peer's end (read gives 0), POLLOUT with room, POLLHUP when no data can move either way (the
 * peer closed, never connected, refused), POLLERR with an error pending (SO_ERROR), asked for or not.
 */
function socketEvents(file: SocketEnd, events: number): number {
  let revents = 0;
  if ((events & Poll.IN) !== 0 && file.readable()) revents |= Poll.IN;
  if ((events & Poll.OUT) !== 0 && file.writable()) revents |= Poll.OUT;
  if (file.hungUp?.() === true) revents |= Poll.HUP;
  if (file.error !== 0) revents |= Poll.ERR;
  return revents;
}

export const ppollCalls = {
  /** ppoll(fds, nfds, timeout, sigmask): the number of descriptors with events, 0 at the timeout, or -errno. */
  ppoll(c: L4posixContext, fdsPtr: number, nfds: number, timeoutPtr: number, maskPtr: number): number {
    const s = c.signals;
    if (s === undefined) return -Errno.ENOSYS;
    fdsPtr >>>= 0; nfds >>>= 0; timeoutPtr >>>= 0; maskPtr >>>= 0;
    const m = s.mem();
    let state = c.restart?.kind === 'ppoll' ? c.restart : undefined;
    if (state === undefined) {
      // More descriptors than the process may have open is EINVAL (Linux: RLIMIT_NOFILE), before
      // any pointer is looked at: no nfds makes poll write revents across the program's memory.
      if (nfds > c.fds.maxFds) return -Errno.EINVAL;
      if ((nfds > 0 && (fdsPtr === 0 || !m.ok(fdsPtr, nfds * POLLFD_SIZE))) || (timeoutPtr !== 0 && !m.ok(timeoutPtr, 16)) ||
          (maskPtr !== 0 && !m.ok(maskPtr, SIGSET_SIZE))) {
        return -Errno.EFAULT;
      }
      let deadlineNs: bigint | undefined;
      if (timeoutPtr !== 0) {
        const sec = m.view.getBigInt64(timeoutPtr, true);
        const nsec = m.view.getInt32(timeoutPtr + 8, true);
        if (sec < 0n || nsec < 0 || nsec >= 1e9) return -Errno.EINVAL;
        deadlineNs = c.clock.monotonicNs() + sec * NS_PER_S + BigInt(nsec);
      }
      let saved: [number, number] | undefined;
      if (maskPtr !== 0) {
        saved = [s.state.blockedLo, s.state.blockedHi];
        s.state.setMask(SIG_SETMASK, m.view.getInt32(maskPtr, true), m.view.getInt32(maskPtr + 4, true));
      }
      state = { kind: 'ppoll', deadlineNs, saved };
    }

    const view = s.mem().view;
    let ready = 0;
    let files: WaitSpec['files'];
    for (let i = 0; i < nfds; i++) {
      const at = fdsPtr + i * POLLFD_SIZE;
      const fd = view.getInt32(at, true);
      const events = view.getInt16(at + 4, true);
      let revents = 0;
      if (fd >= 0) {
        const e = c.fds.getFile(fd, 0);
        if (typeof e === 'number') {
          revents = Poll.NVAL;
        } else {
          const file = e.desc.file;
          revents = pollEvents(file, e.rightsBase, events);
          if (revents === 0) {
            if ((events & Poll.IN) !== 0) (files ??= []).push({ file, events: 'read' });
            if ((events & Poll.OUT) !== 0) (files ??= []).push({ file, events: 'write' });
          }
        }
      }
      view.setInt16(at + 6, revents, true);
      if (revents !== 0) ready++;
    }

    const timedOut = state.deadlineNs !== undefined && c.clock.monotonicNs() >= state.deadlineNs;
    if (ready > 0 || timedOut) {
      // Done without a signal: the caller's mask is back before the call returns.
      if (state.saved !== undefined) s.state.setMask(SIG_SETMASK, state.saved[0], state.saved[1]);
      c.restart = undefined;
      return ready;
    }
    c.restart = state;
    const r = c.wait(files === undefined ? { deadlineNs: state.deadlineNs } : { files, deadlineNs: state.deadlineNs });
    if (r === SUSPEND) return r;
    // Interrupted: the handlers run under the ppoll mask; the caller's returns once they have.
    if (state.saved !== undefined) s.restoreMaskAfterHandlers(state.saved[0], state.saved[1]);
    c.restart = undefined;
    return r;
  },
};
