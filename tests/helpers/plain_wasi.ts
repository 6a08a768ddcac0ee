// Plain wasm32-wasip1 programs for tests: C compiled by clang with wasi-libc alone (no libl4posix),
// as any wasip1 binary from elsewhere is built.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../../src/toolchain/compile_cache.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** `source` compiled by clang for wasm32-wasip1 with wasi-libc alone (as any wasip1 binary is built), cached by content. */
export async function buildPlain(source: string): Promise<string> {
  const text = readFileSync(join(ROOT, source));
  const out = join(cacheDir(), `plain-${createHash('sha256').update('plain v1\n').update(text).digest('hex').slice(0, 24)}.wasm`);
  if (existsSync(out)) return out;
  const { commands, runLLVM } = await import('@yowasp/clang');
  await runLLVM(null as unknown as string[], {}, { fetchProgress: () => {} });
  let diagnostics = '';
  const tree = await commands.clang(['--target=wasm32-wasip1', '-O2', 'p.c', '-o', 'p.wasm'], { 'p.c': text }, {
    stdout: () => {}, stderr: (b: Uint8Array | null) => { if (b) diagnostics += Buffer.from(b).toString(); }, fetchProgress: () => {},
  }) as Record<string, unknown>;
  const wasm = tree['p.wasm'];
  if (!(wasm instanceof Uint8Array)) throw new Error(`${source}: compilation failed\n${diagnostics}`);
  writeFileSync(`${out}.${process.pid}.tmp`, wasm);
  renameSync(`${out}.${process.pid}.tmp`, out);
  return out;
}

