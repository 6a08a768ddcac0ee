// A decoupled program's module gets its memory imported as a shared one. A program file read with
// room before its bytes is rewritten in place (its head only), which must give exactly the module
// the copying rewrite gives, and leave the original restorable for the engine's own error.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { shareMemory } from '../../src/guest/share_memory.js';
import { readProgramFile } from '../../src/guest/program_file.js';
import { sections } from '../../src/guest/wasm_binary.js';

let hello = '';

beforeAll(async () => {
  hello = await compileCached(join(import.meta.dirname, '..', '..', 'examples', 'hello.c'));
}, 240_000);

describe('shareMemory', () => {
  it('in place (room before the bytes) gives the module the copying rewrite gives; restore() brings the original back', () => {
    const original = new Uint8Array(readFileSync(hello));
    const copied = shareMemory(original);
    expect(copied.restore).toBeUndefined();
    expect(WebAssembly.validate(copied.binary as BufferSource)).toBe(true);
    expect(WebAssembly.Module.imports(new WebAssembly.Module(copied.binary as BufferSource))).toContainEqual({ module: 'env', name: 'memory', kind: 'memory' });

    const file = readProgramFile(hello);
    expect(file.room).toBeGreaterThan(0);
    const inPlace = shareMemory(file.bytes, file.room);
    expect(inPlace.binary.buffer).toBe(file.bytes.buffer);
    expect(Buffer.from(inPlace.binary).equals(Buffer.from(copied.binary))).toBe(true);
    expect([inPlace.initial, inPlace.maximum]).toEqual([copied.initial, copied.maximum]);
    inPlace.restore!();
    expect(Buffer.from(file.bytes).equals(Buffer.from(original))).toBe(true);
  });

  it('without room enough it copies and leaves the bytes alone', () => {
    const original = new Uint8Array(readFileSync(hello));
    const before = original.slice();
    const r = shareMemory(original, 64); // the room is claimed, but the bytes start their buffer
    expect(r.binary.buffer).not.toBe(original.buffer);
    expect(Buffer.from(original).equals(Buffer.from(before))).toBe(true);
  });

  it('a broken program file run decoupled is refused with the engine\'s message about the original', async () => {
    const bytes = new Uint8Array(readFileSync(hello));
    const code = sections(bytes).find((s) => s.id === 10)!;
    // The first function's body: its size, its locals; an opcode no engine knows in place of its first instruction.
    bytes.fill(0xff, code.start + 4, code.start + 12);
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-share-'));
    try {
      const path = join(dir, 'broken.wasm');
      writeFileSync(path, bytes);
      const m = await Machine.boot();
      try {
        const p = m.spawn(path, { decouple: true });
        await expect(p.exit).rejects.toThrow(/broken\.wasm: not a valid WebAssembly module/);
      } finally {
        await m.shutdown();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
