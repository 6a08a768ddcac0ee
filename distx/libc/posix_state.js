import { GuestMemory } from "./abi.js";
import { RLIM_INFINITY, RLIMIT_COUNT, Rlimit, Termios, Winsize } from "./posix_abi.js";
const NOFILE_HARD = 4096;
function defaultLimits() {
  const inf = () => ({ cur: RLIM_INFINITY, max: RLIM_INFINITY });
  const l = Array.from({ length: RLIMIT_COUNT }, inf);
  l[Rlimit.CORE] = { cur: 0n, max: RLIM_INFINITY };
  l[Rlimit.MEMLOCK] = { cur: 8n << 20n, max: 8n << 20n };
  l[Rlimit.MSGQUEUE] = { cur: 819200n, max: 819200n };
  l[Rlimit.NICE] = { cur: 0n, max: 0n };
  l[Rlimit.RTPRIO] = { cur: 0n, max: 0n };
  return l;
}
class PosixState {
  mem;
  /** Resource limits by RLIMIT_*; NOFILE's soft limit is the descriptor table's size itself. */
  limits = defaultLimits();
  /** RLIMIT_STACK is set from the program's stack size, which its libl4posix reports. */
  stackKnown = false;
  /** The process's terminal settings (one controlling terminal per process). */
  termios = new Termios();
  winsize = new Winsize();
  constructor(ctx) {
    this.mem = new GuestMemory(ctx);
    this.limits[Rlimit.NOFILE] = { cur: BigInt(ctx.fds.maxFds), max: BigInt(Math.max(NOFILE_HARD, ctx.fds.maxFds)) };
    for (const [resource, l] of Object.entries(ctx.initialLimits ?? {})) {
      if (l !== void 0) this.limits[Number(resource)] = { cur: l.cur, max: l.max };
    }
  }
}
function existingPosixState(ctx) {
  return states.get(ctx);
}
const states = /* @__PURE__ */ new WeakMap();
function posixState(ctx) {
  let s = states.get(ctx);
  if (s === void 0) states.set(ctx, s = new PosixState(ctx));
  return s;
}
export {
  NOFILE_HARD,
  PosixState,
  existingPosixState,
  posixState
};
