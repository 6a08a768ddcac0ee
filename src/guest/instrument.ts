// Prepares a program's binary for the multiplexed mode, before asyncify, in one linear pass over
// the bytes (no IR, no text: it scales with module size; a 20 MB module takes tens of ms):
//
// - Preemption: every loop header counts a budget down and calls the preemption import when it is
//   used up, so a program that computes without calling the host still reaches a point where it
//   can give up the CPU.
// - A private top of memory for asyncify's saved call stack. The program must never see those
//   pages as its own: wasi-libc's malloc (before wasi-sdk 16) takes everything up to
//   `memory.size` as heap at its first call, so pages the host grows for itself are handed out to
//   the program and an unwind then overwrites live heap data. So the module declares `reserve`
//   more pages than it asked for, every `memory.size` answers without them, and every
//   `memory.grow` goes through a helper that keeps them at the top: the pages it hands over are
//   the old reserved ones (zeroed; they hold nothing while the program runs) plus fresh ones.
//
// - Division by zero as a signal: every integer division and remainder calls a helper that asks the
//   fault import first when the divisor is 0 (or a signed division overflows), so that a SIGFPE
//   handler runs inside that call, with the program's frames alive, and may siglongjmp out of it
//   (a trap unwinds them all). Without a handler, or once its handler returns, the operation traps
//   as before.
//
// The preemption and fault imports are appended to the import list, which moves every defined
// function up by two indices: calls, ref.func, element segments, exports, the start function and
// the name section follow.
import {
  countImports, limits, Reader, sections, skipImportDesc, skipInstruction, WasmFormatError, Writer, type Section,
} from './wasm_binary.js';

export interface Preparation {
  binary: Uint8Array;
  /** Loops that got a budget check. */
  loops: number;
}

export interface PrepareOptions {
  /** The import a loop calls when its budget is used up (it returns the next budget). */
  preempt: { module: string; name: string };
  /**
   * The import a division helper calls when the operation would trap: (0) returns 0 when a handler
   * catches the signal (it runs as the call returns), else 1; (1): that handler returned.
   */
  fault: { module: string; name: string };
  /** Pages kept at the top of memory, out of the program's sight. */
  reserve: number;
  /**
   * Import the memory as a shared env.memory (its limits as given, with the reserve added), so
   * that a worker can run the same program on it (l4_decouple). Data segments become passive:
   * the host writes them once (dataSegments), and a second instance must not write them again.
   */
  share?: { initial: number; maximum: number };
}

const PAGE_SHIFT = 16;
const MAX_PAGES = 65536;

/**
 * Adds `budget--; if (budget < 0) budget = preempt();` at the head of every loop and hides
 * `reserve` pages at the top of memory from the program.
 */
export function prepareBinary(bytes: Uint8Array, options: PrepareOptions): Preparation {
  const { module, name } = options.preempt;
  const R = options.reserve;
  const secs = sections(bytes);
  const imports = countImports(bytes, secs);
  const shift = (f: number) => (f >= imports.funcs ? f + 2 : f);
  const preempt = imports.funcs;
  const fault = imports.funcs + 1;
  const typeSec = secs.find((s) => s.id === 1);
  const typeIndex = typeSec ? new Reader(bytes, typeSec.start).u32() : 0;
  const funcSec = secs.find((s) => s.id === 3);
  const definedFuncs = funcSec ? new Reader(bytes, funcSec.start).u32() : 0;
  /** The memory.grow helper: the last function (after the new import moved the others up). */
  const growFn = imports.funcs + 2 + definedFuncs;
  const growType = typeIndex + 1;
  /** The division helpers follow the grow helper, in DIV_OPS' order; their types follow its type. */
  const divCalls = new Map(DIV_OPS.map((op, i) => [op, new Writer().byte(0x10).u32(growFn + 1 + i).finish().slice()]));
  const divTypes = DIV_OPS.map((op) => typeIndex + (isDiv64(op) ? 3 : 2));
  const divBodies = () => DIV_OPS.map((op) => divBody(op, fault));
  const appendImports = (w: Writer) => appendShared(appendImport(appendImport(w, module, name, typeIndex), options.fault.module, options.fault.name, growType));
  const globalSec = secs.find((s) => s.id === 6);
  const budget = imports.globals + (globalSec ? new Reader(bytes, globalSec.start).u32() : 0);
  /** The most pages memory may have (the host sets it: RLIMIT_AS, the machine's memory left). */
  const memLimit = budget + 1;
  const memSize = new Writer().byte(0x3f).byte(0).byte(0x41).s32(R).byte(0x6b).finish().slice();
  const memGrow = new Writer().byte(0x10).u32(growFn).finish().slice();
  const check = new Writer()
    .byte(0x23).u32(budget).byte(0x41).byte(1).byte(0x6b).byte(0x24).u32(budget)
    .byte(0x23).u32(budget).byte(0x41).byte(0).byte(0x48)
    .byte(0x04).byte(0x40).byte(0x10).u32(preempt).byte(0x24).u32(budget).byte(0x0b)
    .finish().slice();
  let loops = 0;

  const out = new Writer().bytes(bytes.subarray(0, 8));
  const emit = (id: number, body: Uint8Array) => out.section(id, body);
  const present = new Set(secs.map((s) => s.id));
  // Sections the new entries need but the module lacks are created where the order puts them.
  const created: [id: number, body: () => Uint8Array][] = [
    [1, () => new Writer().u32(4).bytes(FUNC_TYPE).bytes(GROW_TYPE).bytes(DIV32_TYPE).bytes(DIV64_TYPE).finish()],
    [2, () => appendImports(new Writer().u32(options.share ? 3 : 2)).finish()],
    [3, () => divTypes.reduce((w, t) => w.u32(t), new Writer().u32(1 + DIV_OPS.length).u32(growType)).finish()],
    [10, () => divBodies().reduce((w, b) => w.bytes(b), new Writer().u32(1 + DIV_OPS.length).bytes(growBody(R, memLimit))).finish()],
    [6, () => new Writer().u32(2).bytes(BUDGET_GLOBAL).bytes(LIMIT_GLOBAL).finish()],
    [7, () => limitExport(new Writer().u32(1), memLimit).finish()],
  ];
  const appendShared = (w: Writer) => (options.share
    ? w.name('env').name('memory').byte(2).byte(0x03).u32(options.share.initial).u32(options.share.maximum)
    : w);
  const createBefore = (position: number) => {
    for (const [id, body] of created) {
      if (ORDER[id]! < position && !present.has(id)) { present.add(id); emit(id, body()); }
    }
  };
  for (const s of secs) {
    if (s.id !== 0) createBefore(ORDER[s.id] ?? 0);
    const body = bytes.subarray(s.start, s.end);
    switch (s.id) {
      case 1: emit(1, appendTypes(bytes, s)); break;
      case 2: emit(2, rewriteImports(bytes, s, R, appendImports, options.share ? 3 : 2)); break;
      case 3: {
        const r = new Reader(bytes, s.start);
        const n = r.u32();
        emit(3, divTypes.reduce((w, t) => w.u32(t), new Writer().u32(n + 1 + DIV_OPS.length).bytes(bytes.subarray(r.p, s.end)).u32(growType)).finish());
        break;
      }
      case 5: if (!options.share) emit(5, rewriteMemories(bytes, s, R)); break;
      case 11: emit(11, options.share ? passiveData(bytes, s) : body); break;
      case 4: emit(4, rewriteTables(bytes, s, shift)); break;
      case 6: emit(6, rewriteGlobals(bytes, s, shift)); break;
      case 7: emit(7, rewriteExports(bytes, s, shift, memLimit)); break;
      case 8: emit(8, new Writer().u32(shift(new Reader(bytes, s.start).u32())).finish()); break;
      case 9: emit(9, rewriteElements(bytes, s, shift)); break;
      case 10: {
        const w = new Writer();
        const r = new Reader(bytes, s.start);
        const n = r.u32();
        w.u32(n + 1 + DIV_OPS.length);
        for (let i = 0; i < n; i++) {
          const size = r.u32();
          const end = r.p + size;
          const f = new Writer();
          // locals
          const localStart = r.p;
          for (let k = r.u32(); k > 0; k--) { r.u32(); r.valtype(); }
          f.bytes(bytes.subarray(localStart, r.p));
          loops += copyCode(r, end, f, shift, { check, memSize, memGrow, divCalls });
          const fb = f.finish();
          w.u32(fb.length).bytes(fb);
        }
        emit(10, divBodies().reduce((x, b) => x.bytes(b), w.bytes(growBody(R, memLimit))).finish());
        break;
      }
      case 0:
        if (s.name === 'name') {
          const renamed = rewriteNames(bytes, s, shift, DIV_OPS.map((op, i) => [growFn + 1 + i, `${DIV_HELPER_PREFIX}${op.toString(16)}`]));
          if (renamed) out.section(0, renamed);
        } else {
          out.section(0, body);
        }
        break;
      default:
        emit(s.id, body);
    }
  }
  createBefore(Infinity);
  return { binary: out.finish(), loops };
}

/** A data segment of memory 0 at a constant offset: what the host writes into a shared memory. */
export interface DataSegment { offset: number; bytes: Uint8Array }

/** The active data segments of a module (for a shared memory, which the host initializes once). */
export function dataSegments(bytes: Uint8Array): DataSegment[] {
  const out: DataSegment[] = [];
  const sec = sections(bytes).find((s) => s.id === 11);
  if (!sec) return out;
  const r = new Reader(bytes, sec.start);
  for (let n = r.u32(); n > 0; n--) {
    const flags = r.u32();
    if (flags === 1) { r.p += r.u32(); continue; }
    if (flags === 2 && r.u32() !== 0) throw new WasmFormatError('data for a second memory');
    if (flags > 2) throw new WasmFormatError(`unknown data segment kind ${flags}`);
    if (r.byte() !== 0x41) throw new WasmFormatError('a data segment at a computed offset');
    let offset = 0, shiftBits = 0, b;
    do { b = r.byte(); offset |= (b & 0x7f) << shiftBits; shiftBits += 7; } while (b & 0x80);
    if (r.byte() !== 0x0b) throw new WasmFormatError('a data segment at a computed offset');
    const len = r.u32();
    out.push({ offset: offset >>> 0, bytes: bytes.subarray(r.p, r.p + len) });
    r.p += len;
  }
  return out;
}

/** The data section with every active segment made passive (the contents stay for memory.init). */
function passiveData(bytes: Uint8Array, s: Section): Uint8Array {
  const r = new Reader(bytes, s.start);
  const n = r.u32();
  const w = new Writer().u32(n);
  for (let i = 0; i < n; i++) {
    const flags = r.u32();
    if (flags === 2) r.u32();
    if (flags !== 1) { for (;;) { const op = skipInstruction(r); if (op === 0x0b) break; } }
    const len = r.u32();
    w.u32(1).u32(len).bytes(bytes.subarray(r.p, r.p + len));
    r.p += len;
  }
  return w.finish();
}

/** Each section's position in a module (the data count and tag sections sit between others). */
const ORDER: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 7, 7: 8, 8: 9, 9: 10, 10: 12, 11: 13, 12: 11, 13: 6 };

const FUNC_TYPE = new Uint8Array([0x60, 0x00, 0x01, 0x7f]);
const GROW_TYPE = new Uint8Array([0x60, 0x01, 0x7f, 0x01, 0x7f]);
const DIV32_TYPE = new Uint8Array([0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f]);
const DIV64_TYPE = new Uint8Array([0x60, 0x02, 0x7e, 0x7e, 0x01, 0x7e]);

/** The division helpers' names (with the opcode they stand for): a trap report shows their caller. */
export const DIV_HELPER_PREFIX = '__l4wasm_checked_op_';

/** i32.div_s, div_u, rem_s, rem_u, then i64's: the operations that trap on a zero divisor. */
const DIV_OPS = [0x6d, 0x6e, 0x6f, 0x70, 0x7f, 0x80, 0x81, 0x82] as const;
const isDiv64 = (op: number) => op >= 0x7f;

/**
 * A division helper's code entry: (a, b) -> a op b, asking the fault import first when b is 0 and,
 * for a signed division, when a is the least value and b is -1 (both trap; x86 Linux raises SIGFPE
 * for both). `if (fault(0) == 0) fault(1)`: a handler ran (and returned) or none catches it; then
 * the operation itself traps as it always did. A remainder's overflow (INT_MIN % -1) is 0 in wasm,
 * not a trap, and stays so.
 */
function divBody(op: number, fault: number): Uint8Array {
  const wide = isDiv64(op);
  const ask = new Writer()
    .byte(0x41).byte(0).byte(0x10).u32(fault).byte(0x45)
    .byte(0x04).byte(0x40).byte(0x41).byte(1).byte(0x10).u32(fault).byte(0x1a).byte(0x0b)
    .finish();
  const f = new Writer().u32(0)
    // if (b == 0) ask
    .byte(0x20).byte(1).byte(wide ? 0x50 : 0x45).byte(0x04).byte(0x40).bytes(ask).byte(0x0b);
  if (op === 0x6d || op === 0x7f) {
    // if (b == -1) if (a == MIN) ask
    const min = wide ? [0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f] : [0x41, 0x80, 0x80, 0x80, 0x80, 0x78];
    f.byte(0x20).byte(1).byte(wide ? 0x42 : 0x41).byte(0x7f).byte(wide ? 0x51 : 0x46).byte(0x04).byte(0x40)
      .byte(0x20).byte(0).bytes(new Uint8Array(min)).byte(wide ? 0x51 : 0x46).byte(0x04).byte(0x40).bytes(ask).byte(0x0b)
      .byte(0x0b);
  }
  const code = f.byte(0x20).byte(0).byte(0x20).byte(1).byte(op).byte(0x0b).finish();
  return new Writer().u32(code.length).bytes(code).finish();
}

/**
 * The memory.grow helper's code entry: (n) -> old program size or -1. It fails when the memory
 * would exceed the limit global (in real pages), as it fails at the declared maximum: malloc sees
 * ENOMEM. The program's view ends R pages below the real end; after a real grow by n the first
 * min(n, R) pages it gets are the old reserved ones, which are zeroed (fresh pages from
 * memory.grow are zero, and programs rely on it).
 */
function growBody(R: number, limit: number): Uint8Array {
  const f = new Writer()
    .u32(1).u32(1).byte(0x7f) // one i32 local: old
    // if (u64(memory.size) + u64(n) > u64(limit)) return -1
    .byte(0x3f).byte(0).byte(0xad).byte(0x20).u32(0).byte(0xad).byte(0x7c)
    .byte(0x23).u32(limit).byte(0xad).byte(0x56)
    .byte(0x04).byte(0x40).byte(0x41).s32(-1).byte(0x0f).byte(0x0b)
    .byte(0x20).u32(0).byte(0x40).byte(0).byte(0x22).u32(1) // old = memory.grow(n)
    .byte(0x41).s32(-1).byte(0x46) // old == -1
    .byte(0x04).byte(0x7f).byte(0x41).s32(-1)
    .byte(0x05)
    // memory.fill((old - R) << 16, 0, min(n, R) << 16)
    .byte(0x20).u32(1).byte(0x41).s32(R).byte(0x6b).byte(0x41).u32(PAGE_SHIFT).byte(0x74)
    .byte(0x41).byte(0)
    .byte(0x20).u32(0).byte(0x41).s32(R).byte(0x20).u32(0).byte(0x41).s32(R).byte(0x49).byte(0x1b)
    .byte(0x41).u32(PAGE_SHIFT).byte(0x74)
    .byte(0xfc).u32(11).byte(0)
    .byte(0x20).u32(1).byte(0x41).s32(R).byte(0x6b)
    .byte(0x0b)
    .byte(0x0b)
    .finish();
  return new Writer().u32(f.length).bytes(f).finish();
}

/** The type section with the preemption import's type and the grow helper's type appended. */
function appendTypes(bytes: Uint8Array, s: Section): Uint8Array {
  const r = new Reader(bytes, s.start);
  const n = r.u32();
  const first = r.p;
  // Recursive groups (GC) would make the entry count differ from the type count: refuse them.
  for (let i = 0; i < n; i++) {
    if (r.byte() !== 0x60) throw new WasmFormatError('GC type definitions are not supported');
    for (let k = r.u32(); k > 0; k--) r.valtype();
    for (let k = r.u32(); k > 0; k--) r.valtype();
  }
  return new Writer().u32(n + 4).bytes(bytes.subarray(first, s.end)).bytes(FUNC_TYPE).bytes(GROW_TYPE).bytes(DIV32_TYPE).bytes(DIV64_TYPE).finish();
}

/** Limits with R more pages (minimum and maximum); memory64 is refused. */
function growLimits(r: Reader, w: Writer, R: number): void {
  const l = limits(r);
  if (l.flags & 4) throw new WasmFormatError('64-bit memories are not supported');
  if (l.min + R > MAX_PAGES) throw new WasmFormatError(`its memory (${l.min} pages) leaves no room for l4wasm's ${R} reserved pages`);
  w.byte(l.flags).u32(l.min + R);
  if (l.max !== undefined) w.u32(Math.min(MAX_PAGES, Math.max(l.max + R, l.min + R)));
}

function rewriteMemories(bytes: Uint8Array, s: Section, R: number): Uint8Array {
  const r = new Reader(bytes, s.start);
  const n = r.u32();
  const w = new Writer().u32(n);
  for (let i = 0; i < n; i++) {
    if (i === 0) growLimits(r, w, R);
    else { const t = r.p; limits(r); w.bytes(bytes.subarray(t, r.p)); }
  }
  return w.finish();
}

/** The import section with an imported memory 0 given R more pages, and `append` (`added` imports) at the end. */
function rewriteImports(bytes: Uint8Array, s: Section, R: number, append: (w: Writer) => Writer, added: number): Uint8Array {
  const r = new Reader(bytes, s.start);
  const n = r.u32();
  const w = new Writer().u32(n + added);
  let memories = 0;
  for (let i = 0; i < n; i++) {
    const t = r.p;
    r.name(); r.name();
    const kind = r.byte();
    if (kind === 2 && memories++ === 0) {
      w.bytes(bytes.subarray(t, r.p));
      growLimits(r, w, R);
      continue;
    }
    skipImportDesc(r, kind);
    w.bytes(bytes.subarray(t, r.p));
  }
  return append(w).finish();
}
const BUDGET_GLOBAL = new Uint8Array([0x7f, 0x01, 0x41, 0x00, 0x0b]);
/** (global (mut i32) (i32.const 65536)): no limit below wasm32's until the host sets one. */
const LIMIT_GLOBAL = new Uint8Array([0x7f, 0x01, 0x41, 0x80, 0x80, 0x04, 0x0b]);

/** The export of the memory limit global (pages of real memory, reserved pages included). */
export const MEMORY_LIMIT_EXPORT = '__l4wasm_memory_limit';

function limitExport(w: Writer, global: number): Writer {
  return w.name(MEMORY_LIMIT_EXPORT).byte(3).u32(global);
}

function appendImport(w: Writer, module: string, name: string, type: number): Writer {
  return w.name(module).name(name).byte(0).u32(type);
}

/** What copyCode puts in place of memory.size, memory.grow and the divisions, and after each loop header. */
interface CodeEdits { check: Uint8Array; memSize: Uint8Array; memGrow: Uint8Array; divCalls: ReadonlyMap<number, Uint8Array> }

/**
 * Copies instructions from r up to `end` into w, renumbering function references and, with
 * `edits`, inserting the budget check after each loop header and replacing memory.size and
 * memory.grow of memory 0. Returns the number of loops.
 */
function copyCode(r: Reader, end: number, w: Writer, shift: (f: number) => number, edits?: CodeEdits): number {
  const bytes = r.bytes;
  let from = r.p;
  let loops = 0;
  while (r.p < end) {
    const at = r.p;
    const op = bytes[at]!;
    if (op === 0x10 || op === 0x12 || op === 0xd2) {
      r.p++;
      const f = r.u32();
      w.bytes(bytes.subarray(from, at)).byte(op).u32(shift(f));
      from = r.p;
      continue;
    }
    skipInstruction(r);
    if (edits === undefined) continue;
    if (op === 0xfe) refuseBlockingWait(bytes, at);
    if (op === 0x03) {
      w.bytes(bytes.subarray(from, r.p)).bytes(edits.check);
      from = r.p;
      loops++;
    } else if ((op === 0x3f || op === 0x40) && bytes[at + 1] === 0 && r.p === at + 2) {
      w.bytes(bytes.subarray(from, at)).bytes(op === 0x3f ? edits.memSize : edits.memGrow);
      from = r.p;
    } else if (r.p === at + 1 && edits.divCalls.has(op)) {
      w.bytes(bytes.subarray(from, at)).bytes(edits.divCalls.get(op)!);
      from = r.p;
    }
  }
  if (r.p !== end) throw new WasmFormatError('instruction runs past the end of its function');
  w.bytes(bytes.subarray(from, end));
  return loops;
}

/**
 * memory.atomic.wait32/64 (0xfe 0x01/0x02) on a shared memory blocks the thread that runs it, up
 * to its timeout or for good: on the vCPU that is the host's main thread, so every program, every
 * timer and the machine's shutdown would stop with it. Such a program cannot be prepared; it runs
 * decoupled, waiting in its own worker.
 */
function refuseBlockingWait(bytes: Uint8Array, at: number): void {
  const sub = new Reader(bytes, at + 1).u32();
  if (sub === 0x01 || sub === 0x02) {
    throw new WasmFormatError(`its code waits on shared memory (memory.atomic.wait${sub === 1 ? 32 : 64}), which would stop the vCPU and every program on it; it can run decoupled (--decouple)`);
  }
}

/** A constant expression (ends with `end` at depth 0), copied with function references renumbered. */
function copyExpr(r: Reader, w: Writer, shift: (f: number) => number): void {
  const start = r.p;
  let depth = 0;
  for (;;) {
    const op = skipInstruction(r);
    if (op === 0x02 || op === 0x03 || op === 0x04) depth++;
    if (op === 0x0b) { if (depth === 0) break; depth--; }
  }
  copyCode(new Reader(r.bytes, start), r.p, w, shift);
}

function rewriteGlobals(bytes: Uint8Array, s: Section, shift: (f: number) => number): Uint8Array {
  const r = new Reader(bytes, s.start);
  const n = r.u32();
  const w = new Writer().u32(n + 2);
  for (let i = 0; i < n; i++) {
    const t = r.p;
    r.valtype(); r.byte();
    w.bytes(bytes.subarray(t, r.p));
    copyExpr(r, w, shift);
  }
  return w.bytes(BUDGET_GLOBAL).bytes(LIMIT_GLOBAL).finish();
}

function rewriteTables(bytes: Uint8Array, s: Section, shift: (f: number) => number): Uint8Array {
  const r = new Reader(bytes, s.start);
  const n = r.u32();
  const w = new Writer().u32(n);
  for (let i = 0; i < n; i++) {
    const t = r.p;
    if (bytes[r.p] === 0x40) {
      r.p += 2; r.valtype(); limits(r);
      w.bytes(bytes.subarray(t, r.p));
      copyExpr(r, w, shift);
    } else {
      r.valtype(); limits(r);
      w.bytes(bytes.subarray(t, r.p));
    }
  }
  return w.finish();
}

function rewriteExports(bytes: Uint8Array, s: Section, shift: (f: number) => number, limit: number): Uint8Array {
  const r = new Reader(bytes, s.start);
  const n = r.u32();
  const w = new Writer().u32(n + 1);
  for (let i = 0; i < n; i++) {
    const t = r.p;
    r.name();
    const kind = r.byte();
    w.bytes(bytes.subarray(t, r.p));
    const idx = r.u32();
    w.u32(kind === 0 ? shift(idx) : idx);
  }
  return limitExport(w, limit).finish();
}

function rewriteElements(bytes: Uint8Array, s: Section, shift: (f: number) => number): Uint8Array {
  const r = new Reader(bytes, s.start);
  const n = r.u32();
  const w = new Writer().u32(n);
  for (let i = 0; i < n; i++) {
    const flags = r.u32();
    w.u32(flags);
    if (flags > 7) throw new WasmFormatError(`unknown element segment kind ${flags}`);
    const explicitTable = (flags & 2) !== 0 && (flags & 1) === 0;
    const active = (flags & 1) === 0;
    if (explicitTable) w.u32(r.u32());
    if (active) copyExpr(r, w, shift);
    const exprs = (flags & 4) !== 0;
    if (flags & 3) {
      // passive/declarative or explicit table: an element kind (0x00) or a reference type follows
      const t = r.p;
      if (exprs) r.valtype(); else r.byte();
      w.bytes(bytes.subarray(t, r.p));
    }
    const count = r.u32();
    w.u32(count);
    for (let k = 0; k < count; k++) {
      if (exprs) copyExpr(r, w, shift);
      else w.u32(shift(r.u32()));
    }
  }
  return w.finish();
}

/** The name section with function indices renumbered (subsections 1, 2 and 3); undefined if damaged. */
function rewriteNames(bytes: Uint8Array, s: Section, shift: (f: number) => number, added: [number, string][]): Uint8Array | undefined {
  const r = new Reader(bytes, s.start);
  const w = new Writer();
  try {
    const nameStart = r.p;
    r.name();
    w.bytes(bytes.subarray(nameStart, r.p));
    while (r.p < s.end) {
      const id = r.byte();
      const size = r.u32();
      const end = r.p + size;
      if (id === 1 || id === 2 || id === 3) {
        const sub = new Writer();
        const n = r.u32();
        // The helpers' names follow the function names (theirs are the highest indices).
        sub.u32(id === 1 ? n + added.length : n);
        for (let i = 0; i < n; i++) {
          sub.u32(shift(r.u32()));
          const t = r.p;
          if (id === 1) r.name();
          else for (let k = r.u32(); k > 0; k--) { r.u32(); r.name(); }
          sub.bytes(bytes.subarray(t, r.p));
        }
        if (id === 1) for (const [f, name] of added) sub.u32(f).name(name);
        if (r.p !== end) return undefined;
        const b = sub.finish();
        w.byte(id).u32(b.length).bytes(b);
      } else {
        w.byte(id).u32(size).bytes(bytes.subarray(r.p, end));
      }
      r.p = end;
    }
    return w.finish();
  } catch {
    return undefined;
  }
}
