// Modules that cannot be linked or are not modules at all: an import of a known call with the
// wrong signature, a truncated file, junk. One line naming the file and what is wrong, through
// the API (a LoadError) and from `l4wasm run` (exit 126), never a crash or a stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoadError, Machine } from '../../src/index.js';
import { wat } from '../helpers/wat.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'l4wasm.js');
let dir = '';

/** A module importing `module`.`name` with `type`, calling it from _start. */
function importing(module: string, name: string, params: string[], result?: string): Uint8Array {
  const args = params.map((t) => `(${t}.const 1)`).join(' ');
  const call = `(call $f ${args})`;
  return wat(`(module (import "${module}" "${name}" (func $f (param ${params.join(' ')})${result ? ` (result ${result})` : ''}))
    (memory (export "memory") 1) (func (export "_start") ${result ? `(drop ${call})` : call}))`);
}

const WRONG: [string, Uint8Array, RegExp][] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'l4wasm-link-'));
  WRONG.push(
    ['fd_write with 2 parameters', importing('wasi_snapshot_preview1', 'fd_write', ['i32', 'i32'], 'i32'),
      /LinkError: import wasi_snapshot_preview1\.fd_write is declared \(i32, i32\) -> i32, but l4wasm provides it as \(i32, i32, i32, i32\) -> i32/],
    ['fd_seek with an i32 offset', importing('wasi_snapshot_preview1', 'fd_seek', ['i32', 'i32', 'i32', 'i32'], 'i32'),
      /fd_seek is declared \(i32, i32, i32, i32\) -> i32, but l4wasm provides it as \(i32, i64, i32, i32\) -> i32/],
    ['proc_exit returning a value', importing('wasi_snapshot_preview1', 'proc_exit', ['i32'], 'i32'),
      /proc_exit is declared \(i32\) -> i32, but l4wasm provides it as \(i32\) -> nothing/],
    ['an l4posix call with a parameter too many', importing('l4posix', 'getpid', ['i32'], 'i32'),
      /l4posix\.getpid is declared \(i32\) -> i32, but l4wasm provides it as \(\) -> i32/],
    ['a result of the wrong type', importing('l4posix', 'dup', ['i32'], 'i64'),
      /l4posix\.dup is declared \(i32\) -> i64, but l4wasm provides it as \(i32\) -> i32/],
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an import with the wrong signature', () => {
  for (const decouple of [false, true]) {
    it(`is refused in one line naming the import (${decouple ? 'decoupled' : 'multiplexed'})`, async () => {
      const m = await Machine.boot();
      for (const [what, bytes, message] of WRONG) {
        const p = m.spawn(bytes, { name: 'wrong.wasm', decouple });
        const e = await p.exit.then(() => undefined, (x: unknown) => x);
        expect(e, what).toBeInstanceOf(LoadError);
        expect((e as Error).message, what).toMatch(/^wrong\.wasm: [^\n]*$/);
        expect((e as Error).message, what).toMatch(message);
      }
      // The machine runs on, and the right signature links.
      const ok = m.spawn(importing('wasi_snapshot_preview1', 'sched_yield', [], 'i32'), { decouple });
      expect(await ok.exit).toEqual({ code: 0 });
      await m.shutdown();
    });
  }
});

describe('a start function (run while the module is instantiated, where nothing can suspend)', () => {
  const start = (body: string) => wat(`(module
    (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
    (import "l4posix" "pause" (func $pause (result i32)))
    (memory (export "memory") 1) (func $s ${body}) (start $s)
    (func (export "_start") (call $exit (i32.load (i32.const 100)))))`);

  it('that waits, or loops for good: one-line LoadError; a pointer it passes is EFAULT (no memory yet); the machine runs on', async () => {
    const escaped: unknown[] = [];
    const onEscape = (e: unknown) => { escaped.push(e); };
    process.on('uncaughtException', onEscape);
    try {
      const internal: string[] = [];
      const m = await Machine.boot({ mode: 'multiplexed', onInternalError: (r) => { internal.push(`${r.where}: ${String(r.error)}`); } });
      const cases: [string, Uint8Array][] = [
        ['a call waited in the start function', start('(drop (call $pause))')],
        ['the start function ran for more than 5 s', start('(loop $l (br $l))')],
      ];
      for (const [message, bytes] of cases) {
        const p = m.spawn(bytes, { name: 'start.wasm', stdin: 'pipe' });
        const e = await p.exit.then(() => undefined, (x: unknown) => x);
        expect(e, message).toBeInstanceOf(LoadError);
        expect((e as Error).message).toMatch(/^start\.wasm: its start function trapped: [^\n]*$/);
        expect((e as Error).message).toContain(message);
      }
      // The instance's memory does not exist while its start function runs: EFAULT, and no
      // internal error.
      const read = m.spawn(start('(i32.store (i32.const 100) (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))'));
      expect(await read.exit).toEqual({ code: 21 });
      const ok = m.spawn(importing('wasi_snapshot_preview1', 'sched_yield', [], 'i32'));
      expect(await ok.exit).toEqual({ code: 0 });
      await m.shutdown();
      expect(escaped).toEqual([]);
      expect(internal).toEqual([]);
    } finally {
      process.off('uncaughtException', onEscape);
    }
  }, 30_000);
});

describe('l4wasm run on files that are no module it can run', () => {
  const run = (file: string, extra: string[] = []) => {
    const r = spawnSync(process.execPath, [BIN, 'run', ...extra, file], { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
    return { status: r.status, lines: r.stderr.split('\n').filter((l) => l !== '' && !/^l4wasm: [^:]+: (preparing|running decoupled)\b/.test(l) && !/^l4wasm: preparing\b/.test(l)) };
  };

  it('a wrong signature, a truncated module, junk after the header, text, an empty file: exit 126, one line each', () => {
    const sh = readFileSync(join(ROOT, 'build', 'sh.wasm'));
    const files: [string, Uint8Array, RegExp][] = [
      ['wrongsig.wasm', WRONG[0]![1], /LinkError: import wasi_snapshot_preview1\.fd_write is declared/],
      ['truncated.wasm', sh.subarray(0, Math.floor(sh.length / 2)), /not a valid WebAssembly module \(.*extends past end/],
      ['cut_in_header.wasm', sh.subarray(0, 6), /WebAssembly|not a valid/],
      ['junk.wasm', Buffer.concat([sh.subarray(0, 8), Buffer.from('not a module, only text')]), /not a valid WebAssembly module/],
      ['text.wasm', Buffer.from('hello world\n'), /not a valid WebAssembly module \(expected magic word/],
      ['empty.wasm', new Uint8Array(0), /not a valid WebAssembly module/],
    ];
    for (const [name, bytes, message] of files) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      for (const extra of [[], ['--decouple']]) {
        const r = run(path, extra);
        expect(r.status, `${name} ${extra.join(' ')}`).toBe(126);
        expect(r.lines, `${name} ${extra.join(' ')}`).toHaveLength(1);
        expect(r.lines[0], name).toMatch(new RegExp(`^l4wasm: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
        expect(r.lines[0], name).toMatch(message);
      }
    }
  });
});
