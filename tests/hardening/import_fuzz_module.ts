// The import fuzzer's program: a hand-built wasm module (binaryen's API, no C, no libc) that
// imports every call l4wasm provides, with the signature the syscall table gives it, reads a
// script of calls from stdin and makes them one by one. Its code is the same for every script, so
// the multiplexed mode prepares it once. Before each call it restores the scratch zone from the
// pristine image and records the call's index in the control block; after each call it checks the
// canaries, and exits with a status of its own when they changed (layout: import_fuzz_layout.ts).
import binaryen from 'binaryen';
import {
  CANARY_A, CANARY_B, CANARY_END, CTRL, CTRL_IOV, CTRL_NREAD, CTRL_PROGRESS, CTRL_SIGNALS, EXIT_CANARY, EXIT_DONE,
  EXIT_NO_MEMORY, EXIT_SCRIPT, EXIT_SHORT_INPUT, FUZZED, HEADER, isWide, MAX_ARGS, PRISTINE, RECORD, RECORDS,
  returnsNothing, SCRATCH, SCRATCH_SIZE, SCRIPT_MAGIC,
} from './import_fuzz_layout.js';

const PAGES = Math.ceil(RECORDS / 65536);
const MAX_PAGES = 4096;

let cached: Uint8Array | undefined;

/** The module's bytes (built once per test process). */
export function fuzzModule(): Uint8Array {
  if (cached !== undefined) return cached;
  const B = binaryen;
  const m = new B.Module();
  const i32 = B.i32, i64 = B.i64, none = B.none;
  const opt = (B.Features as unknown as Record<string, number>).BulkMemoryOpt ?? 0;
  m.setFeatures(B.Features.MVP | B.Features.BulkMemory | opt | B.Features.SignExt | B.Features.MutableGlobals);
  m.setMemory(PAGES, MAX_PAGES, 'memory');

  const importName = (k: number) => `call${k}`;
  FUZZED.forEach((s, k) => {
    const params = B.createType(s.params.map((p) => (isWide(p.kind) ? i64 : i32)));
    m.addFunctionImport(importName(k), s.module, s.name, params, returnsNothing(s) ? none : i32);
  });
  const fdRead = FUZZED.findIndex((s) => s.name === 'fd_read');
  const procExit = FUZZED.findIndex((s) => returnsNothing(s));
  const c32 = (v: number) => m.i32.const(v | 0);
  const exit = (code: number) => m.call(importName(procExit), [c32(code)], none);

  // read_all(dst, want) -> got: fd_read on stdin until `want` bytes or its end.
  {
    const [dst, want, got, n] = [0, 1, 2, 3];
    m.addFunction('read_all', B.createType([i32, i32]), i32, [i32, i32], m.block(null, [
      m.local.set(got, c32(0)),
      m.block('out', [m.loop('more', m.block(null, [
        m.br('out', m.i32.ge_u(m.local.get(got, i32), m.local.get(want, i32))),
        m.i32.store(0, 4, c32(CTRL_IOV), m.i32.add(m.local.get(dst, i32), m.local.get(got, i32))),
        m.i32.store(4, 4, c32(CTRL_IOV), m.i32.sub(m.local.get(want, i32), m.local.get(got, i32))),
        m.br('out', m.call(importName(fdRead), [c32(0), c32(CTRL_IOV), c32(1), c32(CTRL_NREAD)], i32)),
        m.local.set(n, m.i32.load(0, 4, c32(CTRL_NREAD))),
        m.br('out', m.i32.eqz(m.local.get(n, i32))),
        m.local.set(got, m.i32.add(m.local.get(got, i32), m.local.get(n, i32))),
        m.br('more'),
      ]))]),
      m.local.get(got, i32),
    ], i32));
  }

  // The canary word of an address: its 64-bit product with a golden-ratio constant, xor a salt.
  const pattern = (addr: number) =>
    m.i64.xor(m.i64.mul(m.i64.extend_u(m.local.get(addr, i32)), m.i64.const(BigInt.asIntN(64, 0x9e3779b97f4a7c15n) as never)), m.i64.const(0x5deece66dn as never));
  // canaries(check): fills both canaries (check = 0) or returns 1 when a word differs.
  {
    const [check, addr, end] = [0, 1, 2];
    const region = (lo: number, hi: number, label: string) => m.block(null, [
      m.local.set(addr, c32(lo)),
      m.local.set(end, c32(hi)),
      m.loop(label, m.block(null, [
        m.if(m.local.get(check, i32),
          m.if(m.i64.ne(m.i64.load(0, 8, m.local.get(addr, i32)), pattern(addr)), m.return(c32(1))),
          m.i64.store(0, 8, m.local.get(addr, i32), pattern(addr))),
        m.local.set(addr, m.i32.add(m.local.get(addr, i32), c32(8))),
        m.br(label, m.i32.lt_u(m.local.get(addr, i32), m.local.get(end, i32))),
      ])),
    ]);
    m.addFunction('canaries', B.createType([i32]), i32, [i32, i32], m.block(null, [
      region(CANARY_A, CTRL, 'a'),
      region(CANARY_B, CANARY_END, 'b'),
      c32(0),
    ], i32));
  }

  // A signal trampoline that only counts: handlers "run" without a table to call through.
  m.addFunction('__l4posix_signal_deliver', B.createType(Array(8).fill(i32)), none, [], m.i32.store(0, 4, c32(CTRL_SIGNALS),
    m.i32.add(m.i32.load(0, 4, c32(CTRL_SIGNALS)), c32(1))));
  m.addFunctionExport('__l4posix_signal_deliver', '__l4posix_signal_deliver');
  // Its twin for faults: with both, l4wasm runs handlers (sigaction) through them.
  m.addFunctionExport('__l4posix_signal_deliver', '__l4posix_signal_fault');

  // _start: read the script, then make its calls from its start index.
  {
    const [i, count, rec, x, w, fid, tags, size, start, prelude] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const arg = (j: number) => 10 + j; // i64 locals a0..a11
    const locals = [i32, i32, i32, i32, i32, i32, i32, i64, i32, i32, ...Array(MAX_ARGS).fill(i64)];
    const header = (off: number) => m.i32.load(off, 4, c32(HEADER));
    const body: number[] = [
      m.if(m.i32.ne(m.call('read_all', [c32(HEADER), c32(16 + SCRATCH_SIZE)], i32), c32(16 + SCRATCH_SIZE)), exit(EXIT_SHORT_INPUT)),
      m.if(m.i32.ne(header(0), c32(SCRIPT_MAGIC)), exit(EXIT_SHORT_INPUT)),
      m.local.set(start, header(4)),
      m.local.set(count, header(8)),
      m.local.set(prelude, header(12)),
      m.local.set(i, c32(0)),
      // Room for the records: the pages they need beyond the module's own.
      m.local.set(x, m.i32.shr_u(m.i32.add(m.i32.add(c32(RECORDS), m.i32.mul(m.local.get(count, i32), c32(RECORD))), c32(0xffff)), c32(16))),
      m.if(m.i32.gt_u(m.local.get(x, i32), m.memory.size()),
        m.if(m.i32.eq(m.memory.grow(m.i32.sub(m.local.get(x, i32), m.memory.size())), c32(-1)), exit(EXIT_NO_MEMORY))),
      m.local.set(x, m.i32.mul(m.local.get(count, i32), c32(RECORD))),
      m.if(m.i32.ne(m.call('read_all', [c32(RECORDS), m.local.get(x, i32)], i32), m.local.get(x, i32)), exit(EXIT_SHORT_INPUT)),
      m.drop(m.call('canaries', [c32(0)], i32)),
    ];

    // One call: the record's checksum, the scratch zone restored, its arguments, the dispatch.
    const cases = FUZZED.map((s, k) => {
      const args = s.params.map((p, j) => (isWide(p.kind) ? m.local.get(arg(j), i64) : m.i32.wrap(m.local.get(arg(j), i64))));
      const c = m.call(importName(k), args, returnsNothing(s) ? none : i32);
      return returnsNothing(s) ? c : m.drop(c);
    });
    const labels = FUZZED.map((_, k) => `case${k}`);
    let dispatch = m.block(labels[0]!, [m.switch(labels, 'skip', m.local.get(fid, i32))]);
    for (let k = 0; k < cases.length; k++) {
      dispatch = k + 1 < cases.length
        ? m.block(labels[k + 1]!, [dispatch, cases[k]!, m.br('called')])
        : m.block('skip', [dispatch, cases[k]!, m.br('called')]);
    }
    const loadArgs: number[] = [];
    for (let j = 0; j < MAX_ARGS; j++) {
      const raw = m.i64.load(16 + 8 * j, 8, m.local.get(rec, i32));
      // Tag 1: the value counts down from the end of memory as it is now.
      loadArgs.push(m.local.set(arg(j), m.if(
        m.i32.and(m.i32.shr_u(m.local.get(tags, i32), c32(2 * j)), c32(3)),
        m.i64.sub(m.local.get(size, i64), raw),
        raw)));
    }
    body.push(m.block('done', [m.loop('next', m.block(null, [
      // The prelude, then the calls from the start index.
      m.if(m.i32.and(m.i32.ge_u(m.local.get(i, i32), m.local.get(prelude, i32)), m.i32.lt_u(m.local.get(i, i32), m.local.get(start, i32))),
        m.local.set(i, m.local.get(start, i32))),
      m.br('done', m.i32.ge_u(m.local.get(i, i32), m.local.get(count, i32))),
      m.local.set(rec, m.i32.add(c32(RECORDS), m.i32.mul(m.local.get(i, i32), c32(RECORD)))),
      // The record is intact: its words and its index give its checksum.
      m.local.set(x, m.i32.xor(m.i32.mul(m.local.get(i, i32), c32(0x9e3779b1)), c32(0xc0ffee))),
      m.local.set(w, c32(0)),
      m.loop('sum', m.block(null, [
        m.if(m.i32.ne(m.local.get(w, i32), c32(12)),
          m.local.set(x, m.i32.xor(m.local.get(x, i32), m.i32.load(0, 4, m.i32.add(m.local.get(rec, i32), m.local.get(w, i32)))))),
        m.local.set(w, m.i32.add(m.local.get(w, i32), c32(4))),
        m.br('sum', m.i32.lt_u(m.local.get(w, i32), c32(RECORD))),
      ])),
      m.if(m.i32.ne(m.local.get(x, i32), m.i32.load(12, 4, m.local.get(rec, i32))), exit(EXIT_SCRIPT)),
      m.memory.copy(c32(SCRATCH), c32(PRISTINE), c32(SCRATCH_SIZE)),
      m.i32.store(0, 4, c32(CTRL_PROGRESS), m.local.get(i, i32)),
      m.local.set(fid, m.i32.load(0, 4, m.local.get(rec, i32))),
      m.local.set(tags, m.i32.load(8, 4, m.local.get(rec, i32))),
      m.local.set(size, m.i64.shl(m.i64.extend_u(m.memory.size()), m.i64.const(16n as never))),
      ...loadArgs,
      m.block('called', [dispatch]),
      m.if(m.call('canaries', [c32(1)], i32), exit(EXIT_CANARY)),
      m.local.set(i, m.i32.add(m.local.get(i, i32), c32(1))),
      m.br('next'),
    ]))]));
    body.push(exit(EXIT_DONE));
    m.addFunction('_start', none, none, locals, m.block(null, body));
    m.addFunctionExport('_start', '_start');
  }
  if (!m.validate()) throw new Error('import fuzz module: binaryen says it is invalid');
  B.setDebugInfo(true);
  cached = m.emitBinary();
  B.setDebugInfo(false);
  m.dispose();
  return cached;
}
