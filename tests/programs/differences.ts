// Where node:wasi's output differs from the correct output (l4wasm's, in tests/fixtures/expected).
// Each entry names the case, the line l4wasm prints and the line node:wasi prints instead; the
// `topic` is a heading of DIFFERENCES.md, which explains why. The node:wasi tests expect the
// expected output with these replacements made; every entry must replace at least one line.

export interface Difference {
  /** Case names (tests/helpers/cases.ts). */
  cases: string[];
  stream?: 'stdout' | 'stderr';
  /** The expected (l4wasm) line, '{dir}' for the work directory; or a pattern over such lines. */
  l4wasm: string | RegExp;
  /**
   * node:wasi's line (a replacement string when l4wasm is a pattern); null: node:wasi prints no
   * such line (the check was skipped there).
   */
  nodeWasi: string | null;
  /** A `### ` heading of DIFFERENCES.md. */
  topic: string;
}

const T = {
  readDir: 'read() on a directory',
  dots: 'readdir does not list . and ..',
  rmdirDot: 'rmdir of a path ending in /.',
  seconds: 'timestamps are set in whole seconds',
  lockLeak: 'path_filestat_set_times errors leave the directory descriptor locked',
  readlink: 'readlink into a short buffer',
  nofollow: 'O_NOFOLLOW on a symlink',
  excl: 'O_CREAT|O_EXCL on a dangling symlink',
  dotdotLinks: 'symlinks whose target contains ..',
  fdflags: 'fd_fdstat_get reports no fdflags',
  l4posix: 'close-on-exec and the other l4posix calls',
  prestat: 'fd_prestat_get on a descriptor that is not a preopen',
  prestatName: 'fd_prestat_dir_name with a short buffer',
  escape: "'..' past a mount point",
  escapeLinks: 'symlinks that point out of a mount',
  absolute: 'absolute paths relative to a directory descriptor',
  threadRes: 'clock_res_get of the thread CPU-time clock',
  abstime: 'absolute clock deadlines',
  pollFiles: 'poll on regular files',
  pollBadFd: 'poll on a descriptor that is not open',
  efault: 'bad pointers: EFAULT or EOVERFLOW',
  sockets: 'socket calls on descriptors that are not sockets',
  rom: 'read-only mounts',
  seekDir: 'fd_seek on a directory',
} as const;

/** l4wasm line -> node:wasi line, for one case and topic. */
function pairs(cases: string[], topic: string, lines: [string, string | null][], stream?: 'stdout' | 'stderr'): Difference[] {
  return lines.map(([l4wasm, nodeWasi]) => ({ cases, topic, l4wasm, nodeWasi, stream }));
}

export const DIFFERENCES: Difference[] = [
  ...pairs(['fs_basic'], T.readDir, [['read on dir: EISDIR', 'read on dir: EBADF']]),
  ...pairs(['cat_dir'], T.readDir, [['cat: {dir}/sub: Is a directory', 'cat: {dir}/sub: Bad file descriptor']], 'stderr'),
  ...pairs(['wc'], T.readDir, [['wc: {dir}/empty: Is a directory', 'wc: {dir}/empty: Bad file descriptor']], 'stderr'),

  ...pairs(['fs_dir'], T.dots, [
    ['list d: . .. a.txt(reg) b.txt(reg) c(reg) sub(dir)', 'list d: a.txt(reg) b.txt(reg) c(reg) sub(dir)'],
    ['list empty sub: . ..', 'list empty sub:'],
    ['readdir count: 6, after rewind: 6', 'readdir count: 4, after rewind: 4'],
    ['big listing: 152 entries, 0 missing, 0 duplicated', 'big listing: 150 entries, 0 missing, 0 duplicated'],
    ['list d after renames: . .. a2.txt(reg) c(reg) sub(dir)', 'list d after renames: a2.txt(reg) c(reg) sub(dir)'],
    ['list moved dir: . .. keep(reg)', 'list moved dir: keep(reg)'],
    ['list top: . .. d-moved(dir)', 'list top: d-moved(dir)'],
    ['list top at end: . ..', 'list top at end:'],
  ]),
  ...pairs(['fs_dir'], T.rmdirDot, [['rmdir dot: EINVAL', 'rmdir dot: ok']]),

  ...pairs(['fs_meta'], T.seconds, [['futimens keeps nanoseconds: ok', 'futimens keeps nanoseconds: FAIL']]),
  ...pairs(['fs_meta'], T.lockLeak, [['path_filestat_set_times ATIM|ATIM_NOW: EINVAL', 'path_filestat_set_times ATIM|ATIM_NOW: skipped']]),

  ...pairs(['fs_links'], T.readlink, [["readlink short buffer: 4 'targ'", 'readlink short buffer: ENOBUFS']]),
  ...pairs(['fs_links'], T.nofollow, [['open link O_NOFOLLOW: ELOOP', "open link O_NOFOLLOW: 11 'the target\\n'"]]),
  ...pairs(['fs_links'], T.excl, [['open dangling O_CREAT|O_EXCL: EEXIST', 'open dangling O_CREAT|O_EXCL: ok']]),
  ...pairs(['fs_links'], T.dotdotLinks, [
    ['symlink with ..: ok', 'symlink with ..: ENOTCAPABLE'],
    ["read link with ..: 6 'inner\\n'", 'read link with ..: ENOENT'],
  ]),

  ...pairs(['fd_ops'], T.fdflags, [
    ['F_GETFL append after set: yes', 'F_GETFL append after set: no'],
    ['F_GETFL nonblock: yes', 'F_GETFL nonblock: no'],
    ['fdflags after set: APPEND', 'fdflags after set: other'],
  ]),
  ...pairs(['fd_ops'], T.l4posix, [['F_GETFD: 0', 'F_GETFD: -1']]),
  ...pairs(['fd_ops'], T.prestat, [
    ['fd_prestat_get stdout: EBADF', 'fd_prestat_get stdout: EINVAL'],
    ['fd_prestat_get open file: EBADF', 'fd_prestat_get open file: EINVAL'],
  ]),
  ...pairs(['fd_ops'], T.prestatName, [['fd_prestat_dir_name too small: ENAMETOOLONG', 'fd_prestat_dir_name too small: ENOBUFS']]),
  ...pairs(['fd_ops'], T.seekDir, [['fd_seek on dir: EBADF', 'fd_seek on dir: ENOTCAPABLE']]),

  ...pairs(['path_escape'], T.escape, [
    ['open ../secret.txt: ENOENT', 'open ../secret.txt: ENOTCAPABLE'],
    ['open ../../../../etc/passwd: ENOENT', 'open ../../../../etc/passwd: ENOTCAPABLE'],
    ['open sub/../../secret.txt: ENOENT', 'open sub/../../secret.txt: ENOTCAPABLE'],
    ['stat ..: ok', 'stat ..: ENOTCAPABLE'],
    ['stat ../secret.txt: ENOENT', 'stat ../secret.txt: ENOTCAPABLE'],
    ['list ..: no host files', 'list ..: ENOTCAPABLE'],
    ['mkdir ../newdir: ok', 'mkdir ../newdir: ENOTCAPABLE'],
    ['rmdir ../newdir: ok', 'rmdir ../newdir: ENOTCAPABLE'],
    ['create ../created.txt: ok', 'create ../created.txt: ENOTCAPABLE'],
    ['rename inside.txt to ../stolen.txt: EXDEV', 'rename inside.txt to ../stolen.txt: ENOTCAPABLE'],
    ['link inside.txt to ../linked.txt: EXDEV', 'link inside.txt to ../linked.txt: ENOTCAPABLE'],
    ['relative ../../secret.txt: ENOENT', 'relative ../../secret.txt: ENOTCAPABLE'],
    ['path_open ../secret.txt from mount fd: ENOENT', 'path_open ../secret.txt from mount fd: ENOTCAPABLE'],
  ]),
  ...pairs(['path_escape'], T.absolute, [
    ['path_open absolute /etc/passwd from mount fd: ENOENT', 'path_open absolute /etc/passwd from mount fd: ENOTCAPABLE'],
  ]),
  ...pairs(['path_escape'], T.escapeLinks, [
    ['symlink to ../secret.txt: ok', 'symlink to ../secret.txt: ENOTCAPABLE'],
    ['symlink to /etc/passwd: ok', 'symlink to /etc/passwd: EPERM'],
    ['open hostesc: ENOENT', 'open hostesc: ENOTCAPABLE'],
    ['open hostabs: ENOENT', 'open hostabs: ENOTCAPABLE'],
    ['stat hostabs: ENOENT', 'stat hostabs: ENOTCAPABLE'],
  ]),

  ...pairs(['clocks_random'], T.threadRes, [['thread_cputime resolution in (0, 1 ms]: ok', 'thread_cputime resolution in (0, 1 ms]: FAIL']]),

  ...pairs(['poll_sleep'], T.abstime, [
    ['clock_nanosleep MONOTONIC absolute: ok', 'clock_nanosleep MONOTONIC absolute: skipped'],
    ['absolute sleep reached its deadline: ok', null],
    ['poll_oneoff absolute deadline in the past: ok', 'poll_oneoff absolute deadline in the past: skipped'],
    ['past deadline events: 1', null],
    ['past deadline returns at once: ok', null],
  ]),
  ...pairs(['poll_sleep'], T.pollFiles, [
    ['poll stdin: 1 POLLIN', 'poll stdin: -1 EPERM'],
    ['poll regular file: 1 POLLIN POLLOUT', 'poll regular file: -1 EPERM'],
    ['poll file+stdin: 2', 'poll file+stdin: -1 EPERM'],
    ['poll_oneoff clock+file: ok', 'poll_oneoff clock+file: EPERM'],
    ['poll_oneoff events: 1, first userdata 2 type fd_read error ok', 'poll_oneoff events: 0'],
  ]),
  ...pairs(['poll_sleep'], T.pollBadFd, [
    ['poll bad fd: 1 POLLNVAL', 'poll bad fd: 0'],
    ['poll_oneoff bad fd: ok, events 1, userdata 3 type fd_read error EBADF', 'poll_oneoff bad fd: ok, events 1, userdata 0 type clock error ok'],
  ]),

  { cases: ['errors_efault'], topic: T.efault, l4wasm: /: EFAULT$/, nodeWasi: ': EOVERFLOW' },
  ...pairs(['errors_efault'], T.efault, [['fd_write too many iovs: EINVAL', 'fd_write too many iovs: EOVERFLOW']]),

  { cases: ['sockets_enotsup'], topic: T.sockets, l4wasm: /^((sock_accept|sock_recv|sock_send) (file|dir|stdin)|libc (accept|recv|send) file): ENOTSOCK$/, nodeWasi: '$1: ENOTCAPABLE' },
  { cases: ['sockets_enotsup'], topic: T.sockets, l4wasm: /^(sock_shutdown (file|dir|stdin)|libc shutdown file): ENOTSOCK$/, nodeWasi: '$1: ENOTSUP' },
  ...pairs(['sockets_enotsup'], T.sockets, [
    ['sock_shutdown bad fd: EBADF', 'sock_shutdown bad fd: ENOTSUP'],
    ['libc shutdown bad fd: EBADF', 'libc shutdown bad fd: ENOTSUP'],
  ]),

  ...pairs(['romread'], T.rom, [['open for writing: Read-only file system', 'open for writing: allowed']]),
];

/**
 * The output node:wasi should print for a case: the expected output with the case's differences
 * applied. Also returns how many lines each difference replaced (each must replace some).
 */
export function nodeWasiExpected(caseName: string, stream: 'stdout' | 'stderr', expected: string, dir: string): { text: string; hits: Map<Difference, number> } {
  const hits = new Map<Difference, number>();
  const diffs = DIFFERENCES.filter((d) => d.cases.includes(caseName) && (d.stream ?? 'stdout') === stream);
  const out: string[] = [];
  for (const line of expected.split('\n')) {
    let replaced: string | null = line;
    for (const d of diffs) {
      if (typeof d.l4wasm === 'string') {
        if (line !== d.l4wasm.split('{dir}').join(dir)) continue;
        replaced = d.nodeWasi === null ? null : d.nodeWasi.split('{dir}').join(dir);
      } else {
        if (!d.l4wasm.test(line)) continue;
        replaced = line.replace(d.l4wasm, d.nodeWasi ?? '');
      }
      hits.set(d, (hits.get(d) ?? 0) + 1);
      break;
    }
    if (replaced !== null) out.push(replaced);
  }
  return { text: out.join('\n'), hits };
}
