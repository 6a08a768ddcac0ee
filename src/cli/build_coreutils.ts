// Builds the guest's utilities (examples/coreutils: one program, busybox-style) into
// build/coreutils.wasm and the list of its commands into build/coreutils.json, which the machine
// installs at /bin/NAME (src/guest/coreutils.ts). The table of commands is made here from the
// files: NAME.c holds NAME_main; test's also answers to "["; lib/*.c is what several commands share.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cc, PACKAGE_ROOT } from '../toolchain/cc.js';

/** The files of examples/coreutils that are not commands. */
const SHARED = new Set(['main.c', 'util.c']);

/** The command names, from the files (NAME.c), sorted; "[" is test's other name. */
export function coreutilsCommands(dir = join(PACKAGE_ROOT, 'examples', 'coreutils')): string[] {
  const names = readdirSync(dir).filter((f) => f.endsWith('.c') && !SHARED.has(f)).map((f) => f.slice(0, -2)).sort();
  return names.includes('test') ? ['[', ...names] : names;
}

export async function buildCoreutils(log: (line: string) => void = console.log): Promise<number> {
  const dir = join(PACKAGE_ROOT, 'examples', 'coreutils');
  const gen = join(PACKAGE_ROOT, 'build', 'coreutils');
  mkdirSync(gen, { recursive: true });
  const commands = coreutilsCommands(dir);
  const fn = (name: string) => `${name === '[' ? 'test' : name}_main`;
  const declared = [...new Set(commands.map(fn))];
  writeFileSync(join(gen, 'commands.h'), [
    '/* Made by src/cli/build_coreutils.ts from the files of examples/coreutils. */',
    ...declared.map((f) => `int ${f}(int, char **);`),
    'static const struct command COMMANDS[] = {',
    ...commands.map((n) => `\t{ "${n}", ${fn(n)} },`),
    '};',
    '',
  ].join('\n'));
  const out = join(PACKAGE_ROOT, 'build', 'coreutils.wasm');
  // The commands' files, and what several of them share (lib/).
  const lib = join(dir, 'lib');
  const shared = existsSync(lib) ? readdirSync(lib).filter((f) => f.endsWith('.c')).sort().map((f) => join(lib, f)) : [];
  const sources = [...readdirSync(dir).filter((f) => f.endsWith('.c')).sort().map((f) => join(dir, f)), ...shared];
  log(`[coreutils] cc ${sources.length} files -o ${out} (${commands.length} commands)`);
  const r = await cc(['-O2', '-Wall', '-Werror', '-I', gen, ...sources, '-o', out]);
  if (r.status !== 0) return r.status;
  writeFileSync(join(PACKAGE_ROOT, 'build', 'coreutils.json'), JSON.stringify(commands) + '\n');
  return 0;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  process.exitCode = await buildCoreutils();
}
