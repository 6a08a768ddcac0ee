// alarm and setitimer(ITIMER_REAL): the timer is an IPC timeout of the process's exception/timer
// handler thread E. SIGALRM interrupts waits (EINTR unless SA_RESTART) and reaches a program that
// only computes at its next calls into the host; a signal interrupts a read blocked on the console.
import { beforeAll, describe, expect, it } from 'vitest';
import { compileExample, outputContains, run, section, tick, type Run } from './helpers.js';

let wasm = '';
let all: Run;

beforeAll(async () => {
  wasm = await compileExample('alarm', ['-O2']);
  all = await run(wasm, ['alarm']);
});

describe('alarm.c', () => {
  it('runs to its end', () => {
    expect(all.status).toEqual({ code: 0 });
    expect(all.stderr).toBe('');
  });

  it('alarm: returns the seconds left (rounded up); pause returns -1/EINTR when SIGALRM comes, after a second', () => {
    expect(section(all.stdout, 'alarm')).toEqual([
      'alarm(5) = 0',
      'alarm(0) = 5 (seconds that were left, rounded up)',
      'alarm(1), pause() = -1 (Interrupted system call), alarms 1, after about a second: yes',
    ]);
  });

  it('setitimer/getitimer: one-shot, remaining time, disarm, periodic; EINVAL and EFAULT', () => {
    expect(section(all.stdout, 'setitimer')).toEqual([
      'set 300 ms: ok',
      'old was disarmed: 1',
      'getitimer: left in (200 ms, 300 ms]: 1, interval 0',
      'disarm: old value left > 0: 1, alarms 0',
      'periodic: interval 50000 us',
      'periodic: 3 alarms, then disarmed',
      'tv_usec 1000000: Invalid argument',
      'ITIMER_VIRTUAL: ok',
      'ITIMER_VIRTUAL interval 50000 us, running 1',
      'ITIMER_VIRTUAL disarmed: ok',
      'getitimer(ITIMER_PROF): ok, running 0',
      'setitimer(NULL): Bad address',
    ]);
  });

  it('SIGALRM reaches a program that only computes, within one period, at its getpid or clock_gettime calls', () => {
    for (const call of ['getpid', 'clock']) {
      expect(section(all.stdout, `compute (${call})`)).toEqual([
        '5 alarms while computing, each within one period of its expiry: yes',
      ]);
    }
  });

  it('SIGALRM interrupts nanosleep (EINTR, the time left) and sleep (even with SA_RESTART)', () => {
    expect(section(all.stdout, 'sleeping')).toEqual([
      'nanosleep(2 s) = -1 (Interrupted system call), alarms 1, 1.5 s to 2 s left: yes',
      // Cut short after 50 ms: 1.95 s left, and glibc's sleep truncates (gcc on Linux prints 1).
      'sleep(2) = 1 (whole seconds left)',
      'alarms 2',
    ]);
  });

  it('SIGALRM without a handler ends the program: 128 + 14', async () => {
    const r = await run(wasm, ['alarm', 'default']);
    expect(r.status).toEqual({ code: 142, signal: 14 });
  });
});

describe('a read blocked on the console', () => {
  it('is interrupted by SIGALRM with EINTR', async () => {
    const r = await run(wasm, ['alarm', 'read'], { stdin: 'pipe' });
    expect(r.stdout).toBe('== read (no SA_RESTART)\nread = -1 (Interrupted system call), signals 1\n');
    expect(r.status).toEqual({ code: 0 });
  });

  it('is restarted after the handler under SA_RESTART, and returns the input', async () => {
    const r = await run(wasm, ['alarm', 'read-restart'], { stdin: 'pipe' }, async (p) => {
      await outputContains(p, '== read');
      await tick(300); // the timer (100 ms) has fired; the read waits again
      p.write('input\n');
      p.end();
    });
    expect(r.stdout).toBe('== read (SA_RESTART)\nread = 6 "input", signals 1\n');
  });

  it('is interrupted with EINTR by a signal sent while it waits', async () => {
    const r = await run(wasm, ['alarm', 'read-usr1'], { stdin: 'pipe' }, async (p) => {
      await outputContains(p, '== read');
      await tick(50);
      expect(p.stdout).toBe('== read (no SA_RESTART)\n'); // still waiting
      p.kill(10);
    });
    expect(r.stdout).toBe('== read (no SA_RESTART)\nread = -1 (Interrupted system call), signals 1\n');
  });

  it('goes on after a signal under SA_RESTART', async () => {
    const r = await run(wasm, ['alarm', 'read-usr1', 'restart'], { stdin: 'pipe' }, async (p) => {
      await outputContains(p, '== read');
      await tick(50);
      p.kill(10);
      await tick(50);
      expect(p.stdout).toBe('== read (SA_RESTART)\n');
      p.write('after\n');
    });
    expect(r.stdout).toBe('== read (SA_RESTART)\nread = 6 "after", signals 1\n');
  });
});
