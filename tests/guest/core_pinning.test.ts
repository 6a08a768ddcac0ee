import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { CorePinning } from '../../src/guest/core_pinning.js';

describe('CorePinning', () => {
  it('gives each thread a core of its own, never the vCPU\'s, and the rest of the process the others', () => {
    const calls: string[] = [];
    const p = new CorePinning(4, (args) => { calls.push(args.join(' ')); });
    expect(p.isolate(101)).toBe(1);
    expect(calls).toEqual([`-a -p -c 0,2,3 ${process.pid}`, '-p -c 1 101']);
    calls.length = 0;
    expect(p.isolate(102)).toBe(2);
    expect(calls).toEqual([`-a -p -c 0,3 ${process.pid}`, '-p -c 1 101', '-p -c 2 102']);
    expect(p.isolate(103)).toBe(3);
    expect(p.isolate(104)).toMatch(/^no core left for it \(4 cores: the vCPU's and 3 isolated\)$/);
    calls.length = 0;
    p.release(102);
    expect(calls).toEqual([`-a -p -c 0,2 ${process.pid}`, '-p -c 1 101', '-p -c 3 103']);
    expect(p.isolate(105)).toBe(2);
  });

  it('says once why it cannot pin, and stops trying', () => {
    let tries = 0;
    const p = new CorePinning(2, () => { tries++; throw new Error('spawnSync taskset ENOENT'); });
    expect(p.isolate(7)).toBe('cannot pin threads here (spawnSync taskset ENOENT)');
    expect(p.isolate(8)).toBe('cannot pin threads here (spawnSync taskset ENOENT)');
    expect(tries).toBe(1);
  });

  const linux = process.platform === 'linux' && spawnSync('taskset', ['--version']).status === 0;
  it.skipIf(!linux)('pins a worker thread on Linux: the worker alone on its core, the main thread off it', async () => {
    const w = new Worker('const { parentPort } = require("node:worker_threads"); const { readlinkSync } = require("node:fs"); parentPort.postMessage(readlinkSync("/proc/thread-self")); setInterval(() => {}, 1000);', { eval: true });
    try {
      const path = await new Promise<string>((resolve) => w.once('message', resolve));
      const tid = Number(path.split('/').pop());
      const allowed = (t: number) => /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync(`/proc/self/task/${t}/status`, 'latin1'))![1];
      const before = allowed(process.pid);
      if (!/^0-(\d+)$/.test(before) || before === '0-0') return; // a process already pinned: nothing to see
      const p = new CorePinning([0, 1]);
      expect(p.isolate(tid)).toBe(1);
      expect(allowed(tid)).toBe('1');
      expect(allowed(process.pid)).toBe('0');
      p.release(tid);
      expect(allowed(process.pid)).toBe('0-1');
      spawnSync('taskset', ['-a', '-p', '-c', before, String(process.pid)]);
    } finally {
      await w.terminate();
    }
  });
});
