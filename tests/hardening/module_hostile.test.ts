// Hostile modules: each one that cannot run is refused with the same one-line LoadError in both
// modes (never a host exception, a trap status for a load failure, or a run of a module the
// engine would refuse), and each one that can run ends with the same status in both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import binaryen from 'binaryen';
import { watchEscapes } from '../helpers/escapes.js';
import { LoadError, Machine } from '../../src/index.js';
import { wat } from '../helpers/wat.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'l4wasm.js');

/** A module from its text, every proposal accepted. */
const watAll = (text: string) => wat(text, true);

const EXIT = '(import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))';
/** A module with memory that runs `body` as _start and exits with 3. */
const program = (extra: string, body = '') => watAll(`(module ${EXIT} (memory (export "memory") 1) ${extra}
  (func (export "_start") ${body} (call $exit (i32.const 3))))`);

/** Refused: [what, module, message]. */
const REFUSED: [string, Uint8Array, RegExp][] = [
  ['_start with a parameter', watAll('(module (memory (export "memory") 1) (func (export "_start") (param i32)))'),
    /^bad\.wasm: its _start is declared \(i32\) -> nothing: a WASI command's _start takes no parameters and returns nothing$/],
  ['_start with a result', watAll('(module (memory (export "memory") 1) (func (export "_start") (result i32) (i32.const 3)))'),
    /its _start is declared \(\) -> i32/],
  ['_start is proc_exit itself', watAll(`(module ${EXIT} (memory (export "memory") 1) (export "_start" (func $exit)))`),
    /its _start is declared \(i32\) -> nothing/],
  ['no memory at all', watAll(`(module ${EXIT} (func (export "_start") (call $exit (i32.const 3))))`),
    /^bad\.wasm: exports no memory: a WASI command exports its memory as "memory"$/],
  ['a memory it does not export', watAll(`(module ${EXIT} (memory 1) (func (export "_start") (call $exit (i32.const 3))))`),
    /exports no memory/],
  ['a function exported as "memory"', watAll(`(module ${EXIT} (memory 1) (func (export "memory")) (func (export "_start") (call $exit (i32.const 3))))`),
    /exports no memory/],
  ['a start function that traps', program('(func $s (unreachable)) (start $s)'),
    /^bad\.wasm: its start function trapped: unreachable$/],
  ['an element segment out of its table (no start function)', program('(table 1 funcref) (func $f) (elem (i32.const 5) $f)'),
    /^bad\.wasm: cannot be instantiated: table index is out of bounds/],
  ['a data segment past its initial memory', program('(data (i32.const 65530) "0123456789")'),
    /^bad\.wasm: cannot be instantiated: data segment is out of bounds/],
];

/** Binaryen's encoding for the features Node 20 runs (Features.All writes GC type groups V8 refuses). */
function watNode(text: string): Uint8Array {
  const m = binaryen.parseText(text);
  try {
    const F = binaryen.Features;
    m.setFeatures(F.MVP | F.MutableGlobals | F.SIMD128 | F.BulkMemory | F.SignExt | F.Multivalue | F.ReferenceTypes | F.ExceptionHandling);
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}

/** A program that sets a handler for SIGUSR1 (through libl4posix's ABI) with `trampolines` as its exports, and raises it. */
const signalling = (trampolines: string) => watNode(`(module ${EXIT}
  (import "wasi_snapshot_preview1" "proc_raise" (func $raise (param i32) (result i32)))
  (import "l4posix" "sigaction" (func $sigaction (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "\\02")
  ${trampolines}
  (func (export "_start") (drop (call $sigaction (i32.const 10) (i32.const 64) (i32.const 0))) (drop (call $raise (i32.const 10)))
    (call $exit (i32.const 3))))`);
const I32X8 = '(param i32 i32 i32 i32 i32 i32 i32 i32)';
const FAULT = `(func (export "__l4posix_signal_fault") ${I32X8})`;

REFUSED.push(
  ['an import with two results', watNode(`(module ${EXIT} (import "wasi_snapshot_preview1" "sched_yield" (func $y (result i32 i32)))
    (memory (export "memory") 1) (func (export "_start") (drop (drop (call $y))) (call $exit (i32.const 3))))`),
  /^bad\.wasm: LinkError: import wasi_snapshot_preview1\.sched_yield is declared \(\) -> \(i32, i32\), but l4wasm provides it as \(\) -> i32/],
  ['a start function that throws a wasm exception (no Error: it reached the API as it was)',
    watNode(`(module ${EXIT} (tag $t (param i32)) (memory (export "memory") 1) (func $s (throw $t (i32.const 1))) (start $s)
      (func (export "_start") (call $exit (i32.const 3))))`),
    /^bad\.wasm: its start function trapped: uncaught wasm exception/],
  ['an import declared twice, the first with the wrong signature', watNode(`(module ${EXIT}
    (import "wasi_snapshot_preview1" "fd_write" (func $bad (param i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "fd_write" (func $good (param i32 i32 i32 i32) (result i32)))
    (memory (export "memory") 1) (func (export "_start") (drop (call $bad (i32.const 1) (i32.const 0))) (call $exit (i32.const 3))))`),
  /^bad\.wasm: LinkError: import wasi_snapshot_preview1\.fd_write is declared \(i32, i32\) -> i32, but l4wasm provides it as/],
  ['a signal trampoline with an i64 parameter', signalling(`(func (export "__l4posix_signal_deliver") (param i64 i32 i32 i32 i32 i32 i32 i32)) ${FAULT}`),
    /^bad\.wasm: exports __l4posix_signal_deliver declared \(i64, i32, i32, i32, i32, i32, i32, i32\) -> nothing: l4wasm calls it as \(i32, i32, i32, i32, i32, i32, i32, i32\) -> nothing/],
  ['a signal trampoline with a v128 parameter', signalling(`(func (export "__l4posix_signal_deliver") (param v128)) ${FAULT}`),
    /exports __l4posix_signal_deliver declared \(v128\) -> nothing/],
  ['a signal trampoline that is a global', signalling(`(global (export "__l4posix_signal_deliver") i32 (i32.const 0)) ${FAULT}`),
    /^bad\.wasm: exports __l4posix_signal_deliver as a global: /],
  ['a fault trampoline with a result', signalling(`(func (export "__l4posix_signal_deliver") ${I32X8}) (func (export "__l4posix_signal_fault") ${I32X8} (result i32) (i32.const 0))`),
    /exports __l4posix_signal_fault declared \(i32, i32, i32, i32, i32, i32, i32, i32\) -> i32/],
);

/** A module whose trapping function has a name the demangler cannot decode: an escape past U+10FFFF. */
function badlyNamed(): Uint8Array {
  const name = '_ZN3foo9$u110000$17h0123456789abcdefE';
  const m = binaryen.parseText(`(module ${EXIT} (memory (export "memory") 1) (func $${name} (unreachable)) (func (export "_start") (call $${name})))`);
  binaryen.setDebugInfo(true); // keep the name section
  try { return m.emitBinary(); } finally { binaryen.setDebugInfo(false); m.dispose(); }
}

/** `bytes` with a name section that names function `index` `name` (any bytes a module may hold). */
function withFunctionName(bytes: Uint8Array, index: number, name: string): Uint8Array {
  const leb = (n: number) => { const o: number[] = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; o.push(b); } while (n); return o; };
  const str = (t: string) => { const b = [...Buffer.from(t, 'utf8')]; return [...leb(b.length), ...b]; };
  const names = [1, ...leb(index), ...str(name)];
  const body = [...str('name'), 1, ...leb(names.length), ...names];
  return new Uint8Array([...bytes, 0, ...leb(body.length), ...body]);
}

REFUSED.push(
  // A newline in a name made two lines of the one, the second a line of l4wasm's own as far as anyone could tell.
  ['an import whose name holds a newline and an escape sequence', watNode(`(module ${EXIT} (import "wasi_snapshot_preview1" "fd_write\\nl4wasm: all is well\\1b[2J" (func))
    (memory (export "memory") 1) (func (export "_start") (call $exit (i32.const 3))))`),
  /^bad\.wasm: unknown import wasi_snapshot_preview1\.fd_write\\u000al4wasm: all is well\\u001b\[2J \(function\)/],
  ['an import with a name of 100,000 characters', watNode(`(module ${EXIT} (import "wasi_snapshot_preview1" "${'y'.repeat(100_000)}" (func))
    (memory (export "memory") 1) (func (export "_start") (call $exit (i32.const 3))))`),
  /^bad\.wasm: unknown import wasi_snapshot_preview1\.y{177}\.\.\. \(function\): l4wasm does not provide it$/],
);

/** A module exporting one function twice under a name holding a newline (the engine's message quotes it). */
function duplicateExport(): Uint8Array {
  const leb = (n: number) => { const o: number[] = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; o.push(b); } while (n); return o; };
  const str = (t: string) => { const b = [...Buffer.from(t, 'utf8')]; return [...leb(b.length), ...b]; };
  const sec = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
  const twice = 'x\nl4wasm: all is well';
  return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...sec(1, [1, 0x60, 0, 0]), ...sec(3, [1, 0]), ...sec(5, [1, 0, 1]),
    ...sec(7, [4, ...str('memory'), 2, 0, ...str('_start'), 0, 0, ...str(twice), 0, 0, ...str(twice), 0, 0]), ...sec(10, [1, 2, 0, 0x0b])]);
}
REFUSED.push(['an export name the engine quotes, holding a newline', duplicateExport(),
  /^bad\.wasm: not a valid WebAssembly module \(Duplicate export name 'x\\u000al4wasm: all is well'/]);

/** Run: [what, module, status]. */
const RUN: [string, Uint8Array, object][] = [
  ['a start function that calls proc_exit(7)', program('(func $s (call $exit (i32.const 7))) (start $s)'), { code: 7 }],
  ['exports named like asyncify\'s', program('(func (export "asyncify_start_unwind") (param i32)) (func (export "asyncify_get_state") (result i32) (i32.const 9))'), { code: 3 }],
  ['exports named like l4wasm\'s own', program('(global (export "__l4wasm_global_0") (mut i32) (i32.const 0)) (global (export "__l4wasm_memory_limit") i32 (i32.const 1))'), { code: 3 }],
  ['a data segment that ends exactly at its initial memory', program('(data (i32.const 65526) "0123456789")'), { code: 3 }],
  // Decoupled, it was SIGILL named "[object WebAssembly.Exception]".
  ['a wasm exception out of _start: SIGABRT', watNode(`(module ${EXIT} (tag $t (param i32)) (memory (export "memory") 1)
    (func (export "_start") (throw $t (i32.const 1))))`),
  { code: 134, signal: 6, trap: { message: 'uncaught wasm exception (a longjmp to a frame that no longer exists?)' } }],
  // Its report threw inside the host: decoupled an uncaught exception (and a hang), multiplexed status 125.
  ['a trap in a function whose name cannot be demangled', badlyNamed(),
    { code: 132, signal: 4, trap: { message: 'unreachable', func: '_ZN3foo9$u110000$17h0123456789abcdefE' } }],
  ['a trap in a function whose name holds a newline', withFunctionName(watAll(`(module ${EXIT} (memory (export "memory") 1)
    (func $f (unreachable)) (func (export "_start") (call $f)))`), 1, 'f\nl4wasm: all is well'),
  { code: 132, signal: 4, trap: { message: 'unreachable', func: 'f\\u000al4wasm: all is well' } }],
  // Without it no handler can run: the signal ends the program (decoupled, it was dropped: exit 3).
  ['a handler set through l4posix.sigaction with no trampoline exported', signalling(''), { code: 138, signal: 10 }],
  ['a signal trampoline of the right shape (the handler exits 6)',
    signalling(`(func (export "__l4posix_signal_deliver") ${I32X8} (call $exit (i32.const 6))) ${FAULT}`), { code: 6 }],
];

/** Host errors that escape while a test runs. */
const escaped = watchEscapes();

describe.each(['multiplexed', 'decoupled'] as const)('hostile modules, %s', (mode) => {
  it('cannot run: the same one-line LoadError; the machine runs on', async () => {
    const internal: string[] = [];
    const m = await Machine.boot({ mode: 'multiplexed', onInternalError: (r) => { internal.push(`${r.where}: ${String(r.error)}`); } });
    try {
      for (const [what, bytes, message] of REFUSED) {
        const p = m.spawn(bytes, { name: 'bad.wasm', decouple: mode === 'decoupled', stdio: 'pipe' });
        const e = await p.exit.then((s) => s, (x: unknown) => x);
        expect(e, what).toBeInstanceOf(LoadError);
        expect((e as Error).message, what).toMatch(/^bad\.wasm: [^\n]*$/);
        expect((e as Error).message, what).toMatch(message);
      }
      for (const [what, bytes, status] of RUN) {
        const p = m.spawn(bytes, { name: 'ok.wasm', decouple: mode === 'decoupled', stdio: 'pipe' });
        expect(await p.exit.catch((x: unknown) => String(x)), what).toEqual(status);
      }
    } finally {
      await m.shutdown();
    }
    expect(internal).toEqual([]);
    expect(escaped).toEqual([]);
  }, 60_000);
});

describe('a module binaryen cannot prepare (tail calls)', () => {
  it('multiplexed: a LoadError that says so and what to do, not "[object Object]"; auto: it runs decoupled', async () => {
    const tail = watAll(`(module ${EXIT} (memory (export "memory") 1)
      (func $f (param i32) (result i32) (if (result i32) (local.get 0) (then (return_call $f (i32.sub (local.get 0) (i32.const 1)))) (else (i32.const 3))))
      (func (export "_start") (call $exit (call $f (i32.const 100000)))))`);
    for (const mode of ['multiplexed', 'auto'] as const) {
      const m = await Machine.boot({ mode });
      try {
        const p = m.spawn(tail, { name: 'tail.wasm', stdio: 'pipe' });
        const r = await p.exit.then((s) => s, (x: unknown) => x);
        if (mode === 'auto') {
          expect(r).toEqual({ code: 3 });
        } else {
          expect(r).toBeInstanceOf(LoadError);
          expect((r as Error).message).toMatch(/^tail\.wasm: cannot prepare it for suspension: binaryen failed on it and gave no reason .*--decouple\)$/);
        }
      } finally {
        await m.shutdown();
      }
    }
  }, 60_000);
});

describe('l4wasm run on hostile modules', () => {
  let dir = '';
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'l4wasm-hostile-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a start function that traps, a data segment out of bounds: exit 126 and one line, also --decouple', () => {
    for (const [file, bytes, message] of [['trap.wasm', REFUSED[6]![1], /its start function trapped: unreachable$/], ['data.wasm', REFUSED[8]![1], /data segment is out of bounds/]] as const) {
      const path = join(dir, file);
      writeFileSync(path, bytes);
      for (const extra of [[], ['--decouple']]) {
        const r = spawnSync(process.execPath, [BIN, 'run', ...extra, path], { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
        const lines = r.stderr.split('\n').filter((l) => l !== '' && !/^l4wasm: ([^:]+: )?(preparing|running decoupled)\b/.test(l));
        expect(r.status, `${file} ${extra.join(' ')}`).toBe(126);
        expect(lines, `${file} ${extra.join(' ')}`).toHaveLength(1);
        expect(lines[0]).toMatch(message);
      }
    }
  }, 120_000);
});
