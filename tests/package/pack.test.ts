// The package as a user gets it: `npm pack`, installed into a fresh project (offline, from the npm
// cache), then used there: an ESM program boots a Machine and runs a wasm program, a TypeScript
// file typechecks against the generated .d.ts under the strictest options, `npx l4wasm run` runs
// a program and compiles one that needs libl4posix, and a missing artefact is a clear error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { installTarball } from './offline_install.js';

const ROOT = join(import.meta.dirname, '..', '..');
let dir = '';
let tgz = '';
let files: string[] = [];
let installed = { status: -1 as number | null, output: '' };

function run(cmd: string, args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', timeout: 180_000, env: { ...process.env, ...env } });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'l4wasm-pack-'));
  // The declarations are generated at build time (npm run build); make sure they match src/.
  // (A type error elsewhere in src/ is the typecheck's business; the user's check below is ours.)
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  expect(existsSync(join(ROOT, 'dist', 'index.d.ts')), 'dist/index.d.ts').toBe(true);
  const hello = await compileCached(join(ROOT, 'examples', 'hello.c'));
  copyFileSync(hello, join(dir, 'hello.wasm'));
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
  expect(pack.status, pack.stderr).toBe(0);
  const info = (JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[])[0]!;
  tgz = join(dir, info.filename);
  files = info.files.map((f) => f.path);
  installed = installTarball(ROOT, dir, tgz, ['@types/node']);
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships what a user needs and nothing else', () => {
    for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/guest/machine.d.ts', 'dist/cli/main.js', 'bin/l4wasm.js',
      'build/kernel.wasm', 'build/sh.wasm', 'build/coreutils.wasm', 'build/coreutils.json', 'sysroot/lib/libl4posix.a', 'sysroot/lib/user_end.o', 'sysroot/include/signal.h', 'sysroot/include/sys/mman.h',
      'examples/sh/main.c', 'examples/sh/sh.h', 'README.md', 'package.json']) {
      expect(files, f).toContain(f);
    }
    const built = ['build/kernel.wasm', 'build/sh.wasm', 'build/coreutils.wasm', 'build/coreutils.json'];
    // The one object: what every link puts between the program and the libraries (sysroot/crt/user_end.c).
    const stray = files.filter((f) => /^(tests|src|assembly|\.ci|node_modules|\.cache)\//.test(f)
      || (f.endsWith('.wasm') && !built.includes(f)) || (/\.(txt|tgz|o|map|tsbuildinfo)$/.test(f) && f !== 'sysroot/lib/user_end.o')
      || f.startsWith('build/') && !built.includes(f) || f.startsWith('sysroot/src/'));
    expect(stray).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { types: string; exports: Record<string, unknown> };
    expect(pkg.types).toBe('./dist/index.d.ts');
  });

  it('installs offline into a fresh project', () => {
    expect(installed.status, installed.output).toBe(0);
    expect(existsSync(join(dir, 'node_modules', 'l4wasm', 'build', 'kernel.wasm'))).toBe(true);
  });

  it('runs an ESM program that boots a Machine and runs a wasm program', () => {
    writeFileSync(join(dir, 'main.mjs'), `
import { Machine } from 'l4wasm';
const m = await Machine.boot({ roms: [{ name: 'motd', data: 'hi' }] });
const p = m.spawn('./hello.wasm', { args: ['hello', 'packed'] });
const s = await p.exit;
await m.shutdown();
console.log(JSON.stringify({ code: s.code, out: p.stdout }));
`);
    const r = run(process.execPath, ['main.mjs']);
    expect(r.stderr.replace(/^l4wasm: preparing.*\n/m, '')).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ code: 0, out: 'Hello from l4wasm!\nargv[1] = packed\n' });
  });

  it('typechecks a strict TypeScript user (noUncheckedIndexedAccess, exactOptionalPropertyTypes, no skipLibCheck)', () => {
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true,
        noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, skipLibCheck: false, types: ['node'],
      },
      files: ['user.ts'],
    }));
    writeFileSync(join(dir, 'user.ts'), `
import {
  Machine, LoadError, CompileError, cc, compileCached, vfs,
  type ExitStatus, type MachineOptions, type SpawnOptions, type WaitResult, type GuestFsError, type SignalName,
} from 'l4wasm';
const options: MachineOptions = { roms: [{ name: 'motd', data: 'hi\\n' }], mounts: [{ host: '.', guest: '/data', readOnly: true }] };
const m = await Machine.boot(options);
const spawn: SpawnOptions = { args: ['hello', 'typed'], stdin: '', env: { A: 'b' } };
const p = m.spawn('hello.wasm', spawn);
try {
  const s: ExitStatus = await p.exit;
  console.log(s.code, s.signal ?? 0, p.stdout);
} catch (e) {
  if (e instanceof LoadError || e instanceof CompileError) console.error(e.message);
}
const st = await m.fs.stat('/rom/motd');
console.log(st.size, st.isFile(), await m.fs.readFile('/rom/motd', 'utf8'), await m.fs.readdir('/'));
try { await m.fs.readFile('/nope'); } catch (e) { if ((e as GuestFsError).code === 'ENOENT') console.log('missing'); }
const q = m.spawn('cat.wasm', { stdin: 'pipe', cwd: '/', imports: { host: { answer: (n: number) => n * 7 } } });
q.stdin.end('x');
q.kill('SIGTERM');
const r: WaitResult = await q.wait();
console.log(r.code, r.signal ?? 'exited', r.stdout, q.memory?.buffer.byteLength);
const names: SignalName[] = ['SIGINT'];
const tmp: vfs.TmpFs = new vfs.TmpFs();
void tmp; void cc; void compileCached; void names;
await m.shutdown();
`);
    const tsc = run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('runs npx l4wasm: --version, run of a wasm program, run of C that needs libl4posix', () => {
    const v = run('npx', ['--no-install', 'l4wasm', '--version']);
    expect(v.stdout).toMatch(/^l4wasm \d+\.\d+\.\d+/);
    const hello = run('npx', ['--no-install', 'l4wasm', 'run', '-q', 'hello.wasm', 'from', 'npx']);
    expect(hello.stdout).toBe('Hello from l4wasm!\nargv[1] = from\nargv[2] = npx\n');
    expect(hello.status).toBe(0);
    // A fresh cache: the installed package's own toolchain, headers and libl4posix.a compile it.
    writeFileSync(join(dir, 'sig.c'), `#include <signal.h>
#include <stdio.h>
static volatile sig_atomic_t got;
static void on_usr1(int s) { got = s; }
int main(void) { signal(SIGUSR1, on_usr1); raise(SIGUSR1); printf("handled %d\\n", got); return got == SIGUSR1 ? 0 : 1; }
`);
    const cache = mkdtempSync(join(tmpdir(), 'l4wasm-pack-cache-'));
    try {
      const sig = run('npx', ['--no-install', 'l4wasm', 'run', '-q', 'sig.c'], { L4WASM_CACHE: cache });
      expect(sig.stderr).toBe('');
      expect(sig.stdout).toBe('handled 10\n');
      expect(sig.status).toBe(0);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('names the package and what to do when an artefact is missing, never dropping it silently', () => {
    const pkg = join(dir, 'node_modules', 'l4wasm');
    rmSync(join(pkg, 'sysroot', 'lib', 'libl4posix.a'));
    const cc = run('npx', ['--no-install', 'l4wasm', 'cc', 'sig.c', '-o', 'sig.wasm']);
    expect(cc.status).toBe(1);
    expect(cc.stderr).toMatch(/sysroot\/lib\/libl4posix\.a is missing from the l4wasm package: .*reinstall/);
    expect(existsSync(join(dir, 'sig.wasm'))).toBe(false);
    rmSync(join(pkg, 'build', 'kernel.wasm'));
    const boot = run('npx', ['--no-install', 'l4wasm', 'run', 'hello.wasm']);
    expect(boot.status).toBe(1);
    expect(boot.stderr).toMatch(/build\/kernel\.wasm is missing from the l4wasm package .*reinstall/);
    expect(boot.stderr.trim().split('\n')).toHaveLength(1);
  });
});
