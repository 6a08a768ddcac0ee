// The data a preparation sets aside from binaryen comes back exactly: a module through binaryen
// with its large segments set aside and restored is the module binaryen writes of the whole
// original, byte for byte; a module whose segments binaryen changed is refused, not patched wrong.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import binaryen from 'binaryen';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { setDataAside } from '../../src/guest/data_aside.js';
import { dataSegments } from '../../src/guest/instrument.js';

let wasm: Uint8Array;

beforeAll(async () => {
  wasm = readFileSync(await compileCached(join(import.meta.dirname, 'fixtures', 'bigdata.c')));
}, 240_000);

function throughBinaryen(bytes: Uint8Array, edit?: (m: binaryen.Module) => void): Uint8Array {
  const m = binaryen.readBinary(bytes);
  try {
    m.setFeatures(binaryen.Features.All);
    edit?.(m);
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}

describe('data set aside from binaryen', () => {
  it('leaves the large segments empty in what binaryen reads, their offsets and count kept', () => {
    const { binary } = setDataAside(wasm);
    const before = dataSegments(wasm);
    const after = dataSegments(binary);
    expect(after.map((s) => s.offset)).toEqual(before.map((s) => s.offset));
    expect(before.some((s) => s.bytes.length >= 4096)).toBe(true);
    after.forEach((s, i) => expect(s.bytes.length).toBe(before[i]!.bytes.length >= 4096 ? 0 : before[i]!.bytes.length));
    const asideBytes = before.filter((s) => s.bytes.length >= 4096).reduce((n, s) => n + s.bytes.length, 0);
    expect(binary.length).toBeLessThan(wasm.length - asideBytes + 16);
  });

  it('puts them back: binaryen\'s output of the whole module, byte for byte', () => {
    const aside = setDataAside(wasm);
    expect(Buffer.from(aside.restore(throughBinaryen(aside.binary))).equals(Buffer.from(throughBinaryen(wasm)))).toBe(true);
    expect(Buffer.from(aside.restore(aside.binary)).equals(Buffer.from(wasm))).toBe(true);
  });

  it('refuses a module whose segments changed', () => {
    const aside = setDataAside(wasm);
    // A segment added at the front shifts every index.
    const shifted = throughBinaryen(aside.binary, (m) => {
      const segs = dataSegments(aside.binary);
      m.setMemory(1, 65536, null, [
        { data: new Uint8Array([1]), offset: m.i32.const(8), passive: false },
        ...segs.map((s) => ({ data: s.bytes, offset: m.i32.const(s.offset), passive: false })),
      ]);
    });
    expect(() => aside.restore(shifted)).toThrow(/changed the data segments/);
  });
});
