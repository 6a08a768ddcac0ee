// Exact times for host files. Node's utimes/futimes take seconds as a double and libuv keeps
// whole microseconds of it, so a time set with nanoseconds, or a time left alone (re-applied from
// the file's current one), would come back changed. Such a call goes to touch(1) instead, which
// sets each time with utimensat (`-d @SECONDS.NANOSECONDS`, `-h` for the link itself).
import { createRequire } from 'node:module';
import type { TimeSpec } from './types.js';

/** node:child_process, loaded at the first touch: it (with net and dgram) cost every start ~5 ms. */
const childProcess = () => createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');

let touchMissing = false;

/** True when libuv's conversion of the seconds Node is given lands on `ns` exactly. */
function libuvExact(ns: bigint): boolean {
  const seconds = Number(ns / 1_000_000_000n) + Number(ns % 1_000_000_000n) / 1e9;
  const sec = Math.trunc(seconds);
  let nsec = Math.trunc((seconds - sec) * 1e9);
  nsec -= nsec % 1000;
  return BigInt(sec) * 1_000_000_000n + BigInt(nsec) === ns;
}

/** True when Node's utimes sets both times as asked (none left alone, none below a microsecond). */
export function nodeSetsExactly(atime: TimeSpec, mtime: TimeSpec): boolean {
  const exact = (t: TimeSpec) => t === 'now' || (t !== undefined && libuvExact(t));
  return exact(atime) && exact(mtime);
}

/** touch's -d argument for a time in nanoseconds. */
function touchDate(ns: bigint): string {
  return `@${ns / 1_000_000_000n}.${(ns % 1_000_000_000n).toString().padStart(9, '0')}`;
}

/**
 * Sets the times of the host file `path` (a symlink itself with `noFollow`) through touch(1):
 * 0, or undefined when that did not work (no touch, or it failed: the caller's own way then
 * sets the times, or reports why it cannot).
 */
export function touchTimes(path: string, noFollow: boolean, atime: TimeSpec, mtime: TimeSpec): number | undefined {
  if (touchMissing) return undefined;
  const calls: string[][] = [];
  const one = (which: string[], t: Exclude<TimeSpec, undefined>) => calls.push([...which, ...(t === 'now' ? [] : ['-d', touchDate(t)])]);
  if (atime !== undefined && mtime !== undefined && atime === mtime) one([], atime);
  else {
    if (atime !== undefined) one(['-a'], atime);
    if (mtime !== undefined) one(['-m'], mtime);
  }
  for (const c of calls) {
    const r = childProcess().spawnSync('touch', ['-c', ...(noFollow ? ['-h'] : []), ...c, '--', path], { stdio: 'ignore' });
    if (r.error !== undefined) {
      if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') touchMissing = true;
      return undefined;
    }
    if (r.status !== 0) return undefined;
  }
  return 0;
}
