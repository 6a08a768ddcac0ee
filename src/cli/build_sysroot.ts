// Builds sysroot/lib/libl4posix.a from sysroot/src/*.c and sysroot/lib/user_end.o, then the guest's /bin/sh (examples/sh/*.c ->
// build/sh.wasm, which system() and popen() run) and its utilities (examples/coreutils -> build/coreutils.wasm)
// with it (run by `npm install` through `prepare`).
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cc, PACKAGE_ROOT } from '../toolchain/cc.js';
import { buildCoreutils } from './build_coreutils.js';

export async function buildSysroot(log: (line: string) => void = console.log): Promise<number> {
  const src = join(PACKAGE_ROOT, 'sysroot', 'src');
  const lib = join(PACKAGE_ROOT, 'sysroot', 'lib');
  const obj = join(PACKAGE_ROOT, 'build', 'sysroot');
  mkdirSync(lib, { recursive: true });
  mkdirSync(obj, { recursive: true });
  const sources = readdirSync(src).filter((f) => f.endsWith('.c')).sort();
  const objects: string[] = [];
  for (const [i, file] of sources.entries()) {
    log(`[sysroot ${i + 1}/${sources.length}] cc ${file}`);
    const out = join(obj, file.replace(/\.c$/, '.o'));
    const r = await cc(['-O2', '-Wall', '-Werror', '-c', join(src, file), '-o', out]);
    if (r.status !== 0) return r.status;
    objects.push(out);
  }
  // Not in the archive: an object every link takes, between the program and the libraries (see the file).
  log(`[sysroot] cc crt/user_end.c`);
  const marker = await cc(['-O2', '-Wall', '-Werror', '-c', join(PACKAGE_ROOT, 'sysroot', 'crt', 'user_end.c'), '-o', join(lib, 'user_end.o')]);
  if (marker.status !== 0) return marker.status;
  const archive = join(lib, 'libl4posix.a');
  rmSync(archive, { force: true });
  log(`[sysroot] ar ${archive}`);
  const status = await ar(archive, objects);
  if (status !== 0) return status;
  const shell = join(PACKAGE_ROOT, 'build', 'sh.wasm');
  const shellDir = join(PACKAGE_ROOT, 'examples', 'sh');
  const shellSources = readdirSync(shellDir).filter((f) => f.endsWith('.c')).sort().map((f) => join(shellDir, f));
  log(`[sysroot] cc examples/sh/*.c -o ${shell}`);
  const sh = (await cc(['-O2', '-Wall', '-Werror', ...shellSources, '-o', shell])).status;
  return sh !== 0 ? sh : buildCoreutils(log);
}

/** `llvm-ar rcs archive objects...` through @yowasp/clang's bundled LLVM tools. */
async function ar(archive: string, objects: string[]): Promise<number> {
  const { commands } = await import('@yowasp/clang');
  const { readFileSync, writeFileSync } = await import('node:fs');
  const tree: Record<string, Uint8Array> = {};
  objects.forEach((o, i) => { tree[`m${i}-${o.split('/').pop()}`] = readFileSync(o); });
  const out = (await commands.ar(['rcs', 'lib.a', ...Object.keys(tree)], tree)) as Record<string, Uint8Array>;
  writeFileSync(archive, out['lib.a']!);
  return 0;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  process.exitCode = await buildSysroot();
}
