// /proc (src/vfs/procfs.ts, src/guest/proc_source.ts): a program reads itself, its descriptors, a
// child and the machine there as a Linux program would. The fixture checks each answer against the
// calls that must agree with it (getpid, getppid, argv, ...), so its output is the same every run;
// the errors are those Linux gives (checked by building the fixture with gcc on Linux).
import { describe, expect, it } from 'vitest';
import { build, lines, run } from './run.js';

describe('/proc', () => {
  it('self, cmdline, comm, stat, status, cwd, fd links and reopening, maps, threads (task/), a zombie child, the machine files (stat too), no writes', async () => {
    const r = await run(await build('tests/posix/fixtures/procfs.c'), ['one', 'two words']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(lines(
      '/proc/self names the caller: ok',
      'cmdline: argv, each ended by a NUL: ok',
      "comm: the program's name, 15 bytes at most: ok",
      'stat: pid (comm) state ppid pgrp session: ok',
      'stat: 52 fields: ok',
      'status: Pid, PPid, State, Umask, Threads: ok',
      'chdir /tmp: ok',
      'cwd: the working directory: ok',
      'fd link of a file: its path: ok',
      'pipe: ok',
      'fd links of a pipe: pipe:[ino], the same for both ends: ok',
      '/proc/self/fd lists them as links: ok',
      'write to the pipe: ok',
      'the pipe through /proc/self/fd: ok',
      'write to the file: ok',
      'the file through /proc/self/fd, from its start: ok',
      "a closed descriptor's link: ENOENT",
      'waitid WNOWAIT: ok',
      'a child that ended: Z, its parent: ok',
      "the child's /proc/self was its own: ok",
      'waitpid: ok',
      "a reaped child's directory: ENOENT",
      '/proc/mounts: /tmp and /proc: ok',
      'cpuinfo: one processor per online CPU: ok',
      'meminfo: MemTotal: ok',
      'uptime: ok',
      "sys/kernel/hostname: uname's nodename: ok",
      'maps: every line well formed: ok',
      'maps: a shared file mapping, its inode and path: ok',
      'maps: an mprotected page of an anonymous mapping, a line of its own: ok',
      "task: two threads, the main one named by the pid, the other's status Tgid and Pid: ok",
      'stat: the cpu line, btime in the past: ok',
      '/proc lists the process and self: ok',
      'open status for writing: EACCES',
      'create a file in /proc: ENOENT',
      'a pid no process has: ENOENT',
      "a /proc file's size is 0: ok",
    ));
    expect(r.code).toBe(0);
  }, 120_000);
});
