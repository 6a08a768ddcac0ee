// The program runs that the program tests make, each under node:wasi and under l4wasm: which
// program, its arguments, environment and stdin, what the host directory holds beforehand, and
// the exit status and stderr expected. Expected stdout is tests/fixtures/expected/<case>.out: the
// correct output, which is l4wasm's; tests/programs/differences.ts says where node:wasi's differs.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgramName } from './build.js';
import { ROOT } from './build.js';

/**
 * Where the program works:
 * - 'sandbox': an empty host directory (filled by `tree`) mounted at /sandbox; {dir} is /sandbox.
 * - 'escape': a host directory mounted at /sandbox with secret.txt beside it on the host.
 * - 'rom': the boot module hello.txt under /rom (under node:wasi: a preopened directory).
 * - 'tmp': /tmp (l4wasm's tmpfs; under node:wasi a preopened host directory).
 * - 'none': no files.
 */
export type Layout = 'sandbox' | 'escape' | 'rom' | 'tmp' | 'none';

export interface Case {
  name: string;
  program: ProgramName;
  /** Arguments after argv[0]; '{dir}' becomes the guest directory the case works in. */
  args: string[];
  env?: Record<string, string>;
  stdin?: string;
  layout: Layout;
  /** Files to create in the mounted host directory before the run. */
  tree?: (hostDir: string) => void;
  /** Exit code (default 0). */
  code?: number;
  /** stderr, with '{dir}' (default ''). */
  stderr?: string;
  /** The program removes everything it creates: the directory must be as before afterwards. */
  cleansUp?: boolean;
  /** Under l4wasm, run a second time with {dir} = /tmp (a tmpfs) instead of a host directory. */
  alsoOnTmpfs?: boolean;
  /** L4T_SKIP tags under node:wasi: checks that hang or abort node:wasi (see DIFFERENCES.md). */
  nodeSkip?: string[];
}

export const ROM_TEXT = 'L4Re boot module\nline two\n';
export const SECRET = 'TOP SECRET host file\n';

/** The files the real-world examples work over (and ls lists). */
export function exampleTree(dir: string): void {
  mkdirSync(join(dir, 'sub', 'deep'), { recursive: true });
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'a.txt'), 'hello world\nsecond line\n');
  writeFileSync(join(dir, 'sub', 'b.txt'), 'one two  three\n\nfour\n');
  writeFileSync(join(dir, 'sub', 'deep', 'c'), 'no newline');
  symlinkSync('a.txt', join(dir, 'link'));
  symlinkSync('../missing', join(dir, 'sub', 'dangling'));
}

/** The mounted directory of the 'escape' layout; secret.txt lies in its parent on the host. */
export function escapeTree(mounted: string): void {
  mkdirSync(join(mounted, 'sub'));
  writeFileSync(join(mounted, 'inside.txt'), 'inside\n');
  writeFileSync(join(mounted, '..', 'secret.txt'), SECRET);
  symlinkSync('../secret.txt', join(mounted, 'hostesc'));
  symlinkSync(join(mounted, '..', 'secret.txt'), join(mounted, 'hostabs'));
}

export const CASES: Case[] = [
  { name: 'fs_basic', program: 'fs_basic', args: ['{dir}'], layout: 'sandbox', cleansUp: true, alsoOnTmpfs: true },
  { name: 'fs_dir', program: 'fs_dir', args: ['{dir}'], layout: 'sandbox', cleansUp: true, alsoOnTmpfs: true },
  {
    name: 'fs_meta', program: 'fs_meta', args: ['{dir}'], layout: 'sandbox', cleansUp: true, alsoOnTmpfs: true,
    nodeSkip: ['uvwasi-lock-leak'],
  },
  { name: 'fs_links', program: 'fs_links', args: ['{dir}'], layout: 'sandbox', cleansUp: true, alsoOnTmpfs: true },
  { name: 'fd_ops', program: 'fd_ops', args: ['{dir}'], layout: 'sandbox', cleansUp: true, alsoOnTmpfs: true },
  { name: 'path_escape', program: 'path_escape', args: ['{dir}'], layout: 'escape', tree: escapeTree, cleansUp: true },
  { name: 'clocks_random', program: 'clocks_random', args: [], layout: 'none' },
  {
    name: 'args_env', program: 'args_env', args: ['two words', '', 'ünï', 'q"uote', '--flag=x'], layout: 'none',
    env: { L4T_GREETING: 'hello world', L4T_EMPTY: '', L4T_B: '2', OTHER: 'not printed' }, code: 7,
  },
  {
    name: 'poll_sleep', program: 'poll_sleep', args: ['{dir}'], layout: 'sandbox', stdin: 'ping\n', cleansUp: true,
    nodeSkip: ['uvwasi-abstime'],
  },
  { name: 'errors_efault', program: 'errors_efault', args: ['{dir}'], layout: 'sandbox', cleansUp: true, alsoOnTmpfs: true },
  { name: 'sockets_enotsup', program: 'sockets_enotsup', args: ['{dir}'], layout: 'sandbox', cleansUp: true },

  // The real-world examples over a host directory (the l4wasm tests run them over tmpfs as well).
  { name: 'ls', program: 'ls', args: ['{dir}'], layout: 'sandbox', tree: exampleTree },
  {
    name: 'ls_args', program: 'ls', args: ['-R', '{dir}/sub', '{dir}/a.txt', '{dir}/nothere'], layout: 'sandbox',
    tree: exampleTree, code: 1, stderr: 'ls: {dir}/nothere: No such file or directory\n',
  },
  {
    name: 'cat', program: 'cat', args: ['{dir}/a.txt', '{dir}/nothere', '-', '{dir}/link', '{dir}/sub/b.txt'],
    layout: 'sandbox', tree: exampleTree, stdin: 'from stdin\n', code: 1,
    stderr: 'cat: {dir}/nothere: No such file or directory\n',
  },
  { name: 'cat_stdin', program: 'cat', args: [], layout: 'none', stdin: 'piped in\nline 2\n' },
  { name: 'cat_dir', program: 'cat', args: ['{dir}/sub'], layout: 'sandbox', tree: exampleTree, code: 1, stderr: 'cat: {dir}/sub: Is a directory\n' },
  {
    name: 'wc', program: 'wc', args: ['{dir}/a.txt', '{dir}/sub/b.txt', '{dir}/sub/deep/c', '{dir}/empty'],
    layout: 'sandbox', tree: exampleTree, code: 1, stderr: 'wc: {dir}/empty: Is a directory\n',
  },
  { name: 'wc_stdin', program: 'wc', args: [], layout: 'none', stdin: 'piped in\nline 2\n  three words here\n' },
  { name: 'romread', program: 'romread', args: ['-w', 'hello.txt'], layout: 'rom' },
  {
    name: 'romread_missing', program: 'romread', args: ['nothere.bin'], layout: 'rom', code: 1,
    stderr: 'romread: /rom/nothere.bin: No such file or directory\n',
  },
  { name: 'fswalk', program: 'fswalk', args: [], layout: 'tmp', cleansUp: true },
];

/** The expected stdout of a case, with {dir} replaced. */
export function expectedOutput(c: Case, dir: string): string {
  return readFileSync(expectedPath(c), 'utf8').split('{dir}').join(dir);
}

export function expectedPath(c: Case): string {
  return join(ROOT, 'tests', 'fixtures', 'expected', `${c.name}.out`);
}

/** The case's arguments with {dir} replaced, argv[0] first. */
export function argvOf(c: Case, dir: string): string[] {
  return [c.program, ...c.args.map((a) => a.split('{dir}').join(dir))];
}
