// A guest cannot take its host down: a program that cannot be loaded or started, a back end, an
// import or a server that throws, all end that call or that process, reported once, while the
// machine and every other process keep running (issue 10, section 2).
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { watchEscapes } from '../helpers/escapes.js';
import { Machine, LoadError } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { Errno } from '../../src/errno.js';
import { FileType, type FileSystem, type OpenFile } from '../../src/vfs/types.js';
import { BaseFile } from '../../src/vfs/file.js';
import { makeStat } from '../../src/vfs/stat.js';
import { Cpu } from '../../src/kernel/cpu.js';
import { msgTag, tagLabel } from '../../src/kernel/kernel.js';
import { ServerLoop } from '../../src/l4re/server_loop.js';
import type { Message, ServerObject } from '../../src/l4re/registry.js';
import { boot } from '../kernel/helpers.js';
import { wat } from '../helpers/wat.js';

const ROOT = join(import.meta.dirname, '..', '..');
const here = join(import.meta.dirname, 'fixtures');
const wasm: Record<string, string> = {};
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A module from its text, every proposal accepted. */
const watAll = (text: string) => wat(text, true);

/** Host errors that escape while a test runs. */
const escaped = watchEscapes();

beforeAll(async () => {
  for (const name of ['spawner', 'reader', 'orphan_writer', 'poll_output']) wasm[name] = await compileCached(join(here, `${name}.c`));
  wasm.hello = await compileCached(join(ROOT, 'examples', 'hello.c'));
  wasm.echo_lines = await compileCached(join(ROOT, 'tests', 'guest', 'fixtures', 'echo_lines.c'));
  // hello linked so that its memory cannot grow at all: initial = maximum = 2 pages.
  wasm.tiny = await compileCached(join(ROOT, 'examples', 'hello.c'), ['-O2', '-Wl,--initial-memory=131072,--max-memory=131072']);
});

/** Internal errors the machine reported, as "where: message". */
function reporter(): { seen: string[]; onInternalError: (r: { where: string; error: unknown }) => void } {
  const seen: string[] = [];
  return { seen, onInternalError: (r) => { seen.push(`${r.where}: ${(r.error as Error)?.message ?? r.error}`); } };
}

describe('a program that cannot be loaded or started', () => {
  it('a module whose memory cannot grow (initial = maximum): it runs, or is refused in one line, through the API and from a guest', async () => {
    const m = await Machine.boot({ programs: { '/bin/tiny': wasm.tiny! } });
    const p = m.spawn(wasm.tiny!, { name: 'tiny.wasm' });
    const outcome = await p.exit.then((s) => s, (e: unknown) => e);
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(LoadError);
      expect(outcome.message).toMatch(/^tiny\.wasm: [^\n]*$/);
    } else {
      expect(outcome).toEqual({ code: 0 });
      expect(p.stdout).toBe('Hello from l4wasm!\n');
    }
    const s = m.spawn(wasm.spawner!, { args: ['spawner', '/bin/tiny', '/bin/tiny'] });
    expect(await s.exit).toEqual({ code: 0 });
    // The spawner's stdout is not a terminal, so fully buffered (as glibc decides): its own lines
    // come out at its exit, after its children's.
    const child = outcome instanceof Error ? '' : 'Hello from l4wasm!\n';
    const line = outcome instanceof Error ? '/bin/tiny: spawn: Exec format error\n' : '/bin/tiny: exit 0\n';
    expect(s.stdout).toBe(`${child}${child}${line}${line}spawner alive\n`);
    const h = m.spawn(wasm.hello!);
    expect((await h.exit).code).toBe(0);
    await m.shutdown();
    await tick(20);
    expect(escaped).toEqual([]);
  });

  it('a LoadError met only as the program runs rejects its exit with that LoadError; the machine runs on', async () => {
    const m = await Machine.boot();
    const p = m.spawn(wasm.hello!, {
      name: 'late.wasm',
      wrapImports: (imports) => ({
        ...imports,
        wasi_snapshot_preview1: { ...imports.wasi_snapshot_preview1, fd_write: () => { throw new LoadError('late.wasm: cannot start after all'); } },
      }),
    });
    await expect(p.exit).rejects.toThrow(new LoadError('late.wasm: cannot start after all'));
    const h = m.spawn(wasm.hello!);
    expect((await h.exit).code).toBe(0);
    await m.shutdown();
    expect(escaped).toEqual([]);
  });

  it('a start function that traps, and a module importing env.memory: one-line LoadErrors', async () => {
    const m = await Machine.boot();
    const trapping = watAll(`(module (memory (export "memory") 1) (func $s unreachable) (start $s) (func (export "_start")))`);
    const p = m.spawn(trapping, { name: 'starttrap.wasm' });
    await expect(p.exit).rejects.toThrow(LoadError);
    await expect(p.exit).rejects.toThrow(/^starttrap\.wasm: its start function trapped: unreachable[^\n]*$/);
    const imported = watAll(`(module (import "env" "memory" (memory 1)) (func (export "_start")))`);
    const q = m.spawn(imported, { name: 'envmem.wasm' });
    await expect(q.exit).rejects.toThrow(LoadError);
    await expect(q.exit).rejects.toThrow(/^envmem\.wasm: [^\n]*env\.memory[^\n]*$/);
    const h = m.spawn(wasm.hello!);
    expect((await h.exit).code).toBe(0);
    await m.shutdown();
    expect(escaped).toEqual([]);
  });
});

/** A file system whose every operation throws (a back end with a bug, or a failing host). */
class ThrowingFs implements FileSystem {
  readonly name = 'thrower';
  readonly readOnly = false;
  constructor(private readonly openWorks: boolean) {}
  private boom(): never { throw new Error('the disk is on fire'); }
  lstat(path: readonly string[]) {
    if (this.openWorks) return makeStat(path.length === 0 ? FileType.Directory : FileType.RegularFile, 77n, 1n);
    return this.boom();
  }
  open(path: readonly string[]): OpenFile | number {
    if (!this.openWorks) this.boom();
    if (path.length === 0) return -Errno.EISDIR;
    return new (class extends BaseFile {
      readonly type = FileType.RegularFile;
      override read(): number { throw new TypeError('the disk is on fire'); }
    })();
  }
  mkdir(): number { return this.boom(); }
  rmdir(): number { return this.boom(); }
  unlink(): number { return this.boom(); }
  rename(): number { return this.boom(); }
  symlink(): number { return this.boom(); }
  readlink(): string | number { return this.boom(); }
  link(): number { return this.boom(); }
  setTimes(): number { return this.boom(); }
}

describe('a host exception inside a back end, an import or a server', () => {
  it('a throwing back end: the call fails with EIO, reported once, and the machine and other programs run on', async () => {
    const r = reporter();
    const m = await Machine.boot({ onInternalError: r.onInternalError });
    expect(m.vfs.mount('/bad', new ThrowingFs(false))).toBe(0);
    expect(m.vfs.mount('/worse', new ThrowingFs(true))).toBe(0);
    const other = m.spawn(wasm.echo_lines!, { stdin: 'pipe' });
    const a = m.spawn(wasm.reader!, { args: ['reader', '/bad/file'] });
    expect(await a.exit).toEqual({ code: 0 });
    expect(a.stdout).toBe('open: Input/output error\naccess: Input/output error\nreader alive\n');
    const b = m.spawn(wasm.reader!, { args: ['reader', '/worse/file'] });
    expect(await b.exit).toEqual({ code: 0 });
    expect(b.stdout).toBe('read: Input/output error\nreader alive\n');
    const c = m.spawn(wasm.reader!, { args: ['reader', '/bad/file'] });
    expect((await c.exit).code).toBe(0);
    // Each distinct failure once, however often it happens.
    expect(r.seen.filter((s) => /disk is on fire/.test(s)).length).toBeGreaterThanOrEqual(2);
    expect(new Set(r.seen).size).toBe(r.seen.length);
    other.write('still here\n');
    other.end();
    expect((await other.exit).code).toBe(1);
    expect(other.stdout).toMatch(/^1: still here\n/);
    await m.shutdown();
    expect(escaped).toEqual([]);
  });

  it('an import that throws past the syscall edge ends that process with status 125 and a message; others run on', async () => {
    const r = reporter();
    const m = await Machine.boot({ onInternalError: r.onInternalError });
    const other = m.spawn(wasm.echo_lines!, { stdin: 'pipe' });
    const p = m.spawn(wasm.hello!, {
      wrapImports: (imports) => ({
        ...imports,
        wasi_snapshot_preview1: { ...imports.wasi_snapshot_preview1, fd_write: () => { throw new TypeError('a wrapper with a bug'); } },
      }),
    });
    const status = await p.exit;
    expect(status.code).toBe(125);
    expect(status.error).toMatch(/a wrapper with a bug/);
    expect(r.seen.length).toBe(1);
    const h = m.spawn(wasm.hello!);
    expect((await h.exit).code).toBe(0);
    other.write('x\n');
    other.end();
    expect((await other.exit).code).toBe(1);
    await m.shutdown();
    expect(escaped).toEqual([]);
  });

  it('reports at most 1,000 distinct internal errors (messages that differ each time cannot fill the host)', async () => {
    const r = reporter();
    const m = await Machine.boot({ onInternalError: r.onInternalError });
    for (let i = 0; i < 3000; i++) m.reportInternalError({ where: 'a back end', error: new Error(`cannot read /x/${i}`), fatal: false });
    expect(r.seen.length).toBe(1001);
    expect(r.seen.at(-1)).toMatch(/1000 distinct internal errors reported; no more will be/);
    await m.shutdown();
  });

  it('a server object that throws answers EIO and goes on serving', async () => {
    const k = await boot();
    const errors: unknown[] = [];
    const cpu = new Cpu(k, { onError: (_t, e) => errors.push(e) });
    const server = ServerLoop.start(k, cpu);
    const reported: unknown[] = [];
    server.registry.onError = (_obj, e) => reported.push(e);
    let calls = 0;
    const obj: ServerObject = {
      dispatch(msg: Message): number {
        calls++;
        if (msg.word(0) === 13) throw new Error('unlucky request');
        msg.mrs[0] = msg.word(0) * 2;
        return msgTag(0, 1);
      },
    };
    const gate = server.registry.register(obj);
    cpu.step();
    const c = k.newThread({ prio: 100 });
    k.start(c.id);
    expect(cpu.call(c.id, gate.cap, msgTag(1, 1), [13])).toBe(0);
    expect(tagLabel(k.tag(c.id))).toBe(-Errno.EIO);
    expect(cpu.call(c.id, gate.cap, msgTag(1, 1), [21])).toBe(0);
    expect(tagLabel(k.tag(c.id))).toBe(0);
    expect(k.mr(c.id, 0)).toBe(42);
    expect(calls).toBe(2);
    expect(reported.length).toBe(1);
    expect(errors).toEqual([]);
  });

  it('a host thread that throws is killed and reported through onError; the CPU loop runs on', async () => {
    const k = await boot();
    const errors: string[] = [];
    const cpu = new Cpu(k, { onError: (_t, e) => errors.push((e as Error).message) });
    const bad = k.newThread({ prio: 100 });
    cpu.register(bad.id, { run() { throw new Error('host thread bug'); } });
    let ran = 0;
    const good = k.newThread({ prio: 100 });
    cpu.register(good.id, { run() { ran++; k.kill(good.id); } });
    k.start(bad.id);
    k.start(good.id);
    await cpu.run();
    expect(errors).toEqual(['host thread bug']);
    expect(ran).toBe(1);
  });
});

describe('the CPU loop promise', () => {
  it('is handled even when the loop itself fails: every process ends with an error status', async () => {
    const m = await Machine.boot();
    const p = m.spawn(wasm.echo_lines!, { stdin: 'pipe' });
    for (const end = Date.now() + 10_000; p.process === undefined && Date.now() < end;) await tick(5);
    // The kernel binding fails under the loop: it cannot go on.
    const schedule = m.kernel.schedule.bind(m.kernel);
    m.kernel.schedule = () => { m.kernel.schedule = schedule; throw new Error('kernel binding bug'); };
    m.cpu.wake();
    const status = await p.exit;
    expect(status.code).toBe(125);
    expect(status.error).toMatch(/kernel binding bug/);
    // A thread the kernel schedules that has no host thread is killed and reported; the loop goes on.
    const q = m.spawn(wasm.echo_lines!, { stdin: 'pipe' });
    for (const end = Date.now() + 10_000; q.process === undefined && Date.now() < end;) await tick(5);
    const stray = m.kernel.newThread({ prio: 200 });
    m.kernel.start(stray.id);
    m.cpu.wake();
    q.write('on\n');
    q.end();
    expect((await q.exit).code).toBe(1);
    await m.shutdown();
    await tick(20);
    expect(escaped).toEqual([]);
  });
});


describe('found by the fuzzer', () => {
  it('a child writing to an inherited stdout after its API-spawned parent ended: no write-after-end error in the host', async () => {
    const m = await Machine.boot();
    const p = m.spawn(wasm.orphan_writer!);
    expect(await p.exit).toEqual({ code: 0 });
    await tick(400);
    expect(p.stdout).toBe('parent done\n');
    await m.shutdown();
    expect(escaped).toEqual([]);
  });

  it('poll for input on an output-only descriptor waits (its timeout), it does not spin', async () => {
    const m = await Machine.boot();
    let schedules = 0;
    const schedule = m.kernel.schedule.bind(m.kernel);
    m.kernel.schedule = (cpu) => { schedules++; return schedule(cpu); };
    const p = m.spawn(wasm.poll_output!);
    expect(await p.exit).toEqual({ code: 0 });
    expect(p.stdout).toBe('poll: 0\n');
    expect(schedules).toBeLessThan(200);
    await m.shutdown();
  });
});
