// Job-control stops (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU) really stop a process until SIGCONT, as
// on Linux: fixtures/job_control.c's whole output is compared with the same C built by gcc and run
// on Linux (expected/job_control.out; regenerate with `gcc tests/signals/fixtures/job_control.c &&
// ./a.out`), and the machine's API and the guest shell stop and continue running programs,
// multiplexed (sleeping or computing) and decoupled.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Machine, type GuestProcess } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { ROOT, outputContains, run, tick } from './helpers.js';

let fixture = '';
let counter = '';

beforeAll(async () => {
  fixture = await compileCached(join(import.meta.dirname, 'fixtures', 'job_control.c'));
  counter = await compileCached(join(import.meta.dirname, 'fixtures', 'counter.c'));
}, 120_000);

/** The numbers a counter printed so far. */
function count(p: GuestProcess): number {
  return p.stdout.split('\n').filter((l) => l !== '').length;
}

/** Stops `p` (SIGSTOP from outside): no output for 200 ms; SIGCONT: it counts on from where it was. */
async function stopsAndContinues(p: GuestProcess): Promise<void> {
  await outputContains(p, '\n3\n');
  p.kill(19);
  expect(p.process?.stopped).toBe(true);
  await tick(30); // what the program wrote before the stop took effect reaches stdout
  const at = count(p);
  await tick(200);
  expect(count(p)).toBe(at);
  p.kill(18);
  expect(p.process?.stopped).toBe(false);
  await outputContains(p, `\n${at + 3}\n`);
  // Nothing was lost or skipped across the stop.
  const nums = p.stdout.split('\n').filter((l) => l !== '').map(Number);
  expect(nums.slice(0, at + 3)).toEqual(Array.from({ length: at + 3 }, (_, i) => i + 1));
  p.kill(9);
  expect(await p.exit).toEqual({ code: 137, signal: 9 });
}

describe('job control', () => {
  it('as on Linux: stop and continue, WUNTRACED/WCONTINUED, SIGCHLD codes, pending signals, raise(SIGTSTP), handlers, orphaned groups, discards, nanosleep across a stop', async () => {
    const r = await run(fixture, ['job_control']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(join(import.meta.dirname, 'expected', 'job_control.out'), 'utf8'));
    expect(r.status).toEqual({ code: 0 });
  }, 60_000);

  it('a multiplexed program that sleeps between its lines stops and continues', async () => {
    const m = await Machine.boot();
    try {
      await stopsAndContinues(m.spawn(counter, { args: ['counter'] }));
    } finally { await m.shutdown(); }
  }, 30_000);

  it('a multiplexed program that only computes stops at its next safepoint', async () => {
    const m = await Machine.boot();
    try {
      await stopsAndContinues(m.spawn(counter, { args: ['counter', 'busy'] }));
    } finally { await m.shutdown(); }
  }, 30_000);

  it('a decoupled program stops at its next forwarded call', async () => {
    const m = await Machine.boot();
    try {
      const p = m.spawn(counter, { args: ['counter'], decouple: true });
      await stopsAndContinues(p);
    } finally { await m.shutdown(); }
  }, 30_000);

  it('a decoupled program that only computes stops at its next call, even one its own core answers (its console writes)', async () => {
    const m = await Machine.boot();
    try {
      await stopsAndContinues(m.spawn(counter, { args: ['counter', 'busy'], decouple: true }));
    } finally { await m.shutdown(); }
  }, 30_000);

  it('a decoupled program that only reads the clock (answered on its own core) stops at its next read', async () => {
    const m = await Machine.boot();
    try {
      const p = m.spawn(counter, { args: ['counter', 'clock'], decouple: true });
      await outputContains(p, 'ready\n');
      p.kill(19);
      await tick(250);
      p.kill(18);
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe('ready\na clock read waited out the stop: 1\n');
    } finally { await m.shutdown(); }
  }, 30_000);

  it.each([false, true])('raise(SIGSTOP) stops the program inside raise (decoupled: %s); it returns 0 after SIGCONT', async (decouple) => {
    const m = await Machine.boot();
    try {
      const p = m.spawn(counter, { args: ['counter', 'stop'], decouple });
      await outputContains(p, 'raise(SIGSTOP)\n');
      await tick(200);
      expect(p.stdout).toBe('raise(SIGSTOP)\n');
      expect(p.process?.stopped).toBe(true);
      p.kill(18);
      expect(await p.exit).toEqual({ code: 0 });
      // The program's clock says raise returned only after the stop (a worker that ran on would say 0).
      expect(p.stdout).toBe('raise(SIGSTOP)\nraise = 0, returned after the stop: 1\n');
    } finally { await m.shutdown(); }
  }, 30_000);

  it('SIGTSTP from outside to a process the machine started (an orphaned group) is discarded; SIGSTOP stops it, SIGTERM waits for SIGCONT', async () => {
    const m = await Machine.boot();
    try {
      const p = m.spawn(counter, { args: ['counter'] });
      await outputContains(p, '\n3\n');
      p.kill(20);
      expect(p.process?.stopped).toBe(false);
      p.kill(19);
      expect(p.process?.stopped).toBe(true);
      p.kill(15);
      await tick(100);
      expect(p.process?.ended).toBe(false);
      p.kill(18);
      expect(await p.exit).toEqual({ code: 143, signal: 15 });
    } finally { await m.shutdown(); }
  }, 30_000);

  it('the guest shell: kill -STOP and kill -CONT of another process; kill -STOP $$ stops the shell itself inside kill', async () => {
    const shell = join(ROOT, 'build', 'sh.wasm');
    const m = await Machine.boot({ programs: { '/bin/sh': shell } });
    try {
      const c = m.spawn(counter, { args: ['counter'] });
      await outputContains(c, '\n3\n');
      const stop = m.spawn(shell, { args: ['sh', '-c', `kill -STOP ${c.pid} && echo stopped`] });
      expect(await stop.exit).toEqual({ code: 0 });
      expect(stop.stdout).toBe('stopped\n');
      expect(c.process?.stopped).toBe(true);
      await tick(30);
      const at = count(c);
      await tick(200);
      expect(count(c)).toBe(at);
      const cont = m.spawn(shell, { args: ['sh', '-c', `kill -s CONT ${c.pid} && echo continued`] });
      expect(await cont.exit).toEqual({ code: 0 });
      expect(cont.stdout).toBe('continued\n');
      await outputContains(c, `\n${at + 3}\n`);
      c.kill(9);
      await c.exit;

      const self = m.spawn(shell, { args: ['sh', '-c', 'echo before; kill -TSTP $$; echo not stopped by TSTP; kill -STOP $$; echo after $?'] });
      await outputContains(self, 'not stopped by TSTP\n');
      await tick(200);
      expect(self.stdout).toBe('before\nnot stopped by TSTP\n');
      expect(self.process?.stopped).toBe(true);
      self.kill(18);
      expect(await self.exit).toEqual({ code: 0 });
      expect(self.stdout).toBe('before\nnot stopped by TSTP\nafter 0\n');
    } finally { await m.shutdown(); }
  }, 120_000);

  it('l4wasm run passes a SIGCONT it gets on: a program that stopped itself continues', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'l4wasm.js'), 'run', counter, 'stop'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    const ended = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    for (let i = 0; i < 3000 && !out.includes('raise(SIGSTOP)'); i++) await tick(10);
    await tick(200);
    child.kill('SIGCONT');
    expect(await ended).toBe(0);
    expect(out).toBe('raise(SIGSTOP)\nraise = 0, returned after the stop: 1\n');
  }, 60_000);
});
