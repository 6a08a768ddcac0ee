// Binaryen need not hold a program's data to prepare its code: the bytes of its large data
// segments are set aside (each segment emptied in place, its kind and offset kept, so every
// index stays what it was) before the module goes into binaryen's IR, and put back into the
// module binaryen writes. flite's 20 MB of voice data otherwise crosses into binaryen's heap,
// through its IR and out again: time and memory that grow with the data, not the code.
import { Reader, sections, skipInstruction, WasmFormatError, Writer, type Section } from './wasm_binary.js';

/** Segments below this stay where they are (not worth the bookkeeping). */
const MIN_ASIDE = 4096;

interface Segment {
  /** Where the segment starts in the section (its flags) and where its bytes start and end. */
  head: number;
  bytesAt: number;
  end: number;
}

function segmentsOf(bytes: Uint8Array, sec: Section): Segment[] {
  const r = new Reader(bytes, sec.start);
  const out: Segment[] = [];
  for (let n = r.u32(); n > 0; n--) {
    const head = r.p;
    const flags = r.u32();
    if (flags > 2) throw new WasmFormatError(`unknown data segment kind ${flags}`);
    if (flags === 2) r.u32(); // the memory index
    if (flags !== 1) { for (;;) { if (skipInstruction(r) === 0x0b) break; } }
    const len = r.u32();
    out.push({ head, bytesAt: r.p, end: r.p + len });
    r.p += len;
  }
  if (r.p !== sec.end) throw new WasmFormatError('the data section does not end where its size says');
  return out;
}

/** `bytes` with section `index` of `secs` replaced by `contents` (an id's section, same id). */
function withSection(bytes: Uint8Array, secs: readonly Section[], index: number, contents: Uint8Array): Uint8Array {
  const sec = secs[index]!;
  const headerAt = index === 0 ? 8 : secs[index - 1]!.end;
  return new Writer()
    .bytes(bytes.subarray(0, headerAt))
    .section(sec.id, contents)
    .bytes(bytes.subarray(sec.end))
    .finish();
}

/** The data section with segment i's bytes replaced by `payload(i)` (undefined: as it is). */
function rewriteData(bytes: Uint8Array, segs: readonly Segment[], payload: (i: number) => Uint8Array | undefined): Uint8Array {
  const w = new Writer().u32(segs.length);
  segs.forEach((s, i) => {
    const own = payload(i);
    const body = own ?? bytes.subarray(s.bytesAt, s.end);
    // Flags, memory index and offset expression as they were; then the length and the bytes.
    const lengthAt = s.bytesAt - lebSize(s.end - s.bytesAt);
    w.bytes(bytes.subarray(s.head, lengthAt)).u32(body.length).bytes(body);
  });
  return w.finish();
}

function lebSize(v: number): number {
  let n = 1;
  while (v >= 128) { v = Math.floor(v / 128); n++; }
  return n;
}

/**
 * Sets aside the bytes of `wasm`'s large data segments: `binary` is the module with those
 * segments empty, and `restore` puts their bytes back into a module made from it (binaryen's
 * output: the same segments in the same order). A module whose segments binaryen changed
 * cannot have them back: restore throws, and the preparation fails as binaryen's failures do.
 */
export function setDataAside(wasm: Uint8Array): { binary: Uint8Array; restore(out: Uint8Array): Uint8Array } {
  const secs = sections(wasm);
  const at = secs.findIndex((s) => s.id === 11);
  if (at < 0) return { binary: wasm, restore: (out) => out };
  const segs = segmentsOf(wasm, secs[at]!);
  const aside = new Map<number, Uint8Array>();
  segs.forEach((s, i) => { if (s.end - s.bytesAt >= MIN_ASIDE) aside.set(i, wasm.subarray(s.bytesAt, s.end)); });
  if (aside.size === 0) return { binary: wasm, restore: (out) => out };
  const empty = new Uint8Array(0);
  const binary = withSection(wasm, secs, at, rewriteData(wasm, segs, (i) => (aside.has(i) ? empty : undefined)));
  const binarySegs = segmentsOf(binary, sections(binary).find((s) => s.id === 11)!);
  return {
    binary,
    restore(out) {
      const outSecs = sections(out);
      const outAt = outSecs.findIndex((s) => s.id === 11);
      const outSegs = outAt < 0 ? [] : segmentsOf(out, outSecs[outAt]!);
      const sameHead = (i: number) => {
        const a = binarySegs[i]!, b = outSegs[i]!;
        return b.end === b.bytesAt && Buffer.compare(binary.subarray(a.head, a.bytesAt), out.subarray(b.head, b.bytesAt)) === 0;
      };
      if (outSegs.length !== segs.length || ![...aside.keys()].every(sameHead)) {
        throw new Error('binaryen changed the data segments set aside');
      }
      return withSection(out, outSecs, outAt, rewriteData(out, outSegs, (i) => aside.get(i)));
    },
  };
}
