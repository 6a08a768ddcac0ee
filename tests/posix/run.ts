// Shared by the POSIX tests: compiles a fixture or an example once (content-hash cache) and runs
// one of its subcommands on a fresh machine through the public Machine API.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { join } from 'node:path';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import type { Machine } from '../../src/index.js';
import { runL4wasm, type L4RunOptions, type L4RunResult } from '../helpers/run_l4wasm.js';

export const ROOT = join(import.meta.dirname, '..', '..');

/** The wasm of tests/posix/fixtures/NAME.c or examples/NAME.c. */
export function build(path: string): Promise<string> {
  return compileCached(join(ROOT, path));
}

/** Runs `wasm` with argv [name, ...args] (stdin empty unless given). */
export function run(wasm: string, args: string[], options: Partial<L4RunOptions> = {}): Promise<L4RunResult> {
  const name = wasm.split('/').pop()!;
  return runL4wasm(wasm, { ...options, args: [name, ...args] });
}

/**
 * A test that fixture NAME.c, run without arguments, prints exactly what Linux printed
 * (tests/posix/expected/NAME.out), nothing on stderr, and exits 0.
 */
export function itPrintsAsLinux(c: { name: string; what: string }): void {
  it(c.what, async () => {
    const r = await run(await build(`tests/posix/fixtures/${c.name}.c`), []);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(linuxOutput(c.name));
    expect(r.code).toBe(0);
  }, 240_000);
}

/** What Linux printed for a fixture: tests/posix/expected/NAME.out (gcc and glibc, kept). */
export function linuxOutput(name: string): string {
  return readFileSync(join(import.meta.dirname, 'expected', `${name}.out`), 'utf8');
}

/** The expected lines, joined as the program prints them. */
export function lines(...l: string[]): string {
  return l.map((x) => `${x}\n`).join('');
}

/** A guest file's contents (as a string), or undefined when it cannot be opened. */
export function readGuest(m: Machine, path: string): string | undefined {
  const f = m.vfs.open(path, { read: true, write: false });
  if (typeof f === 'number') return undefined;
  const chunks: Buffer[] = [];
  for (;;) {
    const b = new Uint8Array(4096);
    const n = f.read(b);
    if (n <= 0) break;
    chunks.push(Buffer.from(b.subarray(0, n)));
  }
  f.close();
  return Buffer.concat(chunks).toString();
}
