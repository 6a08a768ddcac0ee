import { countImports, limits, Reader, sections, WasmFormatError, Writer } from "./wasm_binary.js";
const MAX_PAGES = 65536;
function sharedMemoryLimits(bytes, secs = sections(bytes)) {
  if (countImports(bytes, secs).memories > 0) throw new WasmFormatError("the module imports its memory");
  const memSec = secs.find((s) => s.id === 5);
  if (!memSec) throw new WasmFormatError("the module has no memory");
  const mr = new Reader(bytes, memSec.start);
  if (mr.u32() !== 1) throw new WasmFormatError("the module has more than one memory");
  const l = limits(mr);
  if (l.flags & 4) throw new WasmFormatError("64-bit memories are not supported");
  const initial = l.min;
  return { initial, maximum: Math.max(initial, Math.min(l.max ?? MAX_PAGES, MAX_PAGES)) };
}
function shareMemory(bytes, room = 0) {
  const secs = sections(bytes);
  const { initial, maximum } = sharedMemoryLimits(bytes, secs);
  const memoryImport = new Writer().name("env").name("memory").byte(2).byte(3).u32(initial).u32(maximum).finish();
  const headEnd = secs.find((s) => s.id === 5).end;
  const head = new Writer().bytes(bytes.subarray(0, 8));
  const section = (id, ...body) => {
    head.byte(id).u32(body.reduce((n, b) => n + b.length, 0));
    for (const b of body) head.bytes(b);
  };
  let imported = false;
  const importHere = () => {
    if (imported) return;
    imported = true;
    section(2, new Writer().u32(1).finish(), memoryImport);
  };
  for (const s of secs) {
    if (s.start >= headEnd) break;
    if (s.id === 2) {
      const r = new Reader(bytes, s.start);
      const n = r.u32();
      section(2, new Writer().u32(n + 1).finish(), bytes.subarray(r.p, s.end), memoryImport);
      imported = true;
    } else if (s.id === 5) {
      importHere();
    } else {
      if (s.id !== 0 && s.id !== 1) importHere();
      section(s.id, bytes.subarray(s.start, s.end));
    }
  }
  const newHead = head.finish();
  const tail = bytes.subarray(headEnd);
  const grows = newHead.length - headEnd;
  if (grows <= room && bytes.byteOffset - grows >= 0) {
    const oldHead = new Uint8Array(bytes.subarray(0, headEnd));
    const binary2 = new Uint8Array(bytes.buffer, bytes.byteOffset - grows, newHead.length + tail.length);
    binary2.set(newHead);
    return { binary: binary2, initial, maximum, restore: () => bytes.set(oldHead) };
  }
  const binary = Buffer.allocUnsafe(newHead.length + tail.length);
  binary.set(newHead);
  binary.set(tail, newHead.length);
  return { binary, initial, maximum };
}
export {
  shareMemory,
  sharedMemoryLimits
};
