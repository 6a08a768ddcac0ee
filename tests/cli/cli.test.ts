// The l4wasm command line: usage errors, run with mounts/ROMs/env, exit statuses, traps, bad modules.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileCached } from '../../src/toolchain/compile_cache.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'l4wasm.js');
let trapper = '';
let echoLines = '';

function l4wasm(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  trapper = await compileCached(join(ROOT, 'tests', 'guest', 'fixtures', 'trapper.c'));
  echoLines = await compileCached(join(ROOT, 'tests', 'guest', 'fixtures', 'echo_lines.c'));
  await compileCached(join(ROOT, 'examples', 'hello.c'));
  await compileCached(join(ROOT, 'examples', 'ls.c'));
  await compileCached(join(ROOT, 'examples', 'romread.c'));
});

describe('l4wasm CLI', () => {
  it('reports bad arguments in one line plus where help is, exit 2', () => {
    for (const args of [[], ['frobnicate'], ['run'], ['run', '--dir'], ['run', '--bogus', 'x.wasm'], ['cc']]) {
      const r = l4wasm(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^l4wasm( run| cc)?: .*\ntry 'l4wasm( run| cc)? --help'\n$/);
    }
  });

  it('compiles and runs a .c file, passing arguments, and exits with its status', () => {
    const r = l4wasm(['run', 'examples/hello.c', 'one', 'two']);
    expect(r.stdout).toBe('Hello from l4wasm!\nargv[1] = one\nargv[2] = two\n');
    expect(r.status).toBe(0);
    const e = l4wasm(['run', echoLines], 'a\nb\nc\n');
    expect(e.stdout).toMatch(/^1: a\n2: b\n3: c\nlines: 3/);
    expect(e.status).toBe(3);
  });

  it('mounts a host directory read-only and adds ROM modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-cli-'));
    try {
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'sub', 'f.txt'), 'hello');
      writeFileSync(join(dir, 'module.txt'), 'rom line one\nrom line two\n');
      const ls = l4wasm(['run', '--dir', `${dir}:/data:ro`, 'examples/ls.c', '/data']);
      expect(ls.status).toBe(0);
      expect(ls.stdout).toContain('/data/sub:');
      expect(ls.stdout).toMatch(/-\s+5 f\.txt/);
      const rom = l4wasm(['run', '--rom', `${join(dir, 'module.txt')}:notes`, 'examples/romread.c', 'notes']);
      expect(rom.status).toBe(0);
      expect(rom.stdout).toContain('first line: rom line one');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a trap with what and where, exit 128 + its signal (136: SIGFPE)', () => {
    const r = l4wasm(['run', trapper, 'div']);
    expect(r.status).toBe(136);
    expect(r.stdout).toBe('before div\n');
    expect(r.stderr).toContain('trap: divide by zero in divide');
  });

  it('refuses an invalid module or an unknown import with one line, exit 126', () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-cli-'));
    try {
      writeFileSync(join(dir, 'bad.wasm'), 'not wasm at all');
      const bad = l4wasm(['run', join(dir, 'bad.wasm')]);
      expect(bad.status).toBe(126);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
      expect(bad.stderr).toContain('bad.wasm: not a valid WebAssembly module');
      writeFileSync(join(dir, 'frob.wasm'), new Uint8Array([
        0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 2, 18, 1, 3, 101, 110, 118, 10, 102, 114, 111, 98, 110,
        105, 99, 97, 116, 101, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 7, 19, 2, 6, 109, 101, 109, 111, 114, 121, 2, 0,
        6, 95, 115, 116, 97, 114, 116, 0, 1, 10, 4, 1, 2, 0, 11,
      ]));
      const frob = l4wasm(['run', join(dir, 'frob.wasm')]);
      expect(frob.status).toBe(126);
      expect(frob.stderr).toContain('unknown import env.frobnicate');
      const missing = l4wasm(['run', join(dir, 'nothere.wasm')]);
      expect(missing.status).toBe(127);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes environment variables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-cli-'));
    try {
      writeFileSync(join(dir, 'env.c'), '#include <stdio.h>\n#include <stdlib.h>\nint main(void){ printf("%s\\n", getenv("GREETING")); return 0; }\n');
      const r = l4wasm(['run', '--env', 'GREETING=hi there', join(dir, 'env.c')]);
      expect(r.stdout).toBe('hi there\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
