class WasmFormatError extends Error {
}
class Reader {
  constructor(bytes, p = 0) {
    this.bytes = bytes;
    this.p = p;
  }
  bytes;
  p;
  get done() {
    return this.p >= this.bytes.length;
  }
  byte() {
    if (this.p >= this.bytes.length) throw new WasmFormatError("unexpected end of module");
    return this.bytes[this.p++];
  }
  /** Unsigned LEB128, up to 2^53 (enough for any index, size or offset). */
  u32() {
    let r = 0, mul = 1, x;
    do {
      x = this.byte();
      r += (x & 127) * mul;
      mul *= 128;
    } while (x & 128);
    return r;
  }
  /** Skips a signed or unsigned LEB128 of any width. */
  skipLeb() {
    while (this.byte() & 128) {
    }
  }
  name() {
    const n = this.u32();
    const s = new TextDecoder().decode(this.bytes.subarray(this.p, this.p + n));
    this.p += n;
    return s;
  }
  /** A value type: one byte, or a (ref null? heaptype) pair. Returns the leading byte. */
  valtype() {
    const t = this.byte();
    if (t === 99 || t === 100) this.skipLeb();
    return t;
  }
  /** A block type: empty, a value type, or a type index (s33). */
  blocktype() {
    const b = this.bytes[this.p];
    if (b === 99 || b === 100) {
      this.valtype();
      return;
    }
    if (b >= 64 && b <= 127) {
      this.p++;
      return;
    }
    this.skipLeb();
  }
  memarg() {
    const align = this.u32();
    if (align & 64) this.u32();
    this.skipLeb();
  }
}
function sections(bytes) {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 97 || bytes[2] !== 115 || bytes[3] !== 109) {
    throw new WasmFormatError("not a wasm module (bad magic)");
  }
  const r = new Reader(bytes, 8);
  const out = [];
  while (!r.done) {
    const id = r.byte();
    const size = r.u32();
    const start = r.p;
    const end = start + size;
    if (end > bytes.length) throw new WasmFormatError("section runs past the end of the module");
    const s = { id, start, end };
    if (id === 0) s.name = r.name();
    out.push(s);
    r.p = end;
  }
  return out;
}
var FuncRef = /* @__PURE__ */ ((FuncRef2) => {
  FuncRef2[FuncRef2["None"] = 0] = "None";
  FuncRef2[FuncRef2["Call"] = 1] = "Call";
  FuncRef2[FuncRef2["RefFunc"] = 2] = "RefFunc";
  return FuncRef2;
})(FuncRef || {});
function skipInstruction(r) {
  const op = r.byte();
  switch (op) {
    case 2:
    case 3:
    case 4:
    case 6:
      r.blocktype();
      return op;
    case 7:
    case 8:
    case 9:
    case 24:
    case 12:
    case 13:
    case 212:
    case 214:
    case 16:
    case 18:
    case 20:
    case 21:
    case 32:
    case 33:
    case 34:
    case 35:
    case 36:
    case 37:
    case 38:
    case 63:
    case 64:
    case 210:
      r.u32();
      return op;
    case 14: {
      for (let n = r.u32(); n > 0; n--) r.u32();
      r.u32();
      return op;
    }
    case 17:
    case 19:
      r.u32();
      r.u32();
      return op;
    case 28:
      for (let n = r.u32(); n > 0; n--) r.valtype();
      return op;
    case 31: {
      r.blocktype();
      for (let n = r.u32(); n > 0; n--) {
        const kind = r.byte();
        if (kind === 0 || kind === 1) r.u32();
        r.u32();
      }
      return op;
    }
    case 65:
    case 66:
    case 208:
      r.skipLeb();
      return op;
    case 67:
      r.p += 4;
      return op;
    case 68:
      r.p += 8;
      return op;
    case 252: {
      const sub = r.u32();
      if (sub <= 7) return 4227858432 | sub;
      if (sub === 8 || sub === 10 || sub === 12 || sub === 14) {
        r.u32();
        r.u32();
      } else if (sub <= 17) r.u32();
      else throw new WasmFormatError(`unknown instruction 0xfc ${sub}`);
      return 4227858432 | sub;
    }
    case 253: {
      const sub = r.u32();
      if (sub <= 11 || sub === 92 || sub === 93) r.memarg();
      else if (sub === 12 || sub === 13) r.p += 16;
      else if (sub >= 21 && sub <= 34) r.p += 1;
      else if (sub >= 84 && sub <= 91) {
        r.memarg();
        r.p += 1;
      }
      return 4244635648 | sub;
    }
    case 254: {
      const sub = r.u32();
      if (sub === 3) r.p += 1;
      else r.memarg();
      return 4261412864 | sub;
    }
    default:
      if (op >= 40 && op <= 62) {
        r.memarg();
        return op;
      }
      if (op <= 1 || op === 5 || op === 10 || op === 11 || op === 15 || op === 25 || op === 26 || op === 27 || op >= 69 && op <= 196 || op === 209 || op === 211 || op === 213) return op;
      throw new WasmFormatError(`unknown instruction 0x${op.toString(16)}`);
  }
}
class Writer {
  buf = new Uint8Array(1024);
  length = 0;
  room(n) {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  byte(b) {
    this.room(1);
    this.buf[this.length++] = b;
    return this;
  }
  bytes(b) {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }
  u32(v) {
    do {
      let b = v % 128;
      v = Math.floor(v / 128);
      if (v > 0) b |= 128;
      this.byte(b);
    } while (v > 0);
    return this;
  }
  s32(v) {
    for (; ; ) {
      const b = v & 127;
      v >>= 7;
      if (v === 0 && (b & 64) === 0 || v === -1 && (b & 64) !== 0) {
        this.byte(b);
        return this;
      }
      this.byte(b | 128);
    }
  }
  name(s) {
    const b = new TextEncoder().encode(s);
    return this.u32(b.length).bytes(b);
  }
  /** A section: id, size, contents. */
  section(id, contents) {
    return this.byte(id).u32(contents.length).bytes(contents);
  }
  finish() {
    return this.buf.subarray(0, this.length);
  }
}
function skipImportDesc(r, kind) {
  if (kind === 0) r.u32();
  else if (kind === 1) {
    r.valtype();
    limits(r);
  } else if (kind === 2) limits(r);
  else if (kind === 3) {
    r.valtype();
    r.byte();
  } else if (kind === 4) {
    r.byte();
    r.u32();
  } else throw new WasmFormatError(`unknown import kind ${kind}`);
}
const COUNT_FIELDS = ["funcs", "tables", "memories", "globals", "tags"];
function countImports(bytes, secs = sections(bytes)) {
  const c = { funcs: 0, tables: 0, memories: 0, globals: 0, tags: 0 };
  const imp = secs.find((s) => s.id === 2);
  if (!imp) return c;
  const r = new Reader(bytes, imp.start);
  for (let n = r.u32(); n > 0; n--) {
    r.name();
    r.name();
    const kind = r.byte();
    skipImportDesc(r, kind);
    c[COUNT_FIELDS[kind]]++;
  }
  return c;
}
const KINDS = ["function", "table", "memory", "global", "tag"];
function moduleInterface(bytes) {
  const secs = sections(bytes);
  const imports = [];
  const exports = [];
  const imp = secs.find((s) => s.id === 2);
  if (imp) {
    const r = new Reader(bytes, imp.start);
    for (let n = r.u32(); n > 0; n--) {
      const module = r.name();
      const name = r.name();
      const kind = r.byte();
      skipImportDesc(r, kind);
      imports.push({ module, name, kind: KINDS[kind] });
    }
    if (r.p !== imp.end) throw new WasmFormatError("import section size mismatch");
  }
  const exp = secs.find((s) => s.id === 7);
  if (exp) {
    const r = new Reader(bytes, exp.start);
    for (let n = r.u32(); n > 0; n--) {
      const name = r.name();
      const kind = r.byte();
      r.u32();
      if (kind > 4) throw new WasmFormatError(`unknown export kind ${kind}`);
      exports.push({ name, kind: KINDS[kind] });
    }
    if (r.p !== exp.end) throw new WasmFormatError("export section size mismatch");
  }
  return { imports, exports };
}
function limits(r) {
  const flags = r.byte();
  const min = r.u32();
  return flags & 1 ? { flags, min, max: r.u32() } : { flags, min };
}
var ResultType = /* @__PURE__ */ ((ResultType2) => {
  ResultType2[ResultType2["None"] = 0] = "None";
  ResultType2[ResultType2["Number"] = 1] = "Number";
  ResultType2[ResultType2["BigInt"] = 2] = "BigInt";
  return ResultType2;
})(ResultType || {});
function importSignatures(bytes) {
  const out = /* @__PURE__ */ new Map();
  for (const { key, signature } of functionImports(bytes)) out.set(key, signature);
  return out;
}
function functionImports(bytes) {
  const out = [];
  const secs = sections(bytes);
  const types = [];
  const typeSec = secs.find((s) => s.id === 1);
  if (typeSec) {
    const r2 = new Reader(bytes, typeSec.start);
    for (let n = r2.u32(); n > 0; n--) {
      if (r2.byte() !== 96) return out;
      const params = r2.u32();
      const paramTypes = [];
      for (let i = 0; i < params; i++) paramTypes.push(r2.valtype());
      let result = 0 /* None */;
      let resultType = 0;
      const resultTypes = [];
      for (let i = r2.u32(); i > 0; i--) {
        resultType = r2.valtype();
        resultTypes.push(resultType);
        result = resultType === 126 ? 2 /* BigInt */ : 1 /* Number */;
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
    if (kind === 0) {
      const t = types[r.u32()];
      if (t) out.push({ key: `${mod}.${field}`, signature: t });
    } else if (kind === 1) {
      r.valtype();
      limits(r);
    } else if (kind === 2) limits(r);
    else if (kind === 3) {
      r.valtype();
      r.byte();
    } else if (kind === 4) {
      r.byte();
      r.u32();
    } else return out;
  }
  return out;
}
function functionNames(section) {
  const names = /* @__PURE__ */ new Map();
  const r = new Reader(section instanceof Uint8Array ? section : new Uint8Array(section));
  try {
    while (!r.done) {
      const id = r.byte();
      const end = r.u32() + r.p;
      if (id === 1) for (let n = r.u32(); n > 0; n--) {
        const idx = r.u32();
        names.set(idx, r.name());
      }
      r.p = end;
    }
  } catch {
  }
  return names;
}
function exportedFunctionType(bytes, name) {
  const secs = sections(bytes);
  const exp = secs.find((s) => s.id === 7);
  if (!exp) return void 0;
  let index;
  const er = new Reader(bytes, exp.start);
  for (let n = er.u32(); n > 0 && index === void 0; n--) {
    const exportName = er.name();
    const kind = er.byte();
    const i = er.u32();
    if (exportName === name && kind === 0) index = i;
  }
  if (index === void 0) return void 0;
  let typeIndex;
  let funcs = 0;
  const imp = secs.find((s) => s.id === 2);
  if (imp) {
    const r2 = new Reader(bytes, imp.start);
    for (let n = r2.u32(); n > 0; n--) {
      r2.name();
      r2.name();
      const kind = r2.byte();
      if (kind === 0) {
        const t = r2.u32();
        if (funcs++ === index) typeIndex = t;
      } else {
        skipImportDesc(r2, kind);
      }
    }
  }
  const fn = secs.find((s) => s.id === 3);
  if (typeIndex === void 0 && fn) {
    const r2 = new Reader(bytes, fn.start);
    const n = r2.u32();
    for (let i = 0; i < n; i++) {
      const t = r2.u32();
      if (funcs + i === index) {
        typeIndex = t;
        break;
      }
    }
  }
  const typeSec = secs.find((s) => s.id === 1);
  if (typeIndex === void 0 || !typeSec) return void 0;
  const r = new Reader(bytes, typeSec.start);
  const count = r.u32();
  for (let t = 0; t < count; t++) {
    if (r.byte() !== 96) return void 0;
    const params = [];
    for (let i = r.u32(); i > 0; i--) params.push(r.valtype());
    const results = [];
    for (let i = r.u32(); i > 0; i--) results.push(r.valtype());
    if (t === typeIndex) return { params, results };
  }
  return void 0;
}
function withoutExports(bytes, drop) {
  const secs = sections(bytes);
  const exp = secs.find((s) => s.id === 7);
  if (!exp) return bytes;
  const r = new Reader(bytes, exp.start);
  const kept = [];
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
  const i = secs.indexOf(exp);
  const headerStart = i === 0 ? 8 : secs[i - 1].end;
  const out = new Writer().bytes(bytes.subarray(0, headerStart)).section(7, body.finish()).bytes(bytes.subarray(exp.end));
  return out.finish().slice();
}
function activeElements(bytes) {
  const secs = sections(bytes);
  let tableSize;
  const tables = secs.find((s) => s.id === 4);
  if (tables) {
    const r2 = new Reader(bytes, tables.start);
    if (r2.u32() > 0) {
      r2.valtype();
      tableSize = limits(r2).min;
    }
  }
  const segments = [];
  const elem = secs.find((s) => s.id === 9);
  if (!elem) return { tableSize, segments };
  const r = new Reader(bytes, elem.start);
  for (let n = r.u32(); n > 0; n--) {
    const flags = r.u32();
    const active = (flags & 1) === 0;
    const table = flags & 2 ? active ? r.u32() : 0 : 0;
    let offset;
    if (active) {
      const at = r.p;
      if (r.byte() === 65) {
        let v = 0, shift = 0, b;
        do {
          b = r.byte();
          v |= (b & 127) << shift;
          shift += 7;
        } while (b & 128 && shift < 35);
        if (shift < 32 && b & 64) v |= -1 << shift;
        if (r.byte() === 11) offset = v >>> 0;
      }
      if (offset === void 0) {
        r.p = at;
        for (; ; ) {
          if (skipInstruction(r) === 11) break;
        }
      }
    }
    const exprs = (flags & 4) !== 0;
    if (flags & 3) exprs ? r.valtype() : r.byte();
    const count = r.u32();
    for (let i = 0; i < count; i++) {
      if (exprs) {
        for (; ; ) {
          if (skipInstruction(r) === 11) break;
        }
      } else r.u32();
    }
    if (active && table === 0 && offset !== void 0) segments.push({ offset, count });
  }
  return { tableSize, segments };
}
const MAX_SHOWN_NAME = 200;
const MAX_SHOWN_MESSAGE = 1e3;
function printableName(name, max = MAX_SHOWN_NAME) {
  const cut = name.length > max ? `${name.slice(0, max)}...` : name;
  return cut.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
export {
  FuncRef,
  MAX_SHOWN_MESSAGE,
  Reader,
  ResultType,
  WasmFormatError,
  Writer,
  activeElements,
  countImports,
  exportedFunctionType,
  functionImports,
  functionNames,
  importSignatures,
  limits,
  moduleInterface,
  printableName,
  sections,
  skipImportDesc,
  skipInstruction,
  withoutExports
};
