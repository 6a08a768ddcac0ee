import { Reader, sections, skipInstruction, WasmFormatError, Writer } from "./wasm_binary.js";
const MIN_ASIDE = 4096;
function segmentsOf(bytes, sec) {
  const r = new Reader(bytes, sec.start);
  const out = [];
  for (let n = r.u32(); n > 0; n--) {
    const head = r.p;
    const flags = r.u32();
    if (flags > 2) throw new WasmFormatError(`unknown data segment kind ${flags}`);
    if (flags === 2) r.u32();
    if (flags !== 1) {
      for (; ; ) {
        if (skipInstruction(r) === 11) break;
      }
    }
    const len = r.u32();
    out.push({ head, bytesAt: r.p, end: r.p + len });
    r.p += len;
  }
  if (r.p !== sec.end) throw new WasmFormatError("the data section does not end where its size says");
  return out;
}
function withSection(bytes, secs, index, contents) {
  const sec = secs[index];
  const headerAt = index === 0 ? 8 : secs[index - 1].end;
  return new Writer().bytes(bytes.subarray(0, headerAt)).section(sec.id, contents).bytes(bytes.subarray(sec.end)).finish();
}
function rewriteData(bytes, segs, payload) {
  const w = new Writer().u32(segs.length);
  segs.forEach((s, i) => {
    const own = payload(i);
    const body = own ?? bytes.subarray(s.bytesAt, s.end);
    const lengthAt = s.bytesAt - lebSize(s.end - s.bytesAt);
    w.bytes(bytes.subarray(s.head, lengthAt)).u32(body.length).bytes(body);
  });
  return w.finish();
}
function lebSize(v) {
  let n = 1;
  while (v >= 128) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}
function setDataAside(wasm) {
  const secs = sections(wasm);
  const at = secs.findIndex((s) => s.id === 11);
  if (at < 0) return { binary: wasm, restore: (out) => out };
  const segs = segmentsOf(wasm, secs[at]);
  const aside = /* @__PURE__ */ new Map();
  segs.forEach((s, i) => {
    if (s.end - s.bytesAt >= MIN_ASIDE) aside.set(i, wasm.subarray(s.bytesAt, s.end));
  });
  if (aside.size === 0) return { binary: wasm, restore: (out) => out };
  const empty = new Uint8Array(0);
  const binary = withSection(wasm, secs, at, rewriteData(wasm, segs, (i) => aside.has(i) ? empty : void 0));
  const binarySegs = segmentsOf(binary, sections(binary).find((s) => s.id === 11));
  return {
    binary,
    restore(out) {
      const outSecs = sections(out);
      const outAt = outSecs.findIndex((s) => s.id === 11);
      const outSegs = outAt < 0 ? [] : segmentsOf(out, outSecs[outAt]);
      const sameHead = (i) => {
        const a = binarySegs[i], b = outSegs[i];
        return b.end === b.bytesAt && Buffer.compare(binary.subarray(a.head, a.bytesAt), out.subarray(b.head, b.bytesAt)) === 0;
      };
      if (outSegs.length !== segs.length || ![...aside.keys()].every(sameHead)) {
        throw new Error("binaryen changed the data segments set aside");
      }
      return withSection(out, outSecs, outAt, rewriteData(out, outSegs, (i) => aside.get(i)));
    }
  };
}
export {
  setDataAside
};
