// What the l4posix memory, descriptor, terminal and system families keep per process besides the
// syscall context: the view of its memory, its resource limits, its terminal settings. Made on the
// process's first such call. Also the edge that keeps a family's exceptions from the host.
import { GuestMemory } from './abi.js';
import { ProcessExec, ProcessExit } from './context.js';
import { Errno } from './errno.js';
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

type Impl = (ctx: L4posixContext, ...args: any[]) => number;

/**
 * The family's calls, each made safe at the edge: an exception other than ProcessExit (a bug in a
 * back end) is reported to the context and the program gets EIO (EFAULT for a RangeError). The
 * wrappers keep each call's arity (l4posix.ts binds imports by it).
 */
export function guarded<T extends Record<string, Impl>>(calls: T): T {
  const out: Record<string, Impl> = {};
  for (const [name, impl] of Object.entries(calls)) {
    const fail = (ctx: L4posixContext, e: unknown): number => {
      if (e instanceof ProcessExit || e instanceof ProcessExec) throw e;
      ctx.onInternalError?.(`l4posix.${name}`, e);
      return e instanceof RangeError ? -Errno.EFAULT : -Errno.EIO;
    };
    const f = impl as (c: L4posixContext, ...a: any[]) => number;
    let g: Impl;
    switch (impl.length) {
      case 0: case 1: g = (c) => { try { return f(c); } catch (e) { return fail(c, e); } }; break;
      case 2: g = (c, a) => { try { return f(c, a); } catch (e) { return fail(c, e); } }; break;
      case 3: g = (c, a, b) => { try { return f(c, a, b); } catch (e) { return fail(c, e); } }; break;
      case 4: g = (c, a, b, d) => { try { return f(c, a, b, d); } catch (e) { return fail(c, e); } }; break;
      case 5: g = (c, a, b, d, e1) => { try { return f(c, a, b, d, e1); } catch (e) { return fail(c, e); } }; break;
      case 6: g = (c, a, b, d, e1, f1) => { try { return f(c, a, b, d, e1, f1); } catch (e) { return fail(c, e); } }; break;
      case 7: g = (c, a, b, d, e1, f1, g1) => { try { return f(c, a, b, d, e1, f1, g1); } catch (e) { return fail(c, e); } }; break;
      case 8: g = (c, a, b, d, e1, f1, g1, h) => { try { return f(c, a, b, d, e1, f1, g1, h); } catch (e) { return fail(c, e); } }; break;
      default: throw new Error(`l4posix.${name}: no edge for ${impl.length} parameters`);
    }
    out[name] = g;
  }
  return out as T;
}
