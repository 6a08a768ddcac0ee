// Builds SQLite (the amalgamation inside the better-sqlite3 package) with its real unix VFS and
// examples/sqlite/shell.c into a wasm program: `npm run build:sqlite` writes
// examples/sqlite/sqlite.wasm. The amalgamation's object (~90 s at -O2) and the linked program are
// cached by content hash (compile_cache.ts's directory), so only a changed input is rebuilt.
// The same source can be built for plain wasi-libc (node:wasi), as SQLite builds itself for WASI.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cc, CC_LINK_VERSION, PACKAGE_ROOT } from '../toolchain/cc.js';
import { cacheDir } from '../toolchain/compile_cache.js';

export const SQLITE_DIR = join(PACKAGE_ROOT, 'examples', 'sqlite');
export const SHELL_SOURCE = join(SQLITE_DIR, 'shell.c');
/** The program written by `npm run build:sqlite`. */
export const SQLITE_WASM = join(SQLITE_DIR, 'sqlite.wasm');

/** Which C library the program is built for. */
export type SqliteTarget = 'l4wasm' | 'wasi';

/**
 * better-sqlite3's defines where they change behaviour or speed (deps/defines.gypi), so that the
 * native anchor and the wasm builds run the same SQLite; without threads and extension loading.
 */
export const SQLITE_DEFINES = [
  '-DSQLITE_THREADSAFE=0', '-DSQLITE_OMIT_LOAD_EXTENSION', '-DHAVE_USLEEP=1',
  '-DSQLITE_DEFAULT_CACHE_SIZE=-16000', '-DSQLITE_DEFAULT_FOREIGN_KEYS=1', '-DSQLITE_DEFAULT_MEMSTATUS=0',
  '-DSQLITE_DEFAULT_WAL_SYNCHRONOUS=1', '-DSQLITE_DQS=0', '-DSQLITE_ENABLE_MATH_FUNCTIONS',
  '-DSQLITE_LIKE_DOESNT_MATCH_BLOBS', '-DSQLITE_OMIT_DEPRECATED', '-DSQLITE_OMIT_SHARED_CACHE',
];

/** Per target: what makes SQLite's unix VFS the real one on l4wasm, and SQLite's own WASI build. */
function targetFlags(target: SqliteTarget): string[] {
  return target === 'l4wasm'
    ? ['-DUSE_PREAD', '-include', join(SQLITE_DIR, 'unix_vfs.h')]
    // SQLite's own __wasi__ configuration: no locks, no shared memory, the unix-dotfile VFS; the
    // code generated as l4wasm cc generates it (its bulk-memory copies; atomics, which keep
    // thread-local storage, would need wasi-libc's errno built for them, and SQLite has none).
    : ['-D_WASI_EMULATED_PROCESS_CLOCKS', '-mbulk-memory'];
}

/** The amalgamation's directory (sqlite3.c, sqlite3.h) in the installed better-sqlite3. */
export function amalgamationDir(): string {
  const require = createRequire(join(PACKAGE_ROOT, 'package.json'));
  let pkg: string;
  try {
    pkg = dirname(require.resolve('better-sqlite3/package.json'));
  } catch {
    throw new Error('l4wasm: SQLite\'s amalgamation comes from the better-sqlite3 package, which is not installed: run `npm install` in ' + PACKAGE_ROOT);
  }
  return join(pkg, 'deps', 'sqlite3');
}

function hashDir(h: ReturnType<typeof createHash>, dir: string): void {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) hashDir(h, p);
    else if (e.isFile()) h.update(e.name).update(readFileSync(p));
  }
}

type Tree = { [name: string]: Tree | Uint8Array };

/**
 * clang from @yowasp/clang with nothing but wasi-libc (no l4wasm sysroot): the build node:wasi
 * runs. `files` are host paths placed at the same paths in clang's tree.
 */
async function plainClang(args: string[], files: string[], out: string): Promise<{ status: number }> {
  const tree: Tree = {};
  const place = (path: string, data: Uint8Array) => {
    const parts = path.split('/').filter(Boolean);
    let dir = tree;
    for (const p of parts.slice(0, -1)) dir = (dir[p] ??= {}) as Tree;
    dir[parts[parts.length - 1]!] = data;
  };
  for (const f of files) place(f, readFileSync(f));
  const { commands } = await import('@yowasp/clang');
  let result: Tree;
  let status = 0;
  const stderr = (b: Uint8Array | null) => { if (b) process.stderr.write(b); };
  try {
    result = (await commands.clang(['--target=wasm32-wasip1', ...args, '-o', '/out.bin'], tree,
      { stdout: stderr, stderr, fetchProgress: () => {} })) as Tree;
  } catch (e) {
    const exit = e as { code?: number };
    if (typeof exit.code !== 'number') throw e;
    return { status: exit.code };
  }
  const bin = result['out.bin'];
  if (!(bin instanceof Uint8Array)) return { status: 1 };
  writeFileSync(out, bin);
  return { status };
}

async function runCc(args: string[], out: string, what: string, log: (line: string) => void, plainFiles?: string[]): Promise<void> {
  const tmp = `${out}.${process.pid}.tmp`;
  let diagnostics = '';
  const t0 = performance.now();
  log(`l4wasm: ${what} ...`);
  const r = plainFiles !== undefined
    ? await plainClang(args, plainFiles, tmp)
    : await cc([...args, '-o', tmp], { stderr: (t) => { diagnostics += t; } });
  if (r.status !== 0) throw new Error(`l4wasm: ${what} failed (clang exit ${r.status})\n${diagnostics}`);
  renameSync(tmp, out); // atomic: parallel test workers never see a half-written file
  log(`l4wasm: ${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * The SQLite shell for `target`, built (or found in the cache): the path of the wasm program.
 * `log` hears about each compile that actually runs.
 */
export async function buildSqlite(target: SqliteTarget = 'l4wasm', log: (line: string) => void = () => {}): Promise<string> {
  const amalgamation = amalgamationDir();
  const flags = ['-O2', ...SQLITE_DEFINES, ...targetFlags(target)];
  const sysroot = join(PACKAGE_ROOT, 'sysroot');
  const wasi = target === 'wasi';

  // The amalgamation's object: its source, the flags, the headers it can see.
  const ho = createHash('sha256').update(`sqlite object v1 ${target} cc v${CC_LINK_VERSION}\n`).update(JSON.stringify(flags));
  ho.update(readFileSync(join(amalgamation, 'sqlite3.c'))).update(readFileSync(join(amalgamation, 'sqlite3.h')));
  ho.update(readFileSync(join(SQLITE_DIR, 'unix_vfs.h')));
  if (!wasi) hashDir(ho, join(sysroot, 'include'));
  const objectKey = ho.digest('hex').slice(0, 24);
  const object = join(cacheDir(), `sqlite3-${objectKey}.o`);
  if (!existsSync(object)) {
    await runCc([...flags, '-c', join(amalgamation, 'sqlite3.c')], object, `compiling SQLite's amalgamation for ${target} (about 90 s, once)`, log,
      wasi ? [join(amalgamation, 'sqlite3.c'), join(amalgamation, 'sqlite3.h')] : undefined);
  }

  // The program: the object, the shell, the C library it links.
  const hp = createHash('sha256').update(`sqlite program v1 ${target} link v${CC_LINK_VERSION}\n`).update(objectKey);
  hp.update(readFileSync(SHELL_SOURCE));
  if (!wasi) { hashDir(hp, join(sysroot, 'include')); hashDir(hp, join(sysroot, 'lib')); }
  const program = join(cacheDir(), `sqlite-${target}-${hp.digest('hex').slice(0, 24)}.wasm`);
  if (!existsSync(program)) {
    // SQLite's recursion (the parser, expression trees) wants more than wasm-ld's 64 KiB stack.
    const linkFlags = ['-Wl,-z,stack-size=1048576', ...(wasi ? ['-lwasi-emulated-process-clocks'] : [])];
    await runCc(['-O2', ...SQLITE_DEFINES, ...targetFlags(target), `-I${amalgamation}`, SHELL_SOURCE, object, ...linkFlags],
      program, `linking the SQLite shell for ${target}`, log,
      wasi ? [SHELL_SOURCE, object, join(amalgamation, 'sqlite3.h')] : undefined);
  }
  return program;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const log = (line: string) => process.stderr.write(line + '\n');
  try {
    const program = await buildSqlite('l4wasm', log);
    mkdirSync(SQLITE_DIR, { recursive: true });
    copyFileSync(program, SQLITE_WASM);
    log(`l4wasm: ${SQLITE_WASM} (run: npx l4wasm run --dir .:/data examples/sqlite/sqlite.wasm /data/my.db < script.sql)`);
    if (process.argv.includes('--wasi')) log(`l4wasm: for node:wasi: ${await buildSqlite('wasi', log)}`);
  } catch (e) {
    log((e as Error).message);
    process.exitCode = 1;
  }
}
