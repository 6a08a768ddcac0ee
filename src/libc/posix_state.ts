// What the l4posix memory, descriptor, terminal and system families keep per process besides the
// syscall context: the view of its memory, its resource limits, its terminal settings. Made on the
// process's first such call.
import { GuestMemory } from './abi.js';
import type { L4posixContext } from './l4posix.js';
import { RLIM_INFINITY, RLIMIT_COUNT, Rlimit, Termios, Winsize } from './posix_abi.js';

/** RLIMIT_NOFILE's hard limit: how far setrlimit may move the descriptor table's size. */
export const NOFILE_HARD = 4096;

export interface Limit { cur: bigint; max: bigint }

/** Linux's defaults, except where this machine knows better (descriptors, stack, address space). */
function defaultLimits(): Limit[] {
  const inf = (): Limit => ({ cur: RLIM_INFINITY, max: RLIM_INFINITY });
  const l: Limit[] = Array.from({ length: RLIMIT_COUNT }, inf);
  l[Rlimit.CORE] = { cur: 0n, max: RLIM_INFINITY };
  l[Rlimit.MEMLOCK] = { cur: 8n << 20n, max: 8n << 20n };
  l[Rlimit.MSGQUEUE] = { cur: 819200n, max: 819200n };
  l[Rlimit.NICE] = { cur: 0n, max: 0n };
  l[Rlimit.RTPRIO] = { cur: 0n, max: 0n };
  return l;
}

export class PosixState {
  readonly mem: GuestMemory;
  /** Resource limits by RLIMIT_*; NOFILE's soft limit is the descriptor table's size itself. */
  readonly limits = defaultLimits();
  /** RLIMIT_STACK is set from the program's stack size, which its libl4posix reports. */
  stackKnown = false;
  /** The process's terminal settings (one controlling terminal per process). */
  readonly termios = new Termios();
  readonly winsize = new Winsize();

  constructor(ctx: L4posixContext) {
    this.mem = new GuestMemory(ctx);
    this.limits[Rlimit.NOFILE] = { cur: BigInt(ctx.fds.maxFds), max: BigInt(Math.max(NOFILE_HARD, ctx.fds.maxFds)) };
    // The limits the process started with (the machine's, or inherited from its parent).
    for (const [resource, l] of Object.entries(ctx.initialLimits ?? {})) {
      if (l !== undefined) this.limits[Number(resource)] = { cur: l.cur, max: l.max };
    }
  }
}

/** The process's state if one of its calls made it already (limits the program may have changed). */
export function existingPosixState(ctx: L4posixContext): PosixState | undefined {
  return states.get(ctx);
}

const states = new WeakMap<L4posixContext, PosixState>();

export function posixState(ctx: L4posixContext): PosixState {
  let s = states.get(ctx);
  if (s === undefined) states.set(ctx, (s = new PosixState(ctx)));
  return s;
}
