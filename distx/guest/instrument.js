import {
  countImports,
  limits,
  Reader,
  sections,
  skipImportDesc,
  skipInstruction,
  WasmFormatError,
  Writer
} from "./wasm_binary.js";
const PAGE_SHIFT = 16;
const MAX_PAGES = 65536;
function prepareBinary(bytes, options) {
  const { module, name } = options.preempt;
  const R = options.reserve;
  const secs = sections(bytes);
  const imports = countImports(bytes, secs);
  const shift = (f) => f >= imports.funcs ? f + 1 : f;
  const preempt = imports.funcs;
  const typeSec = secs.find((s) => s.id === 1);
  const typeIndex = typeSec ? new Reader(bytes, typeSec.start).u32() : 0;
  const funcSec = secs.find((s) => s.id === 3);
  const definedFuncs = funcSec ? new Reader(bytes, funcSec.start).u32() : 0;
  const growFn = imports.funcs + 1 + definedFuncs;
  const growType = typeIndex + 1;
  const globalSec = secs.find((s) => s.id === 6);
  const budget = imports.globals + (globalSec ? new Reader(bytes, globalSec.start).u32() : 0);
  const memLimit = budget + 1;
  const memSize = new Writer().byte(63).byte(0).byte(65).s32(R).byte(107).finish().slice();
  const memGrow = new Writer().byte(16).u32(growFn).finish().slice();
  const check = new Writer().byte(35).u32(budget).byte(65).byte(1).byte(107).byte(36).u32(budget).byte(35).u32(budget).byte(65).byte(0).byte(72).byte(4).byte(64).byte(16).u32(preempt).byte(36).u32(budget).byte(11).finish().slice();
  let loops = 0;
  const out = new Writer().bytes(bytes.subarray(0, 8));
  const emit = (id, body) => out.section(id, body);
  const present = new Set(secs.map((s) => s.id));
  const created = [
    [1, () => new Writer().u32(2).bytes(FUNC_TYPE).bytes(GROW_TYPE).finish()],
    [2, () => appendShared(appendImport(new Writer().u32(options.share ? 2 : 1), module, name, typeIndex)).finish()],
    [3, () => new Writer().u32(1).u32(growType).finish()],
    [10, () => new Writer().u32(1).bytes(growBody(R, memLimit)).finish()],
    [6, () => new Writer().u32(2).bytes(BUDGET_GLOBAL).bytes(LIMIT_GLOBAL).finish()],
    [7, () => limitExport(new Writer().u32(1), memLimit).finish()]
  ];
  const appendShared = (w) => options.share ? w.name("env").name("memory").byte(2).byte(3).u32(options.share.initial).u32(options.share.maximum) : w;
  const createBefore = (position) => {
    for (const [id, body] of created) {
      if (ORDER[id] < position && !present.has(id)) {
        present.add(id);
        emit(id, body());
      }
    }
  };
  for (const s of secs) {
    if (s.id !== 0) createBefore(ORDER[s.id] ?? 0);
    const body = bytes.subarray(s.start, s.end);
    switch (s.id) {
      case 1:
        emit(1, appendTypes(bytes, s));
        break;
      case 2:
        emit(2, rewriteImports(bytes, s, R, (w) => appendShared(appendImport(w, module, name, typeIndex)), options.share ? 1 : 0));
        break;
      case 3: {
        const r = new Reader(bytes, s.start);
        const n = r.u32();
        emit(3, new Writer().u32(n + 1).bytes(bytes.subarray(r.p, s.end)).u32(growType).finish());
        break;
      }
      case 5:
        if (!options.share) emit(5, rewriteMemories(bytes, s, R));
        break;
      case 11:
        emit(11, options.share ? passiveData(bytes, s) : body);
        break;
      case 4:
        emit(4, rewriteTables(bytes, s, shift));
        break;
      case 6:
        emit(6, rewriteGlobals(bytes, s, shift));
        break;
      case 7:
        emit(7, rewriteExports(bytes, s, shift, memLimit));
        break;
      case 8:
        emit(8, new Writer().u32(shift(new Reader(bytes, s.start).u32())).finish());
        break;
      case 9:
        emit(9, rewriteElements(bytes, s, shift));
        break;
      case 10: {
        const w = new Writer();
        const r = new Reader(bytes, s.start);
        const n = r.u32();
        w.u32(n + 1);
        for (let i = 0; i < n; i++) {
          const size = r.u32();
          const end = r.p + size;
          const f = new Writer();
          const localStart = r.p;
          for (let k = r.u32(); k > 0; k--) {
            r.u32();
            r.valtype();
          }
          f.bytes(bytes.subarray(localStart, r.p));
          loops += copyCode(r, end, f, shift, { check, memSize, memGrow });
          const fb = f.finish();
          w.u32(fb.length).bytes(fb);
        }
        emit(10, w.bytes(growBody(R, memLimit)).finish());
        break;
      }
      case 0:
        if (s.name === "name") {
          const renamed = rewriteNames(bytes, s, shift);
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
function dataSegments(bytes) {
  const out = [];
  const sec = sections(bytes).find((s) => s.id === 11);
  if (!sec) return out;
  const r = new Reader(bytes, sec.start);
  for (let n = r.u32(); n > 0; n--) {
    const flags = r.u32();
    if (flags === 1) {
      r.p += r.u32();
      continue;
    }
    if (flags === 2 && r.u32() !== 0) throw new WasmFormatError("data for a second memory");
    if (flags > 2) throw new WasmFormatError(`unknown data segment kind ${flags}`);
    if (r.byte() !== 65) throw new WasmFormatError("a data segment at a computed offset");
    let offset = 0, shiftBits = 0, b;
    do {
      b = r.byte();
      offset |= (b & 127) << shiftBits;
      shiftBits += 7;
    } while (b & 128);
    if (r.byte() !== 11) throw new WasmFormatError("a data segment at a computed offset");
    const len = r.u32();
    out.push({ offset: offset >>> 0, bytes: bytes.subarray(r.p, r.p + len) });
    r.p += len;
  }
  return out;
}
function passiveData(bytes, s) {
  const r = new Reader(bytes, s.start);
  const n = r.u32();
  const w = new Writer().u32(n);
  for (let i = 0; i < n; i++) {
    const flags = r.u32();
    if (flags === 2) r.u32();
    if (flags !== 1) {
      for (; ; ) {
        const op = skipInstruction(r);
        if (op === 11) break;
      }
    }
    const len = r.u32();
    w.u32(1).u32(len).bytes(bytes.subarray(r.p, r.p + len));
    r.p += len;
  }
  return w.finish();
}
const ORDER = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 7, 7: 8, 8: 9, 9: 10, 10: 12, 11: 13, 12: 11, 13: 6 };
const FUNC_TYPE = new Uint8Array([96, 0, 1, 127]);
const GROW_TYPE = new Uint8Array([96, 1, 127, 1, 127]);
function growBody(R, limit) {
  const f = new Writer().u32(1).u32(1).byte(127).byte(63).byte(0).byte(173).byte(32).u32(0).byte(173).byte(124).byte(35).u32(limit).byte(173).byte(86).byte(4).byte(64).byte(65).s32(-1).byte(15).byte(11).byte(32).u32(0).byte(64).byte(0).byte(34).u32(1).byte(65).s32(-1).byte(70).byte(4).byte(127).byte(65).s32(-1).byte(5).byte(32).u32(1).byte(65).s32(R).byte(107).byte(65).u32(PAGE_SHIFT).byte(116).byte(65).byte(0).byte(32).u32(0).byte(65).s32(R).byte(32).u32(0).byte(65).s32(R).byte(73).byte(27).byte(65).u32(PAGE_SHIFT).byte(116).byte(252).u32(11).byte(0).byte(32).u32(1).byte(65).s32(R).byte(107).byte(11).byte(11).finish();
  return new Writer().u32(f.length).bytes(f).finish();
}
function appendTypes(bytes, s) {
  const r = new Reader(bytes, s.start);
  const n = r.u32();
  const first = r.p;
  for (let i = 0; i < n; i++) {
    if (r.byte() !== 96) throw new WasmFormatError("GC type definitions are not supported");
    for (let k = r.u32(); k > 0; k--) r.valtype();
    for (let k = r.u32(); k > 0; k--) r.valtype();
  }
  return new Writer().u32(n + 2).bytes(bytes.subarray(first, s.end)).bytes(FUNC_TYPE).bytes(GROW_TYPE).finish();
}
function growLimits(r, w, R) {
  const l = limits(r);
  if (l.flags & 4) throw new WasmFormatError("64-bit memories are not supported");
  if (l.min + R > MAX_PAGES) throw new WasmFormatError(`its memory (${l.min} pages) leaves no room for l4wasm's ${R} reserved pages`);
  w.byte(l.flags).u32(l.min + R);
  if (l.max !== void 0) w.u32(Math.min(MAX_PAGES, Math.max(l.max + R, l.min + R)));
}
function rewriteMemories(bytes, s, R) {
  const r = new Reader(bytes, s.start);
  const n = r.u32();
  const w = new Writer().u32(n);
  for (let i = 0; i < n; i++) {
    if (i === 0) growLimits(r, w, R);
    else {
      const t = r.p;
      limits(r);
      w.bytes(bytes.subarray(t, r.p));
    }
  }
  return w.finish();
}
function rewriteImports(bytes, s, R, append, extra = 0) {
  const r = new Reader(bytes, s.start);
  const n = r.u32();
  const w = new Writer().u32(n + 1 + extra);
  let memories = 0;
  for (let i = 0; i < n; i++) {
    const t = r.p;
    r.name();
    r.name();
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
const BUDGET_GLOBAL = new Uint8Array([127, 1, 65, 0, 11]);
const LIMIT_GLOBAL = new Uint8Array([127, 1, 65, 128, 128, 4, 11]);
const MEMORY_LIMIT_EXPORT = "__l4wasm_memory_limit";
function limitExport(w, global) {
  return w.name(MEMORY_LIMIT_EXPORT).byte(3).u32(global);
}
function appendImport(w, module, name, type) {
  return w.name(module).name(name).byte(0).u32(type);
}
function copyCode(r, end, w, shift, edits) {
  const bytes = r.bytes;
  let from = r.p;
  let loops = 0;
  while (r.p < end) {
    const at = r.p;
    const op = bytes[at];
    if (op === 16 || op === 18 || op === 210) {
      r.p++;
      const f = r.u32();
      w.bytes(bytes.subarray(from, at)).byte(op).u32(shift(f));
      from = r.p;
      continue;
    }
    skipInstruction(r);
    if (edits === void 0) continue;
    if (op === 254) refuseBlockingWait(bytes, at);
    if (op === 3) {
      w.bytes(bytes.subarray(from, r.p)).bytes(edits.check);
      from = r.p;
      loops++;
    } else if ((op === 63 || op === 64) && bytes[at + 1] === 0 && r.p === at + 2) {
      w.bytes(bytes.subarray(from, at)).bytes(op === 63 ? edits.memSize : edits.memGrow);
      from = r.p;
    }
  }
  if (r.p !== end) throw new WasmFormatError("instruction runs past the end of its function");
  w.bytes(bytes.subarray(from, end));
  return loops;
}
function refuseBlockingWait(bytes, at) {
  const sub = new Reader(bytes, at + 1).u32();
  if (sub === 1 || sub === 2) {
    throw new WasmFormatError(`its code waits on shared memory (memory.atomic.wait${sub === 1 ? 32 : 64}), which would stop the vCPU and every program on it; it can run decoupled (--decouple)`);
  }
}
function copyExpr(r, w, shift) {
  const start = r.p;
  let depth = 0;
  for (; ; ) {
    const op = skipInstruction(r);
    if (op === 2 || op === 3 || op === 4) depth++;
    if (op === 11) {
      if (depth === 0) break;
      depth--;
    }
  }
  copyCode(new Reader(r.bytes, start), r.p, w, shift);
}
function rewriteGlobals(bytes, s, shift) {
  const r = new Reader(bytes, s.start);
  const n = r.u32();
  const w = new Writer().u32(n + 2);
  for (let i = 0; i < n; i++) {
    const t = r.p;
    r.valtype();
    r.byte();
    w.bytes(bytes.subarray(t, r.p));
    copyExpr(r, w, shift);
  }
  return w.bytes(BUDGET_GLOBAL).bytes(LIMIT_GLOBAL).finish();
}
function rewriteTables(bytes, s, shift) {
  const r = new Reader(bytes, s.start);
  const n = r.u32();
  const w = new Writer().u32(n);
  for (let i = 0; i < n; i++) {
    const t = r.p;
    if (bytes[r.p] === 64) {
      r.p += 2;
      r.valtype();
      limits(r);
      w.bytes(bytes.subarray(t, r.p));
      copyExpr(r, w, shift);
    } else {
      r.valtype();
      limits(r);
      w.bytes(bytes.subarray(t, r.p));
    }
  }
  return w.finish();
}
function rewriteExports(bytes, s, shift, limit) {
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
function rewriteElements(bytes, s, shift) {
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
      const t = r.p;
      if (exprs) r.valtype();
      else r.byte();
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
function rewriteNames(bytes, s, shift) {
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
        sub.u32(n);
        for (let i = 0; i < n; i++) {
          sub.u32(shift(r.u32()));
          const t = r.p;
          if (id === 1) r.name();
          else for (let k = r.u32(); k > 0; k--) {
            r.u32();
            r.name();
          }
          sub.bytes(bytes.subarray(t, r.p));
        }
        if (r.p !== end) return void 0;
        const b = sub.finish();
        w.byte(id).u32(b.length).bytes(b);
      } else {
        w.byte(id).u32(size).bytes(bytes.subarray(r.p, end));
      }
      r.p = end;
    }
    return w.finish();
  } catch {
    return void 0;
  }
}
export {
  MEMORY_LIMIT_EXPORT,
  dataSegments,
  prepareBinary
};
