// The C library a plain `l4wasm cc prog.c` gives (issue #14, toolchain and libc half): each
// fixture's whole output is compared with what the same program prints natively on Linux (gcc),
// kept in tests/posix/expected/NAME.out.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Machine } from '../../src/index.js';
import { build, run } from './run.js';

const FIXTURES = ['sjlj', 'longdouble', 'empty_path', 'tz', 'system', 'argv0', 'glibc_messages'];
const wasm: Record<string, string> = {};
beforeAll(async () => {
  for (const name of FIXTURES) wasm[name] = await build(`tests/posix/fixtures/${name}.c`);
}, 240_000);

const expected = (name: string) => readFileSync(join(import.meta.dirname, 'expected', `${name}.out`), 'utf8');

describe('the C library of a plain l4wasm cc', () => {
  it('setjmp/longjmp and sigsetjmp/siglongjmp link without flags; siglongjmp leaves signal handlers, also one interrupting a blocking call', async () => {
    const r = await run(wasm.sjlj!, []);
    expect(r.stdout).toBe(expected('sjlj'));
    expect(r.code).toBe(0);
  });

  it('printf and scanf with long double (%Lf) work by default', async () => {
    const r = await run(wasm.longdouble!, []);
    expect(r.stdout).toBe(expected('longdouble'));
    expect(r.code).toBe(0);
  });

  it('every path call with "" fails with ENOENT; "." is the directory', async () => {
    const r = await run(wasm.empty_path!, []);
    expect(r.stdout).toBe(expected('empty_path'));
    expect(r.code).toBe(0);
  });

  it("getopt's, warn's and a failed assert's messages are glibc's; the assert ends the program with SIGABRT", async () => {
    const r = await run(wasm.glibc_messages!, []);
    const name = wasm.glibc_messages!.split('/').pop()!;
    // __FILE__ is the path l4wasm cc compiled, where gcc gives the path on its command line.
    expect(r.stderr).toMatch(new RegExp(
      `^${name}: invalid option -- 'x'\n${name}: option requires an argument -- 'b'\n` +
      `${name}: warned: No such file or directory\n${name}: plain\n` +
      `${name}: \\S*glibc_messages\\.c:15: main: Assertion \`argc > 5 && "more arguments"' failed\\.\\n$`));
    expect(r.signal ?? r.code).toBe(r.signal !== undefined ? 6 : 134);
  });
});

describe('time zones: TZ for localtime, mktime, strftime, tzset', () => {
  // The expected output was taken natively with the zone data this machine has (tzdata 2025b).
  const zoneData = existsSync('/usr/share/zoneinfo/Europe/Berlin');

  it.skipIf(!zoneData)('POSIX TZ strings and zone names (the host zoneinfo, read-only at /usr/share/zoneinfo) as on Linux', async () => {
    const r = await run(wasm.tz!, []);
    expect(r.stdout).toBe(expected('tz'));
    expect(r.code).toBe(0);
  });

  it.skipIf(!zoneData)('odd zones and POSIX rules (negative DST, J and n days, times past 24 h, before 1970) from 1900 to 2100', async () => {
    const zones = ['Europe/Dublin', 'Africa/Casablanca', 'Antarctica/Troll', 'Pacific/Apia', 'Pacific/Chatham', 'America/Sao_Paulo',
      'Asia/Gaza', 'America/St_Johns', 'AAA-1BBB,J1/0,J365/25', '<-03>3<-02>,M3.5.0/-2,M10.5.0/-1', 'IST-2IDT,M3.4.4/26,M10.5.0',
      'CST6CDT,J60,J300', 'FOO3BAR,0/0,365/24', 'AB1'];
    const r = await run(wasm.tz!, ['sweep', ...zones]);
    expect(r.stdout).toBe(expected('tz_sweep'));
  });

  it.skipIf(!zoneData)('TZ from the spawn environment reaches the program', async () => {
    const r = await run(wasm.tz!, ['env'], { env: { TZ: 'Europe/Berlin' } });
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'TZ="Europe/Berlin": tzname CET/CEST timezone -3600 daylight 1',
      '  winter 1700000000: 2023-11-14 23:13:20 CET +0100 isdst=0 gmtoff=3600',
      '  summer 1689000000: 2023-07-10 16:40:00 CEST +0200 isdst=1 gmtoff=7200',
    ]);
    const unset = await run(wasm.tz!, ['env']);
    expect(unset.stdout.split('\n')[0]).toBe('TZ=(unset): tzname UTC/UTC timezone 0 daylight 0');
  });

  it.skipIf(!zoneData)('l4wasm run passes the host\'s TZ unless --env sets one', () => {
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'l4wasm.js');
    const line = (args: string[]) => spawnSync(process.execPath, [bin, 'run', '-q', ...args, wasm.tz!, 'env'],
      { encoding: 'utf8', timeout: 120_000, env: { ...process.env, TZ: 'Asia/Tokyo' } }).stdout.split('\n')[0];
    expect(line([])).toBe('TZ="Asia/Tokyo": tzname JST/JDT timezone -32400 daylight 1');
    expect(line(['--env', 'TZ=UTC0'])).toBe('TZ="UTC0": tzname UTC/UTC timezone 0 daylight 0');
  }, 120_000);

  it('the zone data is read-only; without it, POSIX TZ strings still work and zone names are UTC', async () => {
    const m = await Machine.boot();
    try {
      await expect(m.fs.writeFile('/usr/share/zoneinfo/Evil', 'x')).rejects.toMatchObject({ code: 'EROFS' });
    } finally {
      await m.shutdown();
    }
    const bare = await Machine.boot({ zoneinfo: false });
    try {
      const cet = bare.spawn(wasm.tz!, { args: ['tz', 'env'], env: { TZ: 'CET-1CEST,M3.5.0,M10.5.0/3' } });
      const berlin = bare.spawn(wasm.tz!, { args: ['tz', 'env'], env: { TZ: 'Europe/Berlin' } });
      const [a, b] = [await cet.wait(), await berlin.wait()];
      expect(a.stdout.split('\n')[2]).toBe('  summer 1689000000: 2023-07-10 16:40:00 CEST +0200 isdst=1 gmtoff=7200');
      // glibc's answer for a name it cannot find: its letters as the zone's name, at UTC.
      expect(b.stdout.split('\n').slice(0, 3)).toEqual([
        'TZ="Europe/Berlin": tzname Europe/ timezone 0 daylight 0',
        '  winter 1700000000: 2023-11-14 22:13:20 Europe +0000 isdst=0 gmtoff=0',
        '  summer 1689000000: 2023-07-10 14:40:00 Europe +0000 isdst=0 gmtoff=0',
      ]);
    } finally {
      await bare.shutdown();
    }
  });
});

describe('system, popen and pclose on the guest /bin/sh (l4wasm\'s shell)', () => {
  it('wait statuses, output, pipelines, SIGINT/SIGCHLD handling and popen streams as on Linux', async () => {
    const m = await Machine.boot({ programs: { '/bin/sysfix': wasm.system! } });
    try {
      const r = await m.spawn(wasm.system!, { args: ['system', '/bin/sysfix'] }).wait();
      expect(r.stdout).toBe(expected('system'));
      expect(r.code).toBe(0);
    } finally {
      await m.shutdown();
    }
  }, 120_000);

  it('without a shell (shell: false), system(NULL) is 0 and a command is status 127', async () => {
    const m = await Machine.boot({ shell: false, programs: { '/bin/sysfix': wasm.system! } });
    try {
      const r = await m.spawn(wasm.system!, { args: ['system', '/bin/sysfix'] }).wait();
      expect(r.stdout.split('\n').slice(0, 2)).toEqual(['system(NULL) says a shell exists: 0', 'system("true"): exited 127']);
    } finally {
      await m.shutdown();
    }
  });
});

describe('argv[0] names the program in the guest tree', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'l4wasm.js'), 'run', '-q', ...args],
    { encoding: 'utf8', timeout: 120_000 });

  it('l4wasm run prog.wasm: argv[0] is /bin/prog, which stat, posix_spawn and execv find', () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-argv0-'));
    try {
      copyFileSync(wasm.argv0!, join(dir, 'prog.wasm'));
      const r = cli([join(dir, 'prog.wasm')]);
      expect(r.stdout).toBe(expected('argv0'));
      expect(r.status).toBe(7);
      const shown = cli([join(dir, 'prog.wasm'), 'child', 'hand', '/bin/prog']);
      expect(shown.stdout).toBe('started again by hand, argv[0] unchanged: 1\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('Machine.spawn of a host file without args: argv[0] is /bin/NAME; given args stay as given', async () => {
    const m = await Machine.boot();
    try {
      const r = await m.spawn(wasm.argv0!).wait();
      expect(r.stdout).toBe(expected('argv0'));
      expect(r.code).toBe(7);
      const again = await m.spawn(wasm.argv0!).wait(); // the same program at the same path: reused
      expect(again.code).toBe(7);
      const own = await m.spawn(wasm.argv0!, { args: ['mine', 'child', 'hand', 'mine'] }).wait();
      expect(own.stdout).toBe('started again by hand, argv[0] unchanged: 1\n');
    } finally {
      await m.shutdown();
    }
  });
});
