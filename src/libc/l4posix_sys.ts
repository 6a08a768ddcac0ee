// l4posix, system family: uname, resource limits, the sysconf values only the machine knows, and
// clock_settime (which moves the time backend's real-time offset; the KIP clock never jumps).
import { readFileSync } from 'node:fs';
import { Errno } from '../errno.js';
import { ClockId, GuestMemory } from './abi.js';
import { PAGE_SIZE, SPACE_END } from './address_space.js';
import type { L4posixContext } from './l4posix.js';
import { RLIMIT_COUNT, RLIMIT_SIZE, Rlimit, Sysconf, UTSNAME_FIELD, UTSNAME_SIZE } from './posix_abi.js';
import { posixState, type PosixState } from './posix_state.js';

/** The package version: uname's release. */
const VERSION = ((): string => {
  try {
    return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;
  } catch {
    return '0.0.0';
  }
})();

export const DEFAULT_HOSTNAME = 'l4wasm';

/** The fields of uname for a machine named `hostname`, in struct utsname's order (also /proc's). */
export function unameFields(hostname: string | undefined): string[] {
  return ['l4wasm', hostname ?? DEFAULT_HOSTNAME, VERSION, `l4wasm ${VERSION} (L4Re-style personality)`,
    'wasm32', '(none)'];
}

/** RLIMIT_STACK is the program's stack size (reported by libl4posix): it can shrink, not grow. */
function knowStack(s: PosixState, stackSize: number): void {
  if (s.stackKnown || stackSize <= 0) return;
  s.stackKnown = true;
  s.limits[Rlimit.STACK] = { cur: BigInt(stackSize), max: BigInt(stackSize) };
}

export const sysCalls = {
  /** uname: sysname "l4wasm", the machine's host name, the package version, machine "wasm32". */
  uname(c: L4posixContext, ptr: number): number {
    ptr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    if (!mem.ok(ptr, UTSNAME_SIZE)) return -Errno.EFAULT;
    mem.u8.fill(0, ptr, ptr + UTSNAME_SIZE);
    unameFields(c.hostname).forEach((text, i) => {
      const bytes = GuestMemory.encode(text).subarray(0, UTSNAME_FIELD - 1);
      mem.u8.set(bytes, ptr + i * UTSNAME_FIELD);
    });
    return 0;
  },

  /** getrlimit(resource, rlimit, stack size): -EINVAL for an unknown resource, -EFAULT. */
  getrlimit(c: L4posixContext, resource: number, ptr: number, stackSize: number): number {
    ptr >>>= 0;
    const s = posixState(c);
    s.mem.refresh();
    if (resource >>> 0 >= RLIMIT_COUNT) return -Errno.EINVAL;
    if (!s.mem.ok(ptr, RLIMIT_SIZE)) return -Errno.EFAULT;
    knowStack(s, stackSize >>> 0);
    const l = s.limits[resource]!;
    const cur = resource === Rlimit.NOFILE ? BigInt(c.fds.maxFds) : l.cur;
    s.mem.view.setBigUint64(ptr, cur, true);
    s.mem.view.setBigUint64(ptr + 8, l.max, true);
    return 0;
  },

  /**
   * setrlimit(resource, rlimit, stack size): -EINVAL for an unknown resource or soft > hard, -EPERM
   * for raising the hard limit (no process here holds CAP_SYS_RESOURCE). RLIMIT_NOFILE sizes the
   * descriptor table, RLIMIT_AS bounds how far memory.grow (malloc) and mmap grow memory, RLIMIT_CPU
   * is checked as the program gives up the CPU (SIGXCPU, then SIGKILL); the rest are recorded.
   */
  setrlimit(c: L4posixContext, resource: number, ptr: number, stackSize: number): number {
    ptr >>>= 0;
    const s = posixState(c);
    s.mem.refresh();
    if (resource >>> 0 >= RLIMIT_COUNT) return -Errno.EINVAL;
    if (!s.mem.ok(ptr, RLIMIT_SIZE)) return -Errno.EFAULT;
    knowStack(s, stackSize >>> 0);
    const cur = s.mem.view.getBigUint64(ptr, true);
    const max = s.mem.view.getBigUint64(ptr + 8, true);
    if (cur > max) return -Errno.EINVAL;
    const l = s.limits[resource]!;
    if (max > l.max) return -Errno.EPERM;
    if (resource === Rlimit.NOFILE) c.fds.maxFds = Number(cur); // cur <= max <= the table's hard limit
    if (resource === Rlimit.AS && c.addressSpace !== undefined) {
      c.addressSpace.limit = cur >= BigInt(SPACE_END) ? SPACE_END : Number(cur);
    }
    s.limits[resource] = { cur, max };
    return 0;
  },

  /** sysconf for what the machine decides (libl4posix answers the fixed values itself); -EINVAL otherwise. */
  sysconf(c: L4posixContext, name: number): number {
    switch (name) {
      case Sysconf.OPEN_MAX: return c.fds.maxFds;
      case Sysconf.PAGESIZE: return PAGE_SIZE;
      case Sysconf.NPROCESSORS_CONF: case Sysconf.NPROCESSORS_ONLN: return c.kernel?.ncpus ?? 1;
      case Sysconf.PHYS_PAGES: case Sysconf.AVPHYS_PAGES: {
        c.addressSpace?.account(); // the program's own memory counts as used
        const root = c.host?.rootTask;
        const limit = Math.min(root?.memoryLimit ?? SPACE_END, 2 ** 40);
        const bytes = name === Sysconf.PHYS_PAGES ? limit : Math.max(0, limit - (root?.allocated ?? 0));
        return Math.floor(bytes / PAGE_SIZE);
      }
      default: return -Errno.EINVAL;
    }
  },

  /**
   * clock_settime(CLOCK_REALTIME, sec, nsec): moves the machine's real-time clock (the monotonic
   * clock never jumps). -EINVAL for another clock or a bad time, -EPERM unless effectively root.
   */
  clock_settime(c: L4posixContext, clock: number, sec: bigint, nsec: number): number {
    if (clock !== ClockId.REALTIME) return -Errno.EINVAL;
    if (sec < 0n || nsec < 0 || nsec >= 1e9) return -Errno.EINVAL;
    if (c.identity.euid !== 0) return -Errno.EPERM;
    c.clock.setRealtimeNs(sec * 1_000_000_000n + BigInt(nsec));
    return 0;
  },
};
