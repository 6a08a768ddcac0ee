// Identity, system information, limits and time through tests/posix/fixtures/sys.c: getpid and
// friends, uname, gethostname, getrlimit/setrlimit, sysconf, clock_settime, nanosleep,
// clock_nanosleep, usleep; what file systems report of themselves (fs_info.c).
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { build, lines, ROOT, run } from './run.js';

let sys: string;
beforeAll(async () => { sys = await build('tests/posix/fixtures/sys.c'); }, 120_000);

const version = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')).version as string;

describe('identity', () => {
  it('getpid, getppid, getuid, geteuid, getgid, getegid', async () => {
    const r = await run(sys, ['ids']);
    expect(r.stdout).toBe('pid 1 ppid 0 uid 0 euid 0 gid 0 egid 0\n');
  });

  it('gives each process its own pid', async () => {
    const m = await Machine.boot();
    try {
      const a = m.spawn(sys, { args: ['sys', 'ids'] });
      const b = m.spawn(sys, { args: ['sys', 'ids'] });
      await Promise.all([a.exit, b.exit]);
      expect(a.stdout).toMatch(/^pid 1 /);
      expect(b.stdout).toMatch(/^pid 2 /);
    } finally {
      await m.shutdown();
    }
  });

  it('uname and gethostname: l4wasm, the package version, wasm32; EFAULT, ENAMETOOLONG', async () => {
    const r = await run(sys, ['uname']);
    expect(r.stdout).toBe(lines(
      'uname: ok', 'sysname l4wasm, nodename l4wasm, machine wasm32', `release ${version}`, 'uname bad address: EFAULT',
      'gethostname: ok', 'hostname l4wasm', 'gethostname exact fit: ok', 'gethostname too short: ENAMETOOLONG'));
  });
  it("gethostname and uname report the machine's host name", async () => {
    const m = await Machine.boot({ hostname: 'box.example' });
    try {
      const p = m.spawn(sys, { args: ['sys', 'uname'] });
      await p.exit;
      expect(p.stdout).toContain('sysname l4wasm, nodename box.example, machine wasm32\n');
      expect(p.stdout).toContain('hostname box.example\n');
    } finally {
      await m.shutdown();
    }
  });
});

describe('limits', () => {
  it('getrlimit/setrlimit: NOFILE sizes the descriptor table, STACK is the linked stack; EINVAL, EPERM, EFAULT', async () => {
    const r = await run(sys, ['rlimit']);
    expect(r.stdout).toBe(lines(
      'RLIMIT_NOFILE: 1024 4096', 'RLIMIT_STACK: 8388608 8388608', 'RLIMIT_AS: unlimited unlimited',
      'RLIMIT_CORE: 0 unlimited', 'RLIMIT_CPU: unlimited unlimited', 'lower RLIMIT_NOFILE: ok', 'RLIMIT_NOFILE now: 8 64',
      'dup until EMFILE: EMFILE, highest 7', 'sysconf(_SC_OPEN_MAX): 8', 'raise the soft limit up to the hard one: ok',
      'raise the hard limit: EPERM', 'soft above hard: EINVAL', 'unknown resource: EINVAL',
      'getrlimit unknown resource: EINVAL', 'getrlimit bad address: EFAULT', "lower RLIMIT_STACK's soft limit: ok",
      'RLIMIT_STACK beyond the stack: EINVAL', 'RLIMIT_CORE 0: ok', 'getrusage: ok', 'getrusage bad who: EINVAL'));
  });

  it('sysconf: 4 KiB pages (the mmap page), limits and options; EINVAL for unknown names', async () => {
    const r = await run(sys, ['sysconf']);
    expect(r.stdout).toBe(lines(
      '_SC_PAGESIZE 4096, getpagesize 4096', '_SC_OPEN_MAX 1024', '_SC_CLK_TCK 100', '_SC_NPROCESSORS_ONLN >= 1: ok',
      '_SC_PHYS_PAGES 1048576, available no more: ok', '_SC_VERSION 200809, _SC_MAPPED_FILES 200809',
      '_SC_HOST_NAME_MAX 64, _SC_IOV_MAX 1024', '_SC_THREADS: 200809 ok', 'sysconf(-1): -1 EINVAL',
      'sysconf(100000): -1 EINVAL'));
  });
});

describe('time', () => {
  it('clock_settime moves the real-time clock (not the monotonic one); EINVAL for MONOTONIC and bad times', async () => {
    const r = await run(sys, ['settime']);
    expect(r.stdout).toBe(lines(
      'clock_settime REALTIME: ok', 'the real-time clock moved: ok', 'the monotonic clock did not: ok',
      'clock_nanosleep on the moved REALTIME clock: ok', 'slept until its deadline: ok', 'clock_settime back: ok',
      'clock_settime MONOTONIC: EINVAL', 'clock_settime bad nsec: EINVAL', 'clock_settime negative: EINVAL'));
  });

  it('clock_settime is machine-wide: another process sees the new time', async () => {
    const m = await Machine.boot();
    try {
      const before = m.realtime.ns;
      const p = m.spawn(sys, { args: ['sys', 'settime'] });
      await p.exit;
      // The program set 2001 and then the time it had read back: the offset is about where it was.
      expect(Number(m.realtime.ns - before) / 1e9).toBeLessThan(5);
    } finally {
      await m.shutdown();
    }
  });

  it('nanosleep, usleep, clock_nanosleep (relative and TIMER_ABSTIME), sleep: long enough; EINVAL', async () => {
    const r = await run(sys, ['sleep']);
    expect(r.stdout).toBe(lines(
      'nanosleep 20ms: ok', 'took 20ms: ok', 'nanosleep with rem: ok', 'nanosleep bad nsec: EINVAL',
      'nanosleep negative nsec: EINVAL', 'nanosleep negative: EINVAL', 'nanosleep 0: ok', 'returns at once: ok',
      'usleep 15000: ok', 'took 15ms: ok', 'usleep 0: ok', 'clock_nanosleep MONOTONIC relative: ok', 'took 10ms: ok',
      'clock_nanosleep MONOTONIC absolute: ok', 'reached its deadline: ok', 'clock_nanosleep absolute in the past: ok',
      'returns at once: ok', 'clock_nanosleep REALTIME absolute: ok', 'reached its deadline: ok',
      'clock_nanosleep bad flags: EINVAL', 'clock_nanosleep bad nsec: EINVAL', 'clock_nanosleep negative: EINVAL',
      'sleep(0): ok', 'returns at once: ok'));
  });
});

describe('file systems', () => {
  it('statvfs, fstatvfs, statfs, fstatfs; SEEK_DATA and SEEK_HOLE; <sys/sysmacros.h>, <paths.h>, <linux/limits.h>, <execinfo.h>', async () => {
    const wasm = await build('tests/posix/fixtures/fs_info.c');
    const host = mkdtempSync(join(tmpdir(), 'l4wasm-fs-info-'));
    try {
      for (const readOnly of [false, true]) {
        const r = await run(wasm, ['/data'], { mounts: [{ host, guest: '/data', readOnly }] });
        const hostBsize = statfsSync(host).bsize;
        expect(r.stderr).toBe('');
        expect(r.stdout).toBe(lines(
          'statvfs /tmp: bsize 4096, frsize 4096, blocks >= bfree >= bavail: 1, namemax 255, read-only 0',
          `statvfs /data: bsize ${hostBsize}, frsize ${hostBsize}, blocks >= bfree >= bavail: 1, namemax 255, read-only ${readOnly ? 1 : 0}`,
          'statvfs /tmp/missing/x: No such file or directory',
          'statvfs : No such file or directory',
          'statfs /tmp: 0, tmpfs 1, namelen 255, ST_VALID 1',
          'statfs /data: 0, the same blocks as statvfs 1',
          'fstatfs of /tmp: 0, tmpfs 1',
          'fstatvfs of /tmp: 0, bsize 4096',
          'fstatfs of a pipe: 0, pipefs 1',
          'fstatfs of 99: -1 Bad file descriptor',
          'SEEK_DATA 3: 3',
          'SEEK_HOLE 3: 10',
          'then at: 10',
          'SEEK_DATA at the end: -1 No such device or address',
          'SEEK_HOLE of a pipe: -1 Illegal seek',
          'makedev(259, 70000): major 259 minor 70000',
          '/dev/null /tmp/ /bin/sh 4096 255',
          'backtrace: 0 frames; symbols of one address: [0x1234]',
        ));
      }
    } finally {
      rmSync(host, { recursive: true, force: true });
    }
  }, 240_000);
});
