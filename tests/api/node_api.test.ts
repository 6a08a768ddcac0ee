// The Node API next to what Node users know: machine.fs rejects with node:fs-style errors, cwd is
// checked, kill takes names, wait() resolves with status and output, the embedder's imports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Machine, LoadError } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { signalName, signalNumber } from '../../src/guest/node_api.js';

const ROOT = join(import.meta.dirname, '..', '..');
let m: Machine;
let cat = '';
let answer = '';

beforeAll(async () => {
  cat = await compileCached(join(ROOT, 'examples', 'cat.c'));
  answer = await compileCached(join(import.meta.dirname, 'fixtures', 'answer.c'));
  m = await Machine.boot({ roms: [{ name: 'motd', data: 'rom text\n' }] });
}, 240_000);

afterAll(async () => { await m?.shutdown(); });

describe('machine.fs', () => {
  it('reads and writes files, lists directories, reports metadata', async () => {
    await m.fs.mkdir('/a/b/c', { recursive: true });
    await m.fs.mkdir('/a/b/c', { recursive: true }); // no error when it exists
    await m.fs.writeFile('/a/b/c/f.bin', new Uint8Array([1, 2, 3]));
    await m.fs.appendFile('/a/b/c/f.bin', 'xy');
    expect([...await m.fs.readFile('/a/b/c/f.bin')]).toEqual([1, 2, 3, 120, 121]);
    expect(await m.fs.readFile('/rom/motd', 'utf8')).toBe('rom text\n');
    const entries = await m.fs.readdir('/a/b', { withFileTypes: true });
    expect(entries.map((e) => [e.name, e.isDirectory()])).toEqual([['c', true]]);
    const st = await m.fs.stat('/a/b/c/f.bin');
    expect([st.size, st.isFile(), st.isDirectory(), st.mode & 0o170000]).toEqual([5, true, false, 0o100000]);
    await m.fs.symlink('/a/b/c/f.bin', '/link');
    expect((await m.fs.lstat('/link')).isSymbolicLink()).toBe(true);
    expect(await m.fs.readlink('/link')).toBe('/a/b/c/f.bin');
    await m.fs.rename('/link', '/link2');
    expect(await m.fs.exists('/link')).toBe(false);
    await m.fs.rm('/a', { recursive: true });
    expect(await m.fs.exists('/a')).toBe(false);
  });

  it('a program written with writeFile (0644) cannot be exec\'ed (EACCES, as on Linux) until chmod gives it an x bit', async () => {
    await m.fs.writeFile('/tmp/mycat', readFileSync(cat));
    await m.fs.writeFile('/tmp/text', 'some text\n');
    expect((await m.fs.stat('/tmp/mycat')).mode & 0o777).toBe(0o644);
    const sh = await m.fs.readFile('/bin/sh');
    expect((await m.fs.stat('/bin/sh')).mode & 0o777).toBe(0o755);
    const denied = await m.spawn(sh, { args: ['sh', '-c', '/tmp/mycat /tmp/text'] }).wait();
    expect(denied.stdout).toBe('');
    expect(denied.stderr).toMatch(/Permission denied/);
    expect(denied.code).toBe(126);
    await m.fs.chmod('/tmp/mycat', 0o755);
    expect((await m.fs.stat('/tmp/mycat')).mode & 0o777).toBe(0o755);
    const ran = await m.spawn(sh, { args: ['sh', '-c', '/tmp/mycat /tmp/text'] }).wait();
    expect(ran.stdout).toBe('some text\n');
    expect(ran.code).toBe(0);
    await expect(m.fs.chmod('/nope', 0o755)).rejects.toMatchObject({ code: 'ENOENT', syscall: 'chmod', path: '/nope' });
    await m.fs.rm('/tmp/mycat');
    await m.fs.rm('/tmp/text');
  });

  it('rejects with node:fs-style errors: code, syscall, path', async () => {
    await expect(m.fs.readFile('/nope')).rejects.toMatchObject({
      code: 'ENOENT', syscall: 'open', path: '/nope', message: "ENOENT: no such file or directory, open '/nope'",
    });
    await m.fs.mkdir('/d');
    await expect(m.fs.mkdir('/d')).rejects.toMatchObject({ code: 'EEXIST', syscall: 'mkdir' });
    await m.fs.writeFile('/d/f', 'x');
    await expect(m.fs.rmdir('/d')).rejects.toMatchObject({ code: 'ENOTEMPTY' });
    await expect(m.fs.readdir('/d/f')).rejects.toMatchObject({ code: 'ENOTDIR', syscall: 'scandir' });
    await expect(m.fs.rm('/d')).rejects.toMatchObject({ code: 'EISDIR' });
    await expect(m.fs.writeFile('/rom/new', 'x')).rejects.toMatchObject({ code: expect.stringMatching(/^E(ROFS|PERM|ACCES|NOTCAPABLE)$/) });
    await expect(m.fs.writeFile('/d/f', 'y', { flag: 'wx' })).rejects.toMatchObject({ code: 'EEXIST' });
    await m.fs.rm('/d', { recursive: true });
    await m.fs.rm('/d', { force: true });
    const err = await m.fs.stat('/d').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
  });
});

describe('spawn and the process handle', () => {
  it('starts a program in cwd, which must be a directory of the guest tree', async () => {
    await m.fs.mkdir('/w', { recursive: true });
    await m.fs.writeFile('/w/in.txt', 'inside w\n');
    const p = m.spawn(cat, { args: ['cat', 'in.txt'], cwd: '/w' });
    expect(await p.wait()).toEqual({ code: 0, signal: null, stdout: 'inside w\n', stderr: '' });
    expect(() => m.spawn(cat, { cwd: '/nowhere' })).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => m.spawn(cat, { cwd: '/w/in.txt' })).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    expect(() => m.spawn(cat, { cwd: 'relative' })).toThrow(/absolute guest path/);
  });

  it('takes stdin as a stream, and kill by name or number', async () => {
    const p = m.spawn(cat, { stdin: 'pipe' });
    await pipeline(Readable.from(['one ', 'two\n']), p.stdin);
    expect((await p.wait()).stdout).toBe('one two\n');
    const k = m.spawn(cat, { stdin: 'pipe' });
    setTimeout(() => k.kill('SIGINT'), 20);
    expect(await k.wait()).toMatchObject({ code: 130, signal: 'SIGINT' });
    const n = m.spawn(cat, { stdin: 'pipe' });
    setTimeout(() => n.kill(15), 20);
    expect(await n.wait()).toMatchObject({ code: 143, signal: 'SIGTERM' });
    expect(() => n.kill('SIGNOPE')).toThrow(/kill: SIGNOPE is not a signal/);
    expect(() => n.kill('TERM')).toThrow(RangeError); // names as Node spells them, as process.kill takes them
    expect([signalNumber('SIGUSR1'), signalNumber('SIGHUP'), signalNumber('hup'), signalNumber(9), signalName(15), signalName(40)])
      .toEqual([10, 1, undefined, 9, 'SIGTERM', 'SIG40']);
  });

  it('wait() rejects with LoadError for a module that cannot load', async () => {
    const p = m.spawn(new TextEncoder().encode('not wasm'), { name: 'junk.wasm' });
    await expect(p.wait()).rejects.toBeInstanceOf(LoadError);
  });

  it("gives the program the embedder's imports (others still refused), and its memory", async () => {
    let seen = 0;
    let memory: WebAssembly.Memory | undefined;
    const p = m.spawn(answer, { imports: { host: { answer: (q: number) => { seen = q; memory = p.memory; return q * 7; } } } });
    expect((await p.wait()).stdout).toBe('the answer is 42\n');
    expect(seen).toBe(6);
    expect(memory).toBeInstanceOf(WebAssembly.Memory);
    expect(p.memory).toBeUndefined();
    const without = m.spawn(answer);
    await expect(without.wait()).rejects.toThrow(/unknown import host\.answer/);
    expect(() => m.spawn(answer, { imports: { host: { answer: 42 as never } } })).toThrow(/imports\.host\.answer must be a function/);
    expect(() => m.spawn(answer, { decouple: true, imports: { host: { answer: () => 1 } } })).toThrow(/decoupled/);
  });

  it('reads a file the program wrote', async () => {
    const p = m.spawn(readFileSync(cat), { args: ['cat', '/rom/motd'], name: 'cat' });
    const r = await p.wait();
    expect(r.stdout).toBe(await m.fs.readFile('/rom/motd', 'utf8'));
  });
});
