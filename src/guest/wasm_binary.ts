// One reader of the wasm binary format for everything l4wasm learns from or changes in a module
// without a full compiler IR: sections, LEB128 numbers, instruction immediates. It is a single
// linear pass over the bytes, so it costs little even for a 100 MB module.

export class WasmFormatError extends Error {}

/** A cursor over a module's bytes: LEB128 numbers, names, value types, instruction immediates. */
export class Reader {
  constructor(readonly bytes: Uint8Array, public p = 0) {}

  get done(): boolean { return this.p >= this.bytes.length; }

  byte(): number {
    if (this.p >= this.bytes.length) throw new WasmFormatError('unexpected end of module');
    return this.bytes[this.p++]!;
  }

  /** Unsigned LEB128, up to 2^53 (enough for any index, size or offset). */
  u32(): number {
    let r = 0, mul = 1, x;
    do { x = this.byte(); r += (x & 0x7f) * mul; mul *= 128; } while (x & 0x80);
    return r;
  }

  /** Skips a signed or unsigned LEB128 of any width. */
  skipLeb(): void { while (this.byte() & 0x80) { /* continuation */ } }

  name(): string {
    const n = this.u32();
    const s = new TextDecoder().decode(this.bytes.subarray(this.p, this.p + n));
    this.p += n;
    return s;
  }

  /** A value type: one byte, or a (ref null? heaptype) pair. Returns the leading byte. */
  valtype(): number {
    const t = this.byte();
    if (t === 0x63 || t === 0x64) this.skipLeb();
    return t;
  }

  /** A block type: empty, a value type, or a type index (s33). */
  blocktype(): void {
    const b = this.bytes[this.p]!;
    // A one-byte negative s33 is the empty type or a value type; otherwise a type index.
    if (b === 0x63 || b === 0x64) { this.valtype(); return; }
    if (b >= 0x40 && b <= 0x7f) { this.p++; return; }
    this.skipLeb();
  }

  memarg(): void {
    const align = this.u32();
    if (align & 0x40) this.u32(); // multi-memory: a memory index follows
    this.skipLeb();
  }
}

export interface Section {
  id: number;
  /** Offset of the section's contents (after id and size). */
  start: number;
  end: number;
  /** For custom sections (id 0): the name. */
  name?: string;
}

/** The sections of a module, in order; checks magic and version. */
export function sections(bytes: Uint8Array): Section[] {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new WasmFormatError('not a wasm module (bad magic)');
  }
  const r = new Reader(bytes, 8);
  const out: Section[] = [];
  while (!r.done) {
    const id = r.byte();
    const size = r.u32();
    const start = r.p;
    const end = start + size;
    if (end > bytes.length) throw new WasmFormatError('section runs past the end of the module');
    const s: Section = { id, start, end };
    if (id === 0) s.name = r.name();
    out.push(s);
    r.p = end;
  }
  return out;
}

/** What an instruction does to function indices, for the rewriters. */
export const enum FuncRef { None, Call, RefFunc }

/**
 * Reads one instruction at r.p and skips its immediates. Returns the opcode (prefixed opcodes as
 * prefix << 24 | sub). Throws WasmFormatError for instructions outside the proposals l4wasm knows.
 */
export function skipInstruction(r: Reader): number {
  const op = r.byte();
  switch (op) {
    case 0x02: case 0x03: case 0x04: case 0x06:
      r.blocktype(); return op;
    case 0x07: case 0x08: case 0x09: case 0x18:
    case 0x0c: case 0x0d: case 0xd4: case 0xd6:
    case 0x10: case 0x12: case 0x14: case 0x15:
    case 0x20: case 0x21: case 0x22: case 0x23: case 0x24: case 0x25: case 0x26:
    case 0x3f: case 0x40: case 0xd2:
      r.u32(); return op;
    case 0x0e: {
      for (let n = r.u32(); n > 0; n--) r.u32();
      r.u32(); return op;
    }
    case 0x11: case 0x13:
      r.u32(); r.u32(); return op;
    case 0x1c:
      for (let n = r.u32(); n > 0; n--) r.valtype();
      return op;
    case 0x1f: {
      r.blocktype();
      for (let n = r.u32(); n > 0; n--) {
        const kind = r.byte();
        if (kind === 0 || kind === 1) r.u32();
        r.u32();
      }
      return op;
    }
    case 0x41: case 0x42: case 0xd0:
      r.skipLeb(); return op;
    case 0x43: r.p += 4; return op;
    case 0x44: r.p += 8; return op;
    case 0xfc: {
      const sub = r.u32();
      if (sub <= 7) return 0xfc000000 | sub;
      if (sub === 8 || sub === 10 || sub === 12 || sub === 14) { r.u32(); r.u32(); }
      else if (sub <= 17) r.u32();
      else throw new WasmFormatError(`unknown instruction 0xfc ${sub}`);
      return 0xfc000000 | sub;
    }
    case 0xfd: {
      const sub = r.u32();
      if (sub <= 11 || sub === 92 || sub === 93) r.memarg();
      else if (sub === 12 || sub === 13) r.p += 16;
      else if (sub >= 21 && sub <= 34) r.p += 1;
      else if (sub >= 84 && sub <= 91) { r.memarg(); r.p += 1; }
      return 0xfd000000 | sub;
    }
    case 0xfe: {
      const sub = r.u32();
      if (sub === 3) r.p += 1; else r.memarg();
      return 0xfe000000 | sub;
    }
    default:
      if (op >= 0x28 && op <= 0x3e) { r.memarg(); return op; }
      if (op <= 0x01 || op === 0x05 || op === 0x0a || op === 0x0b || op === 0x0f || op === 0x19 ||
          op === 0x1a || op === 0x1b || (op >= 0x45 && op <= 0xc4) || op === 0xd1 || op === 0xd3 || op === 0xd5) return op;
      throw new WasmFormatError(`unknown instruction 0x${op.toString(16)}`);
  }
}

/** Appends bytes to a growing buffer; numbers as LEB128. */
export class Writer {
  private buf = new Uint8Array(1024);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(b: number): this { this.room(1); this.buf[this.length++] = b; return this; }

  bytes(b: Uint8Array): this { this.room(b.length); this.buf.set(b, this.length); this.length += b.length; return this; }

  u32(v: number): this {
    do {
      let b = v % 128;
      v = Math.floor(v / 128);
      if (v > 0) b |= 0x80;
      this.byte(b);
    } while (v > 0);
    return this;
  }

  s32(v: number): this {
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) { this.byte(b); return this; }
      this.byte(b | 0x80);
    }
  }

  name(s: string): this { const b = new TextEncoder().encode(s); return this.u32(b.length).bytes(b); }

  /** A section: id, size, contents. */
  section(id: number, contents: Uint8Array): this { return this.byte(id).u32(contents.length).bytes(contents); }

  finish(): Uint8Array { return this.buf.subarray(0, this.length); }
}

/** Counts of what a module imports, by kind. */
export interface ImportCounts { funcs: number; tables: number; memories: number; globals: number; tags: number }

/** Skips an import's description of `kind` (0 func, 1 table, 2 memory, 3 global, 4 tag). */
export function skipImportDesc(r: Reader, kind: number): void {
  if (kind === 0) r.u32();
  else if (kind === 1) { r.valtype(); limits(r); }
  else if (kind === 2) limits(r);
  else if (kind === 3) { r.valtype(); r.byte(); }
  else if (kind === 4) { r.byte(); r.u32(); }
  else throw new WasmFormatError(`unknown import kind ${kind}`);
}

const COUNT_FIELDS = ['funcs', 'tables', 'memories', 'globals', 'tags'] as const;

export function countImports(bytes: Uint8Array, secs: readonly Section[] = sections(bytes)): ImportCounts {
  const c: ImportCounts = { funcs: 0, tables: 0, memories: 0, globals: 0, tags: 0 };
  const imp = secs.find((s) => s.id === 2);
  if (!imp) return c;
  const r = new Reader(bytes, imp.start);
  for (let n = r.u32(); n > 0; n--) {
    r.name(); r.name();
    const kind = r.byte();
    skipImportDesc(r, kind);
    c[COUNT_FIELDS[kind]!]++;
  }
  return c;
}

const KINDS = ['function', 'table', 'memory', 'global', 'tag'] as const;

/**
 * A module's imports and exports as WebAssembly.Module.imports/exports give them, read from the
 * binary without compiling it (a 75 MB module takes most of a second to compile). Throws
 * WasmFormatError on a malformed import or export section; nothing else is validated.
 */
export function moduleInterface(bytes: Uint8Array): {
  imports: { module: string; name: string; kind: (typeof KINDS)[number] }[];
  exports: { name: string; kind: (typeof KINDS)[number] }[];
} {
  const secs = sections(bytes);
  const imports: ReturnType<typeof moduleInterface>['imports'] = [];
  const exports: ReturnType<typeof moduleInterface>['exports'] = [];
  const imp = secs.find((s) => s.id === 2);
  if (imp) {
    const r = new Reader(bytes, imp.start);
    for (let n = r.u32(); n > 0; n--) {
      const module = r.name();
      const name = r.name();
      const kind = r.byte();
      skipImportDesc(r, kind);
      imports.push({ module, name, kind: KINDS[kind]! });
    }
    if (r.p !== imp.end) throw new WasmFormatError('import section size mismatch');
  }
  const exp = secs.find((s) => s.id === 7);
  if (exp) {
    const r = new Reader(bytes, exp.start);
    for (let n = r.u32(); n > 0; n--) {
      const name = r.name();
      const kind = r.byte();
      r.u32();
      if (kind > 4) throw new WasmFormatError(`unknown export kind ${kind}`);
      exports.push({ name, kind: KINDS[kind]! });
    }
    if (r.p !== exp.end) throw new WasmFormatError('export section size mismatch');
  }
  return { imports, exports };
}

/**
 * The initial value of the module's first own global when it is a mutable i32 set by i32.const:
 * wasm-ld's __stack_pointer, so with the stack first in memory (l4wasm cc's layout) the size of
 * the stack the program was linked with. undefined for any other shape.
 */
export function firstGlobalI32(bytes: Uint8Array, secs: readonly Section[] = sections(bytes)): number | undefined {
  const g = secs.find((s) => s.id === 6);
  if (g === undefined) return undefined;
  const r = new Reader(bytes, g.start);
  if (r.u32() === 0 || r.byte() !== 0x7f || r.byte() !== 1 || r.byte() !== 0x41) return undefined;
  let v = 0, shift = 0, x;
  do { x = r.byte(); v |= (x & 0x7f) << shift; shift += 7; } while (x & 0x80 && shift < 35);
  if (shift < 32 && (x & 0x40)) v |= -1 << shift;
  return r.byte() === 0x0b ? v : undefined;
}

/** Limits of a table or memory: flags, minimum, maximum when flagged. Returns the flags. */
export function limits(r: Reader): { flags: number; min: number; max?: number } {
  const flags = r.byte();
  const min = r.u32();
  return (flags & 1) ? { flags, min, max: r.u32() } : { flags, min };
}

/** An import's shape: how many parameters, and what it returns. */
export const enum ResultType { None, Number, BigInt }

export interface ImportSignature {
  params: number;
  result: ResultType;
  /** Each parameter's value type (0x7f i32, 0x7e i64, ...) and the result's (0: none). */
  paramTypes: number[];
  resultType: number;
  /** Every result's value type (multi-value: more than one, which no call l4wasm provides returns). */
  resultTypes: number[];
}

/** The signature of each function import by "module.name" (the JS API does not expose import types). */
export function importSignatures(bytes: Uint8Array): Map<string, ImportSignature> {
  const out = new Map<string, ImportSignature>();
  for (const { key, signature } of functionImports(bytes)) out.set(key, signature);
  return out;
}

/**
 * Every function import with its signature, in order: a module may import one name twice, with
 * different types (each must be checked; a map by name keeps only one of them).
 */
export function functionImports(bytes: Uint8Array): { key: string; signature: ImportSignature }[] {
  const out: { key: string; signature: ImportSignature }[] = [];
  const secs = sections(bytes);
  const types: (ImportSignature | undefined)[] = [];
  const typeSec = secs.find((s) => s.id === 1);
  if (typeSec) {
    const r = new Reader(bytes, typeSec.start);
    for (let n = r.u32(); n > 0; n--) {
      if (r.byte() !== 0x60) return out; // rec/sub types (GC): not in the programs l4wasm runs
      const params = r.u32();
      const paramTypes: number[] = [];
      for (let i = 0; i < params; i++) paramTypes.push(r.valtype());
      let result = ResultType.None;
      let resultType = 0;
      const resultTypes: number[] = [];
      for (let i = r.u32(); i > 0; i--) {
        resultType = r.valtype();
        resultTypes.push(resultType);
        result = resultType === 0x7e ? ResultType.BigInt : ResultType.Number;
      }
      types.push({ params, result, paramTypes, resultType, resultTypes });
    }
  }
  const imp = secs.find((s) => s.id === 2);
  if (!imp) return out;
  const r = new Reader(bytes, imp.start);
  for (let n = r.u32(); n > 0; n--) {
    const mod = r.name();
    const field = r.name();
    const kind = r.byte();
    if (kind === 0) { const t = types[r.u32()]; if (t) out.push({ key: `${mod}.${field}`, signature: t }); }
    else if (kind === 1) { r.valtype(); limits(r); }
    else if (kind === 2) limits(r);
    else if (kind === 3) { r.valtype(); r.byte(); }
    else if (kind === 4) { r.byte(); r.u32(); }
    else return out;
  }
  return out;
}

/** Function names from the "name" custom section (subsection 1), by function index. */
export function functionNames(section: ArrayBuffer | Uint8Array): Map<number, string> {
  const names = new Map<number, string>();
  const r = new Reader(section instanceof Uint8Array ? section : new Uint8Array(section));
  try {
    while (!r.done) {
      const id = r.byte();
      const end = r.u32() + r.p;
      if (id === 1) for (let n = r.u32(); n > 0; n--) { const idx = r.u32(); names.set(idx, r.name()); }
      r.p = end;
    }
  } catch { /* a damaged name section: keep what was read */ }
  return names;
}

/**
 * The type of the function exported as `name` (value types of its parameters and results), or
 * undefined when no function has that name. WasmFormatError where the sections do not parse.
 */
export function exportedFunctionType(bytes: Uint8Array, name: string): { params: number[]; results: number[] } | undefined {
  const secs = sections(bytes);
  const exp = secs.find((s) => s.id === 7);
  if (!exp) return undefined;
  let index: number | undefined;
  const er = new Reader(bytes, exp.start);
  for (let n = er.u32(); n > 0 && index === undefined; n--) {
    const exportName = er.name();
    const kind = er.byte();
    const i = er.u32();
    if (exportName === name && kind === 0) index = i;
  }
  if (index === undefined) return undefined;
  // The function's type index: an imported function's from the import section, a defined one's from the function section.
  let typeIndex: number | undefined;
  let funcs = 0;
  const imp = secs.find((s) => s.id === 2);
  if (imp) {
    const r = new Reader(bytes, imp.start);
    for (let n = r.u32(); n > 0; n--) {
      r.name(); r.name();
      const kind = r.byte();
      if (kind === 0) {
        const t = r.u32();
        if (funcs++ === index) typeIndex = t;
      } else {
        skipImportDesc(r, kind);
      }
    }
  }
  const fn = secs.find((s) => s.id === 3);
  if (typeIndex === undefined && fn) {
    const r = new Reader(bytes, fn.start);
    const n = r.u32();
    for (let i = 0; i < n; i++) {
      const t = r.u32();
      if (funcs + i === index) { typeIndex = t; break; }
    }
  }
  const typeSec = secs.find((s) => s.id === 1);
  if (typeIndex === undefined || !typeSec) return undefined;
  const r = new Reader(bytes, typeSec.start);
  const count = r.u32();
  for (let t = 0; t < count; t++) {
    if (r.byte() !== 0x60) return undefined; // rec/sub types (GC): the engine has its say
    const params: number[] = [];
    for (let i = r.u32(); i > 0; i--) params.push(r.valtype());
    const results: number[] = [];
    for (let i = r.u32(); i > 0; i--) results.push(r.valtype());
    if (t === typeIndex) return { params, results };
  }
  return undefined;
}

/**
 * The module with the exports `drop` names removed from its export section (the rest of the
 * module unchanged), or the module itself when it has none of them.
 */
export function withoutExports(bytes: Uint8Array, drop: (name: string) => boolean): Uint8Array {
  const secs = sections(bytes);
  const exp = secs.find((s) => s.id === 7);
  if (!exp) return bytes;
  const r = new Reader(bytes, exp.start);
  const kept: Uint8Array[] = [];
  let dropped = 0;
  for (let n = r.u32(); n > 0; n--) {
    const at = r.p;
    const exportName = r.name();
    r.byte();
    r.u32();
    if (drop(exportName)) dropped++;
    else kept.push(bytes.subarray(at, r.p));
  }
  if (dropped === 0) return bytes;
  const body = new Writer().u32(kept.length);
  for (const k of kept) body.bytes(k);
  // Sections follow each other: the export section's header starts where the one before it ends.
  const i = secs.indexOf(exp);
  const headerStart = i === 0 ? 8 : secs[i - 1]!.end;
  const out = new Writer().bytes(bytes.subarray(0, headerStart)).section(7, body.finish()).bytes(bytes.subarray(exp.end));
  return out.finish().slice();
}

/**
 * The active element segments of table 0 at constant offsets (i32.const), with the table's initial
 * size: what the engine checks as it instantiates. Segments at a computed offset are left out.
 * WasmFormatError where the sections do not parse.
 */
export function activeElements(bytes: Uint8Array): { tableSize: number | undefined; segments: { offset: number; count: number }[] } {
  const secs = sections(bytes);
  let tableSize: number | undefined;
  const tables = secs.find((s) => s.id === 4);
  if (tables) {
    const r = new Reader(bytes, tables.start);
    if (r.u32() > 0) { r.valtype(); tableSize = limits(r).min; }
  }
  const segments: { offset: number; count: number }[] = [];
  const elem = secs.find((s) => s.id === 9);
  if (!elem) return { tableSize, segments };
  const r = new Reader(bytes, elem.start);
  for (let n = r.u32(); n > 0; n--) {
    const flags = r.u32();
    const active = (flags & 1) === 0;
    const table = flags & 2 ? (active ? r.u32() : 0) : 0;
    let offset: number | undefined;
    if (active) {
      // A constant offset is i32.const N end; anything else is computed.
      const at = r.p;
      if (r.byte() === 0x41) {
        let v = 0, shift = 0, b;
        do { b = r.byte(); v |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80 && shift < 35);
        if (shift < 32 && b & 0x40) v |= -1 << shift;
        if (r.byte() === 0x0b) offset = v >>> 0;
      }
      if (offset === undefined) { r.p = at; for (;;) { if (skipInstruction(r) === 0x0b) break; } }
    }
    const exprs = (flags & 4) !== 0;
    if (flags & 3) exprs ? r.valtype() : r.byte(); // the element kind or reference type
    const count = r.u32();
    for (let i = 0; i < count; i++) {
      if (exprs) { for (;;) { if (skipInstruction(r) === 0x0b) break; } } else r.u32();
    }
    if (active && table === 0 && offset !== undefined) segments.push({ offset, count });
  }
  return { tableSize, segments };
}

/** Longest name a message shows whole. */
const MAX_SHOWN_NAME = 200;
/** Longest engine message (which quotes the module's names) a LoadError shows whole. */
export const MAX_SHOWN_MESSAGE = 1000;

/**
 * A name from a module (an import, a function in its name section) as a one-line message may
 * show it: control characters escaped (a newline would start a line of its own, an escape
 * sequence would drive the terminal), cut after MAX_SHOWN_NAME characters.
 */
export function printableName(name: string, max = MAX_SHOWN_NAME): string {
  const cut = name.length > max ? `${name.slice(0, max)}...` : name;
  return cut.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
