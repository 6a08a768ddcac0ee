// Processes through tests/posix/fixtures/proc.c, installed as /bin/proc and spawning itself:
// posix_spawn/posix_spawnp with file actions and attributes, waitpid and the status macros,
// zombies, SIGCHLD, orphans, what a child inherits; and the machine's side (process table, limit).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Machine } from '../../src/index.js';
import { build, lines, run } from './run.js';

let proc: string;
beforeAll(async () => { proc = await build('tests/posix/fixtures/proc.c'); }, 120_000);

function runProc(sub: string) {
  return run(proc, [sub], { env: { PATH: '/bin' }, prepare: (m) => m.install('/bin/proc', readFileSync(proc)) });
}

describe('posix_spawn and waitpid', () => {
  it('exit status and signal death through the status macros; getppid; wait; ECHILD', async () => {
    const r = await runProc('basic');
    expect(r.stdout).toBe(lines(
      'exit 7: WIFEXITED 1 WEXITSTATUS 7 WIFSIGNALED 0', 'SIGTERM: WIFEXITED 0 WIFSIGNALED 1 WTERMSIG 15',
      'child ppid is parent: ok', 'wait reaps both: ok', 'wait without children: ECHILD'));
  });

  it('ENOENT, EACCES, ENOEXEC; spawnp searches PATH; waitpid ECHILD/EINVAL; WNOHANG', async () => {
    const r = await runProc('errors');
    expect(r.stdout).toBe(lines(
      'spawn missing program: ENOENT', 'spawn a directory: EACCES', 'spawn not a wasm module: ENOEXEC',
      'spawnp missing program: ENOENT', 'spawnp finds proc in PATH: ok, status 3', 'waitpid of a non-child: ECHILD',
      'waitpid bad options: EINVAL', 'WNOHANG while it runs: 0', 'then it ends: ok', 'WNOHANG without children: ECHILD'));
  });

  it('WUNTRACED reports a stopped child (Linux encoding), then its exit', async () => {
    const r = await runProc('stopped');
    expect(r.stdout).toBe(lines('WUNTRACED: ok WIFSTOPPED 1 WSTOPSIG 19', 'then: WIFEXITED 1 WEXITSTATUS 6'));
  });

  it('a child that ended is a zombie until reaped', async () => {
    const r = await runProc('zombie');
    expect(r.stdout).toBe(lines('kill(zombie, 0): ok', 'kill(reaped, 0): ESRCH'));
  });

  it('SIGCHLD reaches the parent; SIG_IGN for SIGCHLD leaves no zombie', async () => {
    const r = await runProc('sigchld');
    expect(r.stdout).toBe(lines('SIGCHLD handled: 1', 'SIG_IGN for SIGCHLD: no zombie: ECHILD'));
  });

  it('an orphan is re-parented to init (ppid 1)', async () => {
    const r = await runProc('orphan');
    expect(r.stdout).toBe(lines("orphan's ppid: 1"));
  });

  it('the child inherits envp, the working directory, descriptors without FD_CLOEXEC', async () => {
    const r = await runProc('inherit');
    // The parent's first descriptors are 3 and 4, as on Linux (the preopens sit at the top).
    expect(r.stdout).toBe(lines('FOO=bar', 'cwd=/tmp', 'fd 3: open', 'fd 4: closed'));
  });

  it('file actions: addopen, adddup2 into a pipe, addclose; a failing action fails the spawn', async () => {
    const r = await runProc('actions');
    expect(r.stdout).toBe(lines(
      'addopen: into the file', 'adddup2: through a pipe', 'fd 3: closed',
      'addopen of a missing file: ENOENT', 'adddup2 of a closed descriptor: EBADF'));
  });

  it('attributes: inherited mask and ignored signals, setsigmask, setsigdefault, setpgroup', async () => {
    const r = await runProc('attrs');
    expect(r.stdout).toBe(lines(
      'SIGUSR1 blocked: yes, SIGINT ignored: yes', 'SIGUSR1 blocked: yes, SIGINT ignored: no',
      'pgid is own pid: no', 'pgid is own pid: yes', 'setflags unknown flag: EINVAL'));
  });
});

describe('pipes between processes', () => {
  it('blocking writer woken by a reader elsewhere, EOF, SIGPIPE, poll and select, a blocked reader woken across processes', async () => {
    const r = await runProc('pipes');
    expect(r.stdout).toBe(lines(
      'read 200000 bytes, then EOF (0)', 'writer exited: 0', 'writer without reader: WIFSIGNALED 1 WTERMSIG 13',
      'non-blocking read before the write: EAGAIN', 'poll: 1 revents POLLIN 1', 'then read: late', 'select: 1 readable 1',
      'child copied 13 bytes: first', 'second'));
  });
});

describe('exec', () => {
  it('execl, execlp, execle: same pid, FD_CLOEXEC closed, ignored signals and mask kept, handlers reset; ENOENT/EACCES/ENOEXEC', async () => {
    const r = await runProc('exec');
    const one = (env: string) => [
      'execl of a missing program: ENOENT', 'execl of a directory: EACCES', 'execl of a text file: ENOEXEC',
      'execlp of a name not in PATH: ENOENT', 'after exec: same pid ok, kept fd open, FD_CLOEXEC fd closed',
      `SIGINT still ignored: yes, SIGUSR1 handler reset: yes, SIGUSR2 still blocked: yes, FOO=${env}`];
    expect(r.stdout).toBe(lines(
      ...one('(unset)'), 'execl: exit 5', ...one('(unset)'), 'execp: exit 5', ...one('from-execle'), 'exece: exit 5'));
  });
});

describe('fork', () => {
  it('copies memory, stack, globals, handlers; shares file offsets; a fork tree; vfork + exec', async () => {
    const r = await runProc('fork');
    const out = r.stdout.split('\n');
    expect(out.slice(0, 3).join('\n')).toBe([
      'child: fork returned 0, stack 43, heap Heap, ppid is parent ok, handler ran 1',
      'parent: fork returned the child ok, exit 3, stack 42, heap heap', 'shared offset: 6'].join('\n'));
    expect(out.filter((l) => l.startsWith('level ')).sort()).toEqual(
      ['level 0', 'level 1', 'level 2', 'level 2', 'level 3', 'level 3', 'level 3', 'level 3']);
    expect(out.at(-2)).toBe('vfork + exec: exit 9');
  });

  it('a fork bomb stops at the process limit (EAGAIN); the machine goes on', async () => {
    const m = await Machine.boot({ programs: { '/bin/proc': proc }, processLimit: 32 });
    try {
      const p = m.spawn(proc, { args: ['proc', 'bomb'] });
      expect((await p.exit).code).toBe(0);
      expect(p.stdout).toBe(lines('fork failed after 31: EAGAIN', 'reaped 31'));
      expect(m.table.liveCount).toBe(0);
      const again = m.spawn(proc, { args: ['proc', 'child-exit', '4'] });
      expect((await again.exit).code).toBe(4);
    } finally {
      await m.shutdown();
    }
  });
});

describe('process groups and sessions', () => {
  it('setpgid, getpgrp, getpgid, setsid, getsid with EPERM/ESRCH/EINVAL; kill(-pgid) and kill(0)', async () => {
    const r = await runProc('groups');
    expect(r.stdout).toBe(lines(
      'leader of its group and session: ok ok', 'setsid of a group leader: EPERM', 'setpgid bad pgid: EINVAL',
      'setpgid no such process: ESRCH', 'getpgid no such process: ESRCH', 'getsid no such process: ESRCH',
      'child inherits the group: ok', 'setsid: ok, getsid(0) ok, getpgrp ok', 'setpgid of a session leader: EPERM',
      'setpgid of a child in another session: EPERM', 'join a group of another session: EPERM',
      "setpgid of a child into its sibling's group: ok", 'getpgid of both: ok', 'kill(-pgid, SIGTERM): ok',
      'both ended by SIGTERM: ok', 'kill of an empty group: ESRCH', 'kill(0, SIGUSR1): ok',
      "child got SIGUSR1: ok, the caller's handler ran: 1"));
  });
});

describe('the machine as init', () => {
  it('installs programs given at boot and reaps every process; the table ends empty', async () => {
    const m = await Machine.boot({ programs: { '/bin/proc': proc }, env: { PATH: '/bin' } });
    try {
      const p = m.spawn(proc, { args: ['proc', 'orphan'] });
      expect((await p.exit).code).toBe(0);
      expect(p.stdout).toBe("orphan's ppid: 1\n");
      expect(m.table.liveCount).toBe(0);
      expect(m.table.map.size).toBe(0);
    } finally {
      await m.shutdown();
    }
  });

  it('a process limit refuses spawns with EAGAIN and the machine goes on', async () => {
    const m = await Machine.boot({ programs: { '/bin/proc': proc }, processLimit: 10 });
    try {
      const p = m.spawn(proc, { args: ['proc', 'limit'] });
      expect((await p.exit).code).toBe(0);
      expect(p.stdout).toBe(lines('spawned 9, then EAGAIN', 'reaped 9 killed', 'spawn after reaping: ok'));
      const again = m.spawn(proc, { args: ['proc', 'child-exit', '4'] });
      expect((await again.exit).code).toBe(4);
    } finally {
      await m.shutdown();
    }
  });

  it('shutdown ends every process, children and orphans included', async () => {
    const m = await Machine.boot({ programs: { '/bin/proc': proc } });
    const p = m.spawn(proc, { args: ['proc', 'tree'] });
    for (let i = 0; i < 200 && m.table.liveCount < 4; i++) await new Promise((r) => setTimeout(r, 10));
    expect(m.table.liveCount).toBe(4);
    const children = [...m.table.map.values()];
    await m.shutdown();
    expect((await p.exit).signal).toBe(9);
    expect(m.table.liveCount).toBe(0);
    expect(m.table.map.size).toBe(0);
    for (const c of children) expect(c.ended).toBe(true);
  });
});
