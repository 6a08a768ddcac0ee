// WASI preview1 conformance as the WebAssembly/wasi-testsuite checks it: its Rust tests' checks,
// written again in C with raw __wasi_* calls (fd_ops.c, paths.c, misc.c, preopen.c; README.md).
// Each fixture runs as a plain wasip1 program (its libl4posix marker removed: WASI's sandbox
// rules) over a preopened host directory and over tmpfs, and every check must print "ok"; the
// CLI runs one the way the suite's runner would; node:wasi's deviations are pinned.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import binaryen from 'binaryen';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { runL4wasm } from '../helpers/run_l4wasm.js';
import { runNodeWasi } from '../helpers/run_node_wasi.js';

const HERE = import.meta.dirname;
const BIN = join(HERE, '..', '..', 'bin', 'l4wasm.js');
const work = mkdtempSync(join(tmpdir(), 'l4wasm-wasi-conformance-'));
const scratchDirs: string[] = [];
const wasm: Record<string, string> = {};

/** The tests of each fixture (the names its checks start with). */
const TESTS = {
  fd_ops: ['dir_fd_op_failures', 'directory_seek', 'fd_advise', 'fd_filestat_get', 'fd_filestat_set', 'fd_flags_set',
    'file_allocate', 'file_pread_pwrite', 'file_seek_tell', 'file_truncation', 'file_unbuffered_write',
    'fstflags_validate', 'isatty', 'renumber'],
  paths: ['dangling_fd', 'dangling_symlink', 'interesting_paths', 'nofollow_errors', 'path_exists', 'path_filestat',
    'path_link', 'path_open_create_existing', 'path_open_dirfd_not_dir', 'path_open_missing', 'path_open_read_write',
    'path_rename', 'path_rename_dir_trailing_slashes', 'path_symlink_trailing_slashes', 'readlink',
    'remove_directory_trailing_slashes', 'remove_nonempty_directory', 'symlink_create', 'symlink_filestat',
    'symlink_loop', 'truncation_rights', 'unlink_file_trailing_slashes', 'fd_readdir', 'fd_fdstat_set_rights',
    'path_open_read_without_rights'],
  misc: ['poll_oneoff_stdio', 'sched_yield', 'clock_time_get', 'big_random_buf'],
  preopen: ['path_open_preopen', 'path_open_nonblock', 'close_preopen', 'overwrite_preopen'],
} as const;

/**
 * The tests node:wasi (Node 20's uvwasi) fails, and why (README.md has the details). l4wasm
 * follows the suite, not these. A check after a failed setup step does not run, so each test
 * runs alone.
 */
const NODE_WASI_FAILS: Record<string, string> = {
  dir_fd_op_failures: 'fd_prestat_dir_name with a short buffer: ENOBUFS, not EINVAL/ENAMETOOLONG',
  directory_seek: 'seek on a directory: ENOTCAPABLE, not EBADF',
  fd_filestat_get: 'stdio reports the host file\'s times and size, not zeros',
  fd_filestat_set: 'enforces the rights asked for: a file opened FD_READ|FD_WRITE cannot be stat\'ed or truncated',
  fd_flags_set: 'the same: no FD_SEEK on a file opened FD_READ|FD_WRITE',
  file_allocate: 'the same: FD_ALLOCATE beyond the directory\'s inheriting rights',
  file_pread_pwrite: 'the same: pread/pwrite need FD_SEEK',
  file_seek_tell: 'the same: fd_tell/fd_seek need FD_TELL/FD_SEEK',
  path_link: 'the same: a file opened asking for path rights the directory does not pass on',
  path_filestat: 'the same (PATH_FILESTAT_GET asked for on a file)',
  path_open_read_write: 'the same, and writing a read-only descriptor is ENOTCAPABLE, not EBADF',
  fd_fdstat_set_rights: 'the same: FD_SEEK|FD_TELL asked for beyond the directory\'s inheriting rights',
  path_open_read_without_rights: 'reading without FD_READ: ENOTCAPABLE, not EBADF',
  path_open_dirfd_not_dir: 'a file as the directory descriptor: ENOTCAPABLE, not ENOTDIR',
  truncation_rights: 'a directory reports fs_flags 0x8000 (no such flag); truncating without the right is ENOTCAPABLE, not EPERM',
  dangling_symlink: 'opening a dangling symlink without following: ENOENT, not ELOOP',
  nofollow_errors: 'opens a symlink it was told not to follow',
  interesting_paths: 'escapes are ENOTCAPABLE, not EPERM; a path with a NUL inside opens the file',
  path_symlink_trailing_slashes: 'symlink onto "file/": EEXIST, not ENOTDIR',
  readlink: 'a buffer shorter than the target: ENOBUFS instead of a truncated result',
  symlink_filestat: 'a symlink\'s own times set with whole seconds only',
  fd_readdir: 'lists neither . nor ..',
  poll_oneoff_stdio: 'poll_oneoff on stdin: EPERM',
};

/** A compiled fixture with libl4posix's marker export removed: a plain wasip1 program. */
async function plain(name: string): Promise<string> {
  const built = await compileCached(join(HERE, `${name}.c`));
  const m = binaryen.readBinary(readFileSync(built));
  m.removeExport('__l4posix_cwd_init');
  const out = join(work, `${name}.wasm`);
  writeFileSync(out, m.emitBinary());
  m.dispose();
  return out;
}

beforeAll(async () => {
  for (const name of Object.keys(TESTS)) wasm[name] = await plain(name);
}, 240_000);

afterAll(() => { for (const d of [...scratchDirs, work]) rmSync(d, { recursive: true, force: true }); });

function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), 'l4wasm-wasi-scratch-'));
  scratchDirs.push(d);
  return d;
}

/** The check lines of an output: name -> the rest ("ok" or "FAIL ..."). */
function checks(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const m = /^(.+?): (ok|FAIL.*)$/.exec(line);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

const failing = (c: Map<string, string>) => [...c].filter(([, v]) => v !== 'ok').map(([k, v]) => `${k}: ${v}`);

/** Every test in `tests` ran (at least one check each), and every check said ok. */
function expectAllOk(stdout: string, tests: readonly string[]): void {
  const c = checks(stdout);
  expect(failing(c)).toEqual([]);
  for (const t of tests) expect([...c.keys()].filter((k) => k.startsWith(`${t}.`)).length, t).toBeGreaterThan(0);
  expect(stdout).toMatch(/done: 0 failed\n$/);
}

type Place = { kind: 'hostfs'; host: string } | { kind: 'tmpfs' };

/** Runs a fixture under l4wasm over a preopened host directory (/scratch) or in tmpfs (/scratch under the '/' preopen). */
async function runOn(place: Place, name: keyof typeof TESTS, args: string[], decouple = false) {
  const where = place.kind === 'hostfs' ? ['/scratch', '.'] : ['/', 'scratch'];
  const preopenArgs = name === 'misc' ? [] : name === 'preopen' ? [where[0]!] : where;
  let left: string[] | undefined;
  const r = await runL4wasm(wasm[name]!, {
    args: [name, ...preopenArgs, ...args],
    mounts: place.kind === 'hostfs' ? [{ host: place.host, guest: '/scratch' }] : [],
    decouple,
    timeoutMs: 60_000,
    // What the run left in the tmpfs scratch directory.
    inspect: place.kind === 'tmpfs' && name !== 'misc' && name !== 'preopen' ? async (m) => { left = await m.fs.readdir('/scratch'); } : undefined,
  });
  return { ...r, left };
}

for (const kind of ['hostfs', 'tmpfs'] as const) {
  describe(`l4wasm, scratch directory on ${kind}`, () => {
    const place = (): Place => (kind === 'hostfs' ? { kind, host: scratch() } : { kind });

    for (const name of ['fd_ops', 'paths'] as const) {
      it(`${name}: every check ok, nothing left behind`, async () => {
        const p = place();
        const r = await runOn(p, name, []);
        expectAllOk(r.stdout, TESTS[name]);
        expect(r.code).toBe(0);
        expect(p.kind === 'hostfs' ? readdirSync(p.host) : r.left).toEqual([]);
      }, 120_000);
    }

    it('misc: poll_oneoff on stdio, sched_yield, clock_time_get, random_get', async () => {
      const r = await runOn(place(), 'misc', []);
      expectAllOk(r.stdout, TESTS.misc);
      expect(r.code).toBe(0);
    }, 60_000);

    for (const t of TESTS.preopen) {
      it(`preopen: ${t}`, async () => {
        const r = await runOn(place(), 'preopen', [t]);
        expectAllOk(r.stdout, [t]);
        expect(r.code).toBe(0);
      }, 60_000);
    }

    it('stdio: renumbering files over 0, 1 and 2 closes the sources (exit status 0)', async () => {
      const r = await runOn(place(), 'preopen', ['stdio']);
      expect(r.stdout).toBe('stdio: started\n');
      expect(r.code).toBe(0);
    }, 60_000);
  });
}

describe('l4wasm, decoupled (calls forwarded from a worker)', () => {
  for (const name of ['fd_ops', 'paths'] as const) {
    it(`${name} over a host directory`, async () => {
      const r = await runOn({ kind: 'hostfs', host: scratch() }, name, [], true);
      expectAllOk(r.stdout, TESTS[name]);
      expect(r.code).toBe(0);
    }, 120_000);
  }
});

describe("the CLI as the suite's runner calls it", () => {
  it('--dir HOST:fs-tests.dir names the preopen fs-tests.dir; --env reaches the program; the exit status comes back', () => {
    const host = scratch();
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, 'run', '-q', '--dir', `${host}:fs-tests.dir`,
      '--env', 'ERRNO_MODE_UNIX=1', ...args], { cwd: work, encoding: 'utf8', timeout: 120_000 });
    const ok = cli(wasm.paths!, 'fs-tests.dir', '.', 'path_open_missing', 'readlink');
    expect(failing(checks(ok.stdout))).toEqual([]);
    expect(ok.status).toBe(0);
    const pre = cli(wasm.preopen!, 'fs-tests.dir', 'path_open_preopen');
    expect(pre.status).toBe(0);
    // No preopen of that name: the program says so and exits 1, and so does the CLI.
    const missing = cli(wasm.preopen!, 'no-such.dir', 'path_open_preopen');
    expect(missing.stdout).toBe('find_preopen: FAIL no preopen named no-such.dir\n');
    expect(missing.status).toBe(1);
    expect(readdirSync(host)).toEqual([]);
  }, 180_000);

  it('a plain program sees exactly the --env variables, even with TZ set on the host', () => {
    const r = spawnSync(process.execPath, [BIN, 'run', '-q', '--env', 'a=text', '--env', 'b=escap " ing', '--env', 'c=new\nline',
      wasm.misc!, 'environ'], { cwd: work, encoding: 'utf8', timeout: 120_000, env: { ...process.env, TZ: 'Europe/Berlin' } });
    expect(failing(checks(r.stdout))).toEqual([]);
    expect(r.stdout).toMatch(/environ.values: ok\ndone: 0 failed\n$/);
    expect(r.status).toBe(0);
  }, 120_000);

  it("--no-root-preopen --decouple (the adapter's command line): the --dir directories are the only preopens, from descriptor 3", () => {
    // Decoupled, a program starts without preparation: the runner waits 5 s for a test to end.
    const adapter = (...args: string[]) => spawnSync(process.execPath, [BIN, 'run', '-q', '--decouple', '--no-root-preopen', ...args],
      { cwd: work, encoding: 'utf8', timeout: 120_000 });
    const none = adapter(wasm.misc!, 'no_preopens');
    expect(failing(checks(none.stdout))).toEqual([]);
    expect(none.stdout).toMatch(/done: 0 failed\n$/);
    expect(none.status).toBe(0);
    // With one directory it is descriptor 3 (close_preopen then closes the scratch preopen itself).
    const host = scratch();
    for (const t of ['path_open_preopen', 'close_preopen', 'overwrite_preopen']) {
      const r = adapter('--dir', `${host}:fs-tests.dir`, wasm.preopen!, 'fs-tests.dir', t);
      expect(failing(checks(r.stdout)), t).toEqual([]);
      expect(r.status, t).toBe(0);
    }
    for (const name of ['paths', 'fd_ops'] as const) {
      const r = adapter('--dir', `${host}:fs-tests.dir`, wasm[name]!, 'fs-tests.dir', '.');
      expect(failing(checks(r.stdout)), name).toEqual([]);
      expect(r.stdout, name).toMatch(/done: 0 failed\n$/);
      expect(r.status, name).toBe(0);
    }
    expect(readdirSync(host)).toEqual([]);
  }, 240_000);

  it("--dir ROOT:/ (the suite's newer 'root' layout): the host directory is the guest's root and its one '/' preopen", () => {
    const root = scratch();
    writeFileSync(join(root, 'kept.txt'), 'the fixture data\n');
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, 'run', '-q', '--dir', `${root}:/`, ...args],
      { cwd: work, encoding: 'utf8', timeout: 120_000 });
    const r = cli(wasm.paths!, '/', '.');
    expect(failing(checks(r.stdout))).toEqual([]);
    expect(r.stdout).toMatch(/done: 0 failed\n$/);
    expect(r.status).toBe(0);
    for (const t of ['path_open_preopen', 'close_preopen', 'overwrite_preopen']) {
      const p = cli(wasm.preopen!, '/', t);
      expect(failing(checks(p.stdout)), t).toEqual([]);
      expect(p.status, t).toBe(0);
    }
    // Nothing left behind, nothing of the machine's own (/bin, /tmp, /dev) written into the host directory.
    expect(readdirSync(root)).toEqual(['kept.txt']);
  }, 180_000);
});

describe('node:wasi, the same fixtures (its deviations pinned, not followed)', () => {
  it('fails exactly the tests listed (README.md says why)', async () => {
    const failed: string[] = [];
    const run = async (name: keyof typeof TESTS, args: string[]) => {
      const host = scratch();
      const preopen = name === 'misc' ? [] : name === 'preopen' ? ['/scratch'] : ['/scratch', '.'];
      const r = await runNodeWasi(wasm[name]!, { args: [name, ...preopen, ...args], preopens: { '/scratch': host } });
      for (const [k, v] of checks(r.stdout)) if (v !== 'ok') failed.push(k);
    };
    for (const name of ['fd_ops', 'paths', 'preopen'] as const) for (const t of TESTS[name]) await run(name, [t]);
    await run('misc', []);
    // A check's test: its name up to the first '.' (or ' ' for a setup step).
    const tests = [...new Set(failed.map((k) => k.split(/[. ]/)[0]!))].sort();
    expect(tests).toEqual(Object.keys(NODE_WASI_FAILS).sort());
  }, 120_000);
});
