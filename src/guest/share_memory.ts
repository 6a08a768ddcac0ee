// Rewrites a module so that its memory is imported as a shared memory (env.memory): a decoupled
// program runs in a worker while the vCPU serves its calls on the same memory, so nothing is
// copied. Only the memory section and the import list change; every index stays as it was.
import { countImports, limits, Reader, sections, WasmFormatError, Writer } from './wasm_binary.js';

export interface SharedMemoryModule {
  binary: Uint8Array;
  /** The memory's limits in pages, to create it with. */
  initial: number;
  maximum: number;
  /** Rewritten in place: puts the original's head back into `bytes` (once `binary` was taken). */
  restore?: () => void;
}

const MAX_PAGES = 65536;

/** The limits (pages) a shared copy of the module's own memory gets; throws for what cannot be shared. */
export function sharedMemoryLimits(bytes: Uint8Array, secs = sections(bytes)): { initial: number; maximum: number } {
  if (countImports(bytes, secs).memories > 0) throw new WasmFormatError('the module imports its memory');
  const memSec = secs.find((s) => s.id === 5);
  if (!memSec) throw new WasmFormatError('the module has no memory');
  const mr = new Reader(bytes, memSec.start);
  if (mr.u32() !== 1) throw new WasmFormatError('the module has more than one memory');
  const l = limits(mr);
  if (l.flags & 4) throw new WasmFormatError('64-bit memories are not supported');
  const initial = l.min;
  return { initial, maximum: Math.max(initial, Math.min(l.max ?? MAX_PAGES, MAX_PAGES)) };
}

/**
 * The module with its memory imported as a shared one. Everything after the memory section stays
 * as it is (the code and the data: nearly all of a module), so it is copied once, or not at all:
 * with `room` bytes free in the buffer just before `bytes` (a program file read with room to
 * spare, program_file.ts), the rewritten head goes there and the module is rewritten in place:
 * `bytes` holds the original again only after restore().
 */
export function shareMemory(bytes: Uint8Array, room = 0): SharedMemoryModule {
  const secs = sections(bytes);
  const { initial, maximum } = sharedMemoryLimits(bytes, secs);
  const memoryImport = new Writer().name('env').name('memory').byte(2).byte(0x03).u32(initial).u32(maximum).finish();
  // The import and memory sections change; nothing after the memory section does.
  const headEnd = secs.find((s) => s.id === 5)!.end;

  const head = new Writer().bytes(bytes.subarray(0, 8));
  const section = (id: number, ...body: Uint8Array[]) => {
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
      // the memory section goes: its only memory is imported now
    } else {
      if (s.id !== 0 && s.id !== 1) importHere();
      section(s.id, bytes.subarray(s.start, s.end));
    }
  }
  const newHead = head.finish();
  const tail = bytes.subarray(headEnd);
  const grows = newHead.length - headEnd;
  if (grows <= room && bytes.byteOffset - grows >= 0) {
    const oldHead = new Uint8Array(bytes.subarray(0, headEnd)); // a copy (a Buffer's slice() would be a view)
    const binary = new Uint8Array(bytes.buffer, bytes.byteOffset - grows, newHead.length + tail.length);
    binary.set(newHead);
    return { binary, initial, maximum, restore: () => bytes.set(oldHead) };
  }
  const binary = Buffer.allocUnsafe(newHead.length + tail.length);
  binary.set(newHead);
  binary.set(tail, newHead.length);
  return { binary, initial, maximum };
}
