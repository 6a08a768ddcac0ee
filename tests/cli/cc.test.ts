// l4wasm cc: real files in and out, clang's diagnostics and status, the sysroot overlay linked in,
// and the output runs under node:wasi (a plain wasm32-wasip1 program).
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNodeWasi } from '../helpers/run_node_wasi.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'l4wasm.js');

/**
 * `node bin/l4wasm.js ARGS` in a process of its own, awaited: a compile of C++ takes half a minute
 * and more, and a synchronous wait that long kept this test worker from answering vitest (its
 * RPC gives up after 60 s: "Timeout calling onTaskUpdate").
 */
function l4wasm(args: string[], cwd: string | undefined, timeout: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, timeout });
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function cc(args: string[], cwd: string) {
  return l4wasm(['cc', ...args], cwd, 120_000);
}

describe('l4wasm cc', () => {
  it('compiles examples/hello.c to a module that runs under node:wasi', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-cc-'));
    try {
      const r = await cc([join(ROOT, 'examples', 'hello.c'), '-O2', '-o', 'hello.wasm'], dir);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const run = await runNodeWasi(join(dir, 'hello.wasm'), { args: ['hello', 'world'] });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('Hello from l4wasm!\nargv[1] = world\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes gcc\'s -pthread (and -lpthread): _REENTRANT defined, no shared memory asked of the linker; compiled and linked at once or apart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-cc-'));
    try {
      writeFileSync(join(dir, 't.c'), [
        '#include <pthread.h>',
        '#include <stdio.h>',
        'static void *run(void *a) { return a; }',
        '#ifdef _REENTRANT',
        'int main(void) { pthread_t t; void *r; pthread_create(&t, 0, run, (void *)7); pthread_join(t, &r); printf("%ld\\n", (long)r); return 0; }',
        '#endif',
      ].join('\n'));
      const once = await cc(['-pthread', '-O2', 't.c', '-o', 't.wasm'], dir);
      expect(once.stderr).toBe('');
      expect(once.status).toBe(0);
      expect((await cc(['-pthread', '-c', 't.c', '-o', 't.o'], dir)).status).toBe(0);
      const apart = await cc(['-pthread', 't.o', '-o', 't2.wasm', '-lpthread'], dir);
      expect(apart.stderr).toBe('');
      expect(apart.status).toBe(0);
      const run = await l4wasm(['run', '--prepare-first', join(dir, 't2.wasm')], undefined, 120_000);
      expect(run.stdout).toBe('7\n');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes programs executable and objects not, with the modes gcc gives them (also over a file without execute permission)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-cc-'));
    const mode = (f: string) => (statSync(join(dir, f)).mode & 0o777).toString(8);
    try {
      writeFileSync(join(dir, 'm.c'), 'int main(void) { return 0; }\n');
      for (const f of ['m.wasm', 'm.native']) writeFileSync(join(dir, f), 'old\n', { mode: 0o644 });
      expect((await cc(['-c', 'm.c', '-o', 'm.o'], dir)).status).toBe(0);
      expect((await cc(['m.o', '-o', 'm.wasm'], dir)).status).toBe(0);
      expect(spawnSync('gcc', ['-c', 'm.c', '-o', 'm.native.o'], { cwd: dir }).status).toBe(0);
      expect(spawnSync('gcc', ['m.native.o', '-o', 'm.native'], { cwd: dir }).status).toBe(0);
      expect(mode('m.o')).toBe(mode('m.native.o'));
      expect(mode('m.wasm')).toBe(mode('m.native'));
      expect(statSync(join(dir, 'm.wasm')).mode & 0o100).toBe(0o100);
      expect(statSync(join(dir, 'm.o')).mode & 0o111).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compiles C++ with clang++ and libc++ (iostream, containers, strings) to a module that runs on l4wasm', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-cc-'));
    try {
      writeFileSync(join(dir, 'words.cpp'), [
        '#include <algorithm>', '#include <iostream>', '#include <map>', '#include <string>', '#include <vector>',
        'int main(int argc, char **argv) {',
        '  std::vector<std::string> words(argv + 1, argv + argc);',
        '  std::sort(words.begin(), words.end());',
        '  std::map<std::string, int> count;',
        '  for (const auto &w : words) count[w]++;',
        '  for (const auto &[w, n] : count) std::cout << w << " " << n << "\\n";',
        '  std::cout << "total " << words.size() << std::endl;',
        '}', ''].join('\n'));
      const r = await cc(['words.cpp', '-O2', '-std=c++17', '-o', 'words.wasm'], dir);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const run = await l4wasm(['run', '-q', join(dir, 'words.wasm'), 'b', 'a', 'b'], undefined, 60_000);
      expect(run.stdout).toBe('a 1\nb 2\ntotal 3\n');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes clang diagnostics and exit status through, and writes no output on failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-cc-'));
    try {
      writeFileSync(join(dir, 'bad.c'), 'int main(void) { return undeclared; }\n');
      const r = await cc(['bad.c', '-o', 'bad.wasm'], dir);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain("bad.c:1:25: error: use of undeclared identifier 'undeclared'");
      expect(existsSync(join(dir, 'bad.wasm'))).toBe(false);
      const missing = await cc(['nothere.c'], dir);
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toContain("no such file or directory: 'nothere.c'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds C that gcc builds with warnings: undeclared functions, implicit int, int/pointer conversions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-cc-'));
    try {
      writeFileSync(join(dir, 'old.c'), [
        '#include <stdio.h>',
        'static f(x) { return x * 2; }',
        'int main(void) { char *s = 1 ? "gcc" : 0; int n = s; int *p = "xy"; (void)n; (void)p;',
        '  printf("%d %d %s\\n", abs(-3), (int)strlen(s), f(21) == 42 ? "ok" : "no"); return 0; }',
      ].join('\n'));
      const r = await cc(['old.c', '-o', 'old.wasm'], dir);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('warning: call to undeclared library function');
      const run = await l4wasm(['run', 'old.wasm'], dir, 60_000);
      expect(run.stdout).toBe('3 3 ok\n');
      // Asked for, the error stays.
      expect((await cc(['old.c', '-Werror=implicit-function-declaration', '-o', 'old2.wasm'], dir)).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds headers beside the source and in -I directories, and links libl4posix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-cc-'));
    try {
      mkdirSync(join(dir, 'inc'));
      writeFileSync(join(dir, 'local.h'), '#define LOCAL 40\n');
      writeFileSync(join(dir, 'inc', 'other.h'), '#define OTHER 2\n');
      writeFileSync(join(dir, 'main.c'),
        '#include "local.h"\n#include <other.h>\n#include <unistd.h>\nint main(void) { return LOCAL + OTHER + (getpid() > 0 ? 0 : 1); }\n');
      const r = await cc(['-c', 'main.c', '-Iinc', '-o', 'main.o'], dir);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const link = await cc(['main.o', '-o', 'main.wasm'], dir);
      expect(link.status).toBe(0);
      const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(join(dir, 'main.wasm'))));
      // getpid comes from libl4posix, which asks the l4posix module of the runtime.
      expect(imports).toContainEqual({ module: 'l4posix', name: 'getpid', kind: 'function' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
