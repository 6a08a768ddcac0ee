// Rewrites a module so that its memory is imported as a shared memory (env.memory): a decoupled
// program runs in a worker while the vCPU serves its calls on the same memory, so nothing is
// copied. Only the memory section and the import list change; every index stays as it was.
import { countImports, limits, Reader, sections, WasmFormatError, Writer } from './wasm_binary.js';

export interface SharedMemoryModule {
  binary: Uint8Array;
  /** The memory's limits in pages, to create it with. */
  initial: number;
  maximum: number;
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

export function shareMemory(bytes: Uint8Array): SharedMemoryModule {
  const secs = sections(bytes);
  const { initial, maximum } = sharedMemoryLimits(bytes, secs);
  const memoryImport = new Writer().name('env').name('memory').byte(2).byte(0x03).u32(initial).u32(maximum).finish();

  const out = new Writer().bytes(bytes.subarray(0, 8));
  let imported = false;
  const importHere = () => {
    if (imported) return;
    imported = true;
    out.section(2, new Writer().u32(1).bytes(memoryImport).finish());
  };
  for (const s of secs) {
    const body = bytes.subarray(s.start, s.end);
    if (s.id === 2) {
      const r = new Reader(bytes, s.start);
      const n = r.u32();
      out.section(2, new Writer().u32(n + 1).bytes(bytes.subarray(r.p, s.end)).bytes(memoryImport).finish());
      imported = true;
    } else if (s.id === 5) {
      importHere();
      // the memory section goes: its only memory is imported now
    } else {
      if (s.id !== 0 && s.id !== 1) importHere();
      out.section(s.id, body);
    }
  }
  return { binary: out.finish(), initial, maximum };
}
