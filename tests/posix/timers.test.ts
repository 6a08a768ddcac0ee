// POSIX per-process timers (timer_create and friends): tests/posix/fixtures/posix_timers.c's whole
// output compared with the same program built by gcc and run on Linux (tests/posix/expected), and
// what glibc cannot show (exec deletes the timers, EFAULT) through timers_exec.c.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { build, lines, linuxOutput, run } from './run.js';

describe('POSIX timers', () => {
  it('signals with SI_TIMER and si_value, periodic, TIMER_ABSTIME, overruns, SIGEV_NONE, several timers, CPU time, fork, errors: as on Linux', async () => {
    const r = await run(await build('tests/posix/fixtures/posix_timers.c'), []);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(linuxOutput('posix_timers'));
    expect(r.code).toBe(0);
  }, 240_000);

  it('exec deletes POSIX timers (and the SIGEV_THREAD notifier thread) and keeps ITIMER_REAL; EFAULT for bad pointers', async () => {
    const wasm = await build('tests/posix/fixtures/timers_exec.c');
    const r = await run(wasm, [], { prepare: (m) => m.install('/bin/timers_exec', readFileSync(wasm)) });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(lines(
      'timer_create(SIGEV_THREAD): 0',
      'timer_create(bad sigevent): -1 (Bad address)',
      'timer_create(bad timer_t pointer): -1 (Bad address)',
      'timer_create(SIGEV_THREAD_ID, its own thread): 0',
      'timer_create(SIGEV_THREAD_ID, another thread): -1 (Invalid argument)',
      'timer_create(CLOCK_THREAD_CPUTIME_ID): 0',
      'timer_create: 0',
      'timer_settime(bad old pointer): -1 (Bad address)',
      'after exec: timer_gettime of the old timer: -1 (Invalid argument)',
      'after exec: ITIMER_REAL still armed: 1',
      'after exec: a new timer works: 1',
    ));
    expect(r.code).toBe(0);
  }, 240_000);
});
