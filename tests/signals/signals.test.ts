// POSIX signals, function by function (examples/signals.c prints a section per function; each test
// checks one), plus pause, kill between processes and from the API, default actions and the exit
// statuses of signal deaths (API and command line).
import { beforeAll, describe, expect, it } from 'vitest';
import { Machine } from '../../src/index.js';
import { cli, compileExample, outputContains, run, section, tick, type Run } from './helpers.js';

let wasm = '';
let all: Run;

beforeAll(async () => {
  wasm = await compileExample('signals');
  all = await run(wasm, ['signals']);
});

describe('signals.c, every function', () => {
  it('runs to its end', () => {
    expect(all.status).toEqual({ code: 0 });
    expect(section(all.stdout, 'end')).toEqual([]);
  });

  it('sigemptyset, sigfillset, sigaddset, sigdelset, sigismember (EINVAL outside 1..64)', () => {
    expect(section(all.stdout, 'sigset')).toEqual([
      'empty: USR1 0',
      'added: USR1 1, 64 1, USR2 0',
      'deleted: USR1 0',
      'full: 1 1, KILL 1, 64 1',
      'sigaddset(0): -1 Invalid argument',
      'sigdelset(65): -1 Invalid argument',
      'sigismember(-1): -1 Invalid argument',
    ]);
  });

  it('signal: returns the previous handler; SIG_ERR/EINVAL for SIGKILL and 0; SIG_IGN', () => {
    expect(section(all.stdout, 'signal')).toEqual([
      'previous handler is SIG_DFL: 1',
      'previous handler is counter: 1',
      'signal(SIGKILL): SIG_ERR 1, Invalid argument',
      'signal(0): SIG_ERR 1, Invalid argument',
      'signal(SIGTERM, SIG_IGN), then raise: 1',
    ]);
  });

  it('raise: the handler runs before raise returns; EINVAL for a bad number; default ignore', () => {
    expect(section(all.stdout, 'raise')).toEqual([
      'raise(SIGUSR1) = 0, handler ran before it returned: 1',
      'raise(65): -1 Invalid argument',
      'raise(SIGCHLD) with the default action (ignore): 0',
    ]);
  });

  it('kill: to itself with siginfo (SI_USER, pid), process group 0, ESRCH, EINVAL', () => {
    expect(section(all.stdout, 'kill')).toEqual([
      'kill(getpid(), SIGUSR2): ok',
      'siginfo: signo 12, code SI_USER 1, pid is mine 1',
      'raised: code SI_TKILL 1',
      'kill(0, SIGUSR2) reaches my process group: ok, signo 12',
      'kill(getpid(), 0): ok',
      'kill(4242, 0): No such process',
      'kill(4242, SIGTERM): No such process',
      'kill(getpid(), 65): Invalid argument',
      'kill(getpid(), -1): Invalid argument',
    ]);
  });

  it('sigaction: old action, sa_mask, SA_NODEFER, SA_RESETHAND, SA_SIGINFO; SIGKILL/SIGSTOP cannot be caught', () => {
    expect(section(all.stdout, 'sigaction')).toEqual([
      'install: ok',
      'old action: SIG_DFL 1',
      'read back: handler 1, SA_RESTART 1, mask has HUP 1',
      'sa_mask defers SIGHUP: 12 1',
      'no SA_NODEFER: 10 10 (depth 1)',
      'SA_NODEFER: 10 nested:10 (depth 2)',
      'SA_RESETHAND: 28, then SIG_DFL 1',
      'SA_SIGINFO: signo 14',
      'sigaction(SIGKILL): Invalid argument',
      'sigaction(SIGSTOP): Invalid argument',
      'sigaction(SIGKILL) read only: ok',
      'sigaction(0): Invalid argument',
      'sigaction(65): Invalid argument',
    ]);
  });

  it('sigprocmask: block, unblock delivers at once, SIGKILL/SIGSTOP stay unblocked, EINVAL for a bad how', () => {
    expect(section(all.stdout, 'sigprocmask')).toEqual([
      'block USR1: ok, blocked 1',
      'old mask had USR1: 0',
      'raised while blocked: handler ran 0 times',
      'after SIG_UNBLOCK: handler ran 1 times, blocked 0',
      'SIG_SETMASK {USR1, KILL, STOP}: USR1 1, KILL 0, STOP 0',
      'bad how: Invalid argument',
      'bad how without a set: ok',
      'pthread_sigmask(bad how) returns EINVAL: 1',
    ]);
  });

  it('sigpending: blocked signals wait (once: no queueing); SIG_IGN discards a pending one', () => {
    expect(section(all.stdout, 'sigpending')).toEqual([
      'pending: USR2 1, TERM 1, USR1 0',
      'after SIG_IGN: TERM 0',
      'unblocked: USR2 delivered 1 time(s), pending now 0',
    ]);
  });

  it('sigsuspend: waits with its mask, returns -1/EINTR after the handler, restores the mask', () => {
    expect(section(all.stdout, 'sigsuspend')).toEqual([
      'pending while blocked, handled 0',
      'sigsuspend = -1 (Interrupted system call), handled 1, USR1 blocked again 1',
    ]);
  });

  it('SIGTSTP to an orphaned process group is discarded, SIGCONT runs its handler', () => {
    expect(section(all.stdout, 'stop')).toEqual([
      'kill(self, SIGTSTP): ok (discarded: the process group is orphaned)',
      'kill(self, SIGCONT): ok, handler ran 1',
    ]);
  });

  it('strsignal (glibc\'s texts) and psignal (to stderr)', () => {
    expect(section(all.stdout, 'strsignal')).toEqual([
      'Interrupt / Segmentation fault / User defined signal 1 / Alarm clock',
      // strsignal(40) and strsignal(100) in one printf: both texts are made in glibc's one buffer,
      // so the argument evaluated last (the right one, in clang's order) is printed twice.
      'Unknown signal 100 / Unknown signal 100',
      'psignal wrote to stderr',
    ]);
    expect(all.stderr).toBe('psignal: Terminated\nQuit\n');
  });

  it('siglongjmp out of a handler restores the mask sigsetjmp saved', () => {
    expect(section(all.stdout, 'siglongjmp')).toEqual([
      'jumped out of the handler with 10; mask restored: USR1 blocked 0',
    ]);
  });
});

describe('pause and kill from outside', () => {
  it('pause returns -1/EINTR after a handler ran; a signal from the API reaches it', async () => {
    const r = await run(wasm, ['signals', 'wait'], {}, async (p) => {
      await outputContains(p, 'waiting as');
      p.kill(10);
      await outputContains(p, 'pause = -1');
      p.kill(15);
    });
    expect(r.stdout).toBe([
      'waiting as 1', 'handled User defined signal 1', 'pause = -1 (Interrupted system call)',
      'handled Terminated', '',
    ].join('\n'));
    expect(r.status).toEqual({ code: 3 });
  });

  it('kill reaches another process on the machine by pid', async () => {
    const m = await Machine.boot();
    try {
      const waiter = m.spawn(wasm, { args: ['signals', 'wait'] });
      await outputContains(waiter, 'waiting as');
      const sender = m.spawn(wasm, { args: ['signals', 'send', String(waiter.pid)] });
      expect(await sender.exit).toEqual({ code: 0 });
      expect(sender.stdout).toBe(`kill(${waiter.pid}, SIGUSR1): ok\nkill(${waiter.pid}, SIGTERM): ok\n`);
      expect(await waiter.exit).toEqual({ code: 3 });
      // Both signals are pending by the time the waiter runs: as on Linux, both are taken before a
      // handler runs and SIGTERM's (which exits) runs first, on top; SIGUSR1's may not run at all
      // (Linux runs it too when the waiter wakes between the two kills).
      expect(waiter.stdout).toContain('handled Terminated\n');
    } finally {
      await m.shutdown();
    }
  });

  it('SIGKILL from the API ends a waiting program at once', async () => {
    const r = await run(wasm, ['signals', 'wait'], {}, async (p) => {
      await outputContains(p, 'waiting as');
      p.kill();
    });
    expect(r.status).toEqual({ code: 137, signal: 9 });
  });

  it('a signal without a handler ends a program blocked in read (default action)', async () => {
    const r = await run(wasm, ['signals', 'wait'], {}, async (p) => {
      await outputContains(p, 'waiting as');
      p.kill(2); /* SIGINT: no handler installed for it */
    });
    expect(r.status).toEqual({ code: 130, signal: 2 });
  });
});

describe('default actions and exit statuses', () => {
  it.each([
    ['TERM', 15], ['INT', 2], ['HUP', 1], ['ALRM', 14], ['USR1', 10], ['KILL', 9],
  ])('SIG%s terminates: 128 + signal', async (name, sig) => {
    const r = await run(wasm, ['signals', 'die', name]);
    expect(r.status).toEqual({ code: 128 + sig, signal: sig });
    expect(r.stdout).not.toContain('survived');
  });

  it.each([['QUIT', 3], ['ABRT', 6], ['SEGV', 11]])('SIG%s terminates with "core": 128 + signal', async (name, sig) => {
    const r = await run(wasm, ['signals', 'die', name]);
    expect(r.status).toEqual({ code: 128 + sig, signal: sig });
  });

  it('SIGCHLD is ignored; SIGTSTP to an orphaned group is discarded; SIGSTOP stops until SIGCONT', async () => {
    const m = await Machine.boot();
    try {
      const chld = m.spawn(wasm, { args: ['signals', 'die', 'CHLD'] });
      expect(await chld.exit).toEqual({ code: 0 });
      expect(chld.stdout).toContain('survived Child exited');
      // Started by the machine, a program is alone in an orphaned process group (Linux discards SIGTSTP).
      const tstp = m.spawn(wasm, { args: ['signals', 'die', 'TSTP'] });
      expect(await tstp.exit).toEqual({ code: 0 });
      expect(tstp.stdout).toMatch(/survived Stopped/);
      const stop = m.spawn(wasm, { args: ['signals', 'die', 'STOP'] });
      await outputContains(stop, 'raise(');
      await tick(100);
      expect(stop.stdout).not.toMatch(/survived/);
      expect(stop.process?.stopped).toBe(true);
      stop.kill(18);
      expect(await stop.exit).toEqual({ code: 0 });
      expect(stop.stdout).toMatch(/survived Stopped/);
      // A process stopped by a signal from outside, then continued.
      const w = m.spawn(wasm, { args: ['signals', 'wait'] });
      await outputContains(w, 'waiting as');
      w.kill(19);
      expect(w.process?.stopped).toBe(true);
      w.kill(18);
      expect(w.process?.stopped).toBe(false);
      w.kill(9);
      expect(await w.exit).toEqual({ code: 137, signal: 9 });
    } finally {
      await m.shutdown();
    }
  });

  it('the command line exits with 128 + signal', () => {
    expect(cli([wasm, 'die', 'TERM']).status).toBe(143);
    expect(cli([wasm, 'die', 'QUIT']).status).toBe(131);
    const ok = cli([wasm, 'die', 'CHLD']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('raise(Child exited)\nsurvived Child exited\n');
  });
});
