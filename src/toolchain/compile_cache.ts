// Compiles a C program with l4wasm cc once per distinct input: the result is kept in a cache
// directory keyed by a hash of the source, the headers beside it, the arguments and the sysroot.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { cc, CC_LINK_VERSION, PACKAGE_ROOT } from './cc.js';
import { cacheDir } from './cache_dir.js';

export { cacheDir };

function hashDir(h: ReturnType<typeof createHash>, dir: string, filter: (name: string) => boolean): void {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) hashDir(h, p, filter);
    else if (e.isFile() && filter(e.name)) h.update(e.name).update(readFileSync(p));
  }
}

/** Where compileCached reports a compile: a line of text, or a progress reporter (progress.ts). */
/** A step of work a caller shows (the CLI's progress line): ended, with an outcome, once done. */
export interface CompileTask { end(outcome?: string): void }

export type CompileLog = ((text: string) => void) | { start(label: string): CompileTask };

/**
 * The wasm path for `source` compiled with `args` (default -O2), compiling only on a cache miss;
 * a compile is reported to `log`.
 */
export async function compileCached(source: string, args: string[] = ['-O2'], log?: CompileLog): Promise<string> {
  const src = resolve(source);
  const h = createHash('sha256');
  h.update(`link v${CC_LINK_VERSION}\n`).update(JSON.stringify(args)).update(readFileSync(src));
  for (const e of readdirSync(dirname(src))) if (e.endsWith('.h')) h.update(e).update(readFileSync(join(dirname(src), e)));
  hashDir(h, join(PACKAGE_ROOT, 'sysroot', 'include'), () => true);
  hashDir(h, join(PACKAGE_ROOT, 'sysroot', 'lib'), () => true);
  const out = join(cacheDir(), `${h.digest('hex').slice(0, 24)}.wasm`);
  if (existsSync(out)) {
    // Cached before cc made programs executable: made so now, as the compile would.
    if ((statSync(out).mode & 0o111) === 0) chmodSync(out, 0o755);
    return out;
  }
  const task = typeof log === 'function' ? (log(`l4wasm: compiling ${source}\n`), undefined) : log?.start(`compiling ${source}`);
  const tmp = `${out}.${process.pid}.tmp`;
  let diagnostics = '';
  let r;
  try {
    r = await cc([...args, src, '-o', tmp], { stderr: (t) => { diagnostics += t; } });
  } finally {
    task?.end(r === undefined || r.status !== 0 ? 'failed' : 'done');
  }
  if (r.status !== 0) throw new CompileError(source, r.status, diagnostics);
  renameSync(tmp, out); // atomic: parallel test workers never see a half-written module
  return out;
}

export class CompileError extends Error {
  constructor(readonly source: string, readonly status: number, readonly diagnostics: string) {
    super(`${source}: compilation failed (clang exit ${status})\n${diagnostics}`);
  }
}
