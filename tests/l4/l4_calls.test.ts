// The L4 API from C (<l4/sys/ipc.h>, <l4/sys/irq.h>, <l4/re/env.h>, <l4/re/dataspace.h>,
// <l4/re/rm.h>): each call and its error cases, run by a guest process against a machine whose
// L4 namespace holds a TypeScript echo server, an unbound channel, an IRQ and a shared dataspace.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { msgTag } from '../../src/kernel/kernel.js';
import type { Message } from '../../src/l4re/registry.js';

let program: string;
beforeAll(async () => {
  program = await compileCached(join(import.meta.dirname, 'fixtures', 'l4_calls.c'));
}, 240_000);

/** Replies with the request's label and each word + 1; a negative label is refused with itself. */
const echo = {
  dispatch(msg: Message): number {
    if (msg.op < 0) return msgTag(msg.op);
    const n = msg.words;
    for (let i = 0; i < n; i++) msg.mrs[i] = msg.mrs[i]! + 1;
    return msgTag(msg.op, n);
  },
};

async function machine(): Promise<Machine> {
  const m = await Machine.boot();
  m.l4.serve('echo', echo);
  m.l4.channel('unbound');
  m.l4.irq('ev');
  return m;
}

function lines(out: string): Record<string, string> {
  const r: Record<string, string> = {};
  for (const l of out.split('\n')) {
    const i = l.indexOf(': ');
    if (i > 0) r[l.slice(0, i)] = l.slice(i + 2);
  }
  return r;
}

async function run(m: Machine, what: string): Promise<Record<string, string>> {
  const p = m.spawn(program, { args: ['l4_calls', what] });
  const status = await p.exit;
  expect(p.stderr).toBe('');
  expect(status).toEqual({ code: 0 });
  return lines(p.stdout);
}

describe('L4 from C', () => {
  it('capabilities by name: the namespace\'s names, the same slot twice, none for unknown names', async () => {
    const m = await machine();
    try {
      expect(await run(m, 'caps')).toEqual({
        'echo valid': '1', 'echo same': '1', 'nope valid': '0', 'main_thread valid': '1', 'log valid': '0',
      });
    } finally { await m.shutdown(); }
  });

  it('IPC: call with message registers, 64 words, timeouts, sleep, and each error code', async () => {
    const m = await machine();
    try {
      expect(await run(m, 'ipc')).toEqual({
        'call error': '0',
        'call reply': 'label 7 words 3: 11 21 31',
        'call 64 words': 'error 0 words 64 last 64',
        'call 65 words': '8', // L4_IPC_SEMSGCUT
        'call refused': 'ipc error 0 l4_error -3',
        'call invalid cap': '4 l4_error -2004', // L4_IPC_ENOT_EXISTENT, -(L4_EIPC_LO + 4)
        'call unbound channel': '4',
        'call an irq': '4',
        'bind client channel': '-1', // -L4_EPERM
        'receive unbound gate': '4',
        'wait 20 ms': '3, waited enough: 1', // L4_IPC_RETIMEOUT
        'sleep': '3',
        'reply to nobody': '4',
      });
    } finally { await m.shutdown(); }
  });

  it('IRQs: attach, counted triggers, a trigger from the host wakes a blocked receive, detach', async () => {
    const m = await machine();
    try {
      const p = m.spawn(program, { args: ['l4_calls', 'irq'] });
      for (let i = 0; i < 500 && !p.stdout.includes('waiting'); i++) await new Promise((r) => setTimeout(r, 10));
      expect(p.stdout).toContain('waiting');
      await new Promise((r) => setTimeout(r, 50)); // it is blocked in the receive by now
      expect(m.l4.trigger('ev')).toBe(0);
      m.cpu.wake();
      expect(await p.exit).toEqual({ code: 0 });
      expect(lines(p.stdout)).toEqual({
        'trigger invalid': '-22',
        'trigger a channel': '-19',
        'attach': '0',
        'attach to other thread': '-19',
        'receive none': '3',
        'receive two': 'error 0 label -1 count 2 irq label 0x1234',
        'receive from host': 'error 0 count 1',
        'detach': '0',
        'receive detached': '4',
      });
    } finally { await m.shutdown(); }
  });

  it('an IRQ that arrives during a POSIX sleep stays queued for the L4 receive and does not end the sleep', async () => {
    const m = await machine();
    try {
      const p = m.spawn(program, { args: ['l4_calls', 'irq-posix'] });
      for (let i = 0; i < 500 && !p.stdout.includes('waiting'); i++) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 50));
      expect(m.l4.trigger('ev')).toBe(0);
      m.cpu.wake();
      expect(await p.exit).toEqual({ code: 0 });
      expect(lines(p.stdout)).toEqual({ 'slept fully': '1', 'irq kept': 'error 0 count 1' });
    } finally { await m.shutdown(); }
  });

  it('a signal cancels a blocked L4 receive: the handler runs and the receive reports L4_IPC_RECANCELED', async () => {
    const m = await machine();
    try {
      const p = m.spawn(program, { args: ['l4_calls', 'ipc-signal'] });
      for (let i = 0; i < 500 && !p.stdout.includes('waiting'); i++) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 50));
      p.kill('SIGUSR1');
      expect(await p.exit).toEqual({ code: 0 });
      expect(lines(p.stdout)).toEqual({ receive: '7, handler ran for 10' });
    } finally { await m.shutdown(); }
  });

  it('the dataspaces a program allocated go back to the root task when it ends', async () => {
    const m = await machine();
    try {
      const before = m.rootTask.allocated;
      const p = m.spawn(program, { args: ['l4_calls', 'alloc-exit'] });
      expect(await p.exit).toEqual({ code: 0 });
      expect(lines(p.stdout)).toEqual({ alloc: '0', attach: '0' });
      expect(m.rootTask.allocated).toBe(before);
    } finally { await m.shutdown(); }
  });

  it('dataspaces: allocate, attach, detach, the contents stay, errors; a shared one reaches the host', async () => {
    const m = await machine();
    try {
      const shm = m.l4.dataspace('shm', 4096);
      shm.bytes.set(new TextEncoder().encode('hello from the host\0'));
      expect(await run(m, 'ds')).toEqual({
        'alloc 0': '-22',
        'alloc bad flags': '-22',
        'alloc bad pointer': '-14',
        'alloc': '0',
        'size': '12288',
        'size of no ds': '-22',
        'attach 0 bytes': '-22',
        'attach past end': '-34',
        'attach unaligned offset': '-22',
        'attach no ds': '-22',
        'attach': '0 aligned 1 zero 1',
        'attach taken range': '-17',
        'free attached': '-16',
        'detach': '0',
        'detach again': '-2',
        'attach second page': '0 reads "kept in the dataspace"',
        'free': '0',
        'free again': '-22',
        'attach shm': '0 reads "hello from the host"',
      });
      const answer = new TextDecoder().decode(shm.bytes.subarray(100, 121));
      expect(answer).toBe('answer from the guest');
    } finally { await m.shutdown(); }
  });
});
