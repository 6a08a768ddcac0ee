// Traps as signals: each kind of wasm trap is reflected by the kernel to the process's exception
// handler thread E, which lets the program's handler run (on a fresh stack: the trap unwound the
// program's) or ends the process with the signal. A division is checked before it would trap
// (instrument.ts): SIGFPE's handler runs inside the check, the program's frames alive, so it may
// siglongjmp back as on Linux. examples/faults.c, every kind with every handler.
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, compileExample, run } from './helpers.js';

let wasm = '';

beforeAll(async () => {
  wasm = await compileExample('faults');
});

/** kind, signal, its name as strsignal gives it, what the SA_SIGINFO handler reports, the trap message. */
const FAULTS: [string, number, string, string, RegExp][] = [
  ['div', 8, 'Floating point exception', '(FPE_INTDIV)', /divide by zero/],
  // x86 Linux reports INT_MIN / -1 as FPE_INTDIV too (one divide error for both).
  ['overflow', 8, 'Floating point exception', '(FPE_INTDIV)', /unrepresentable|overflow/],
  ['oob', 11, 'Segmentation fault', '(SEGV_MAPERR), si_addr 0', /out of bounds/],
  ['null', 11, 'Segmentation fault', '(SEGV_MAPERR), si_addr 0', /null function|signature/],
  ['unreachable', 4, 'Illegal instruction', '(ILL_ILLOPC)', /unreachable/],
  ['stack', 11, 'Segmentation fault', '(SEGV_MAPERR), si_addr 0', /call stack exhausted/],
  // The C stack (8 MiB) or, first, the host's native stack ends it: SIGSEGV either way.
  ['cstack', 11, 'Segmentation fault', '(SEGV_MAPERR), si_addr 0', /out of bounds|call stack exhausted/],
];

describe('a trap', () => {
  it.each(FAULTS)('%s: the handler runs and _exit()s with the signal number (%i)', async (kind, sig, name, code) => {
    const r = await run(wasm, ['faults', kind, 'exit']);
    expect(r.stdout).toBe(`${kind}, handler: exit\ncaught ${name} ${code}\n`);
    expect(r.status).toEqual({ code: sig });
  });

  it.each(FAULTS)('%s: the handler runs on the alternate stack (SA_ONSTACK)', async (kind, sig) => {
    const r = await run(wasm, ['faults', kind, 'altstack']);
    expect(r.stdout).toMatch(/, on the alternate stack\n$/);
    expect(r.status).toEqual({ code: sig });
  });

  it.each(FAULTS)('%s: a handler that returns ends the process with the signal (it would fault again)', async (kind, sig, name, _code, message) => {
    const r = await run(wasm, ['faults', kind, 'return']);
    expect(r.stdout).toBe(`${kind}, handler: return\nhandler for ${name} returns\n`);
    expect(r.status.code).toBe(128 + sig);
    expect(r.status.signal).toBe(sig);
    expect(r.status.trap?.message).toMatch(message);
  });

  const TRAPPED = FAULTS.filter(([kind]) => kind !== 'div' && kind !== 'overflow');

  it.each(FAULTS.filter(([kind]) => kind === 'div' || kind === 'overflow'))('%s: a handler that longjmps gets back to main (the division was checked before it trapped)', async (kind) => {
    const r = await run(wasm, ['faults', kind, 'longjmp']);
    expect(r.stdout).toBe(`${kind}, handler: longjmp\nhandler longjmps\nback in main from Floating point exception\n`);
    expect(r.status).toEqual({ code: 0 });
  });

  it.each(TRAPPED)('%s: a handler that longjmps cannot get back (the trap unwound the frames): the signal ends it', async (kind, sig) => {
    const r = await run(wasm, ['faults', kind, 'longjmp']);
    expect(r.stdout).toBe(`${kind}, handler: longjmp\nhandler longjmps\n`);
    expect(r.status.code).toBe(128 + sig);
    expect(r.status.trap?.message).toMatch(/longjmp'd, but the trap had already unwound the target frame/);
  });

  it.each(FAULTS)('%s: without a handler, the default action: 128 + signal, with the trap', async (kind, sig, _name, _code, message) => {
    const r = await run(wasm, ['faults', kind, 'default']);
    expect(r.status.code).toBe(128 + sig);
    expect(r.status.signal).toBe(sig);
    expect(r.status.trap?.message).toMatch(message);
  });
});

describe('abort and asynchronous signals', () => {
  it('abort: the SIGABRT handler runs (SI_TKILL) and can _exit', async () => {
    const r = await run(wasm, ['faults', 'abort', 'exit']);
    expect(r.stdout).toBe('abort, handler: exit\ncaught Aborted (SI_TKILL)\n');
    expect(r.status).toEqual({ code: 6 });
  });

  it('abort: when the handler returns, the process still dies of SIGABRT; without one too', async () => {
    const r = await run(wasm, ['faults', 'abort', 'return']);
    expect(r.stdout).toBe('abort, handler: return\nhandler for Aborted returns\n');
    expect(r.status).toEqual({ code: 134, signal: 6 });
    expect((await run(wasm, ['faults', 'abort', 'default'])).status).toEqual({ code: 134, signal: 6 });
  });

  it('longjmp out of the handler of a signal delivered in a call (abort, raise) works', async () => {
    for (const kind of ['abort', 'usr1']) {
      const r = await run(wasm, ['faults', kind, 'longjmp']);
      expect(r.stdout).toMatch(/handler longjmps\nback in main from (Aborted|User defined signal 1)\n$/);
      expect(r.status).toEqual({ code: 0 });
    }
  });

  it('a handler that returns from an asynchronous signal returns into the program', async () => {
    const r = await run(wasm, ['faults', 'usr1', 'return']);
    expect(r.stdout).toBe('usr1, handler: return\nhandler for User defined signal 1 returns\nusr1 returned 0\n');
    expect(r.status).toEqual({ code: 0 });
  });
});

describe('the command line', () => {
  it('exits with 128 + signal for a trap and names it on stderr; with the handler\'s code when it _exits', () => {
    const r = cli([wasm, 'div', 'default']);
    expect(r.status).toBe(136);
    expect(r.stderr).toContain('trap: divide by zero in divide');
    expect(cli([wasm, 'oob', 'exit']).status).toBe(11);
  });
});
