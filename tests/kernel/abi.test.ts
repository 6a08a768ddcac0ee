// The binding's mirror of the kernel ABI stays in step with assembly/.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { KErr, ABI_EXPORTS, Kernel, kernelWasmUrl } from '../../src/kernel/kernel.js';
import { boot } from './helpers.js';

describe('kernel ABI', () => {
  it('KErr mirrors assembly/errors.ts', () => {
    const src = readFileSync(new URL('../../assembly/errors.ts', import.meta.url), 'utf8');
    const members = [...src.matchAll(/^\s+(\w+) = (\d+),/gm)].map((m) => [m[1], Number(m[2])]);
    expect(members.length).toBeGreaterThan(15);
    for (const [name, value] of members) expect(KErr[name as keyof typeof KErr]).toBe(value);
    const tsMembers = Object.keys(KErr).filter((k) => Number.isNaN(Number(k)));
    expect(tsMembers.length).toBe(members.length);
  });

  it('layout constants match the ABI_* exports of kernel.wasm', async () => {
    const module = await WebAssembly.compile(readFileSync(kernelWasmUrl()));
    const names = WebAssembly.Module.exports(module).map((e) => e.name).filter((n) => n.startsWith('ABI_') && n !== 'ABI_VERSION');
    expect(names.sort()).toEqual(Object.keys(ABI_EXPORTS).sort());
    const k = await boot();
    expect(k.rootTask).toBeGreaterThan(0);
    expect(Kernel.attach(k.memory, k.module, 1).rootTask).toBe(k.rootTask);
  });

  it('refuses to attach a CPU the kernel does not have', async () => {
    const k = await boot(2);
    expect(() => Kernel.attach(k.memory, k.module, 2)).toThrow(/cpu 2/);
  });
});

describe('boot', () => {
  it('refuses too small a memory, and a second boot over a running kernel', async () => {
    const module = await WebAssembly.compile(readFileSync(kernelWasmUrl()));
    await expect(Kernel.boot({ memoryPages: 16, module })).rejects.toThrow(/NoMem/);
    const k = await boot();
    const init = new WebAssembly.Instance(module, { env: { memory: k.memory, clockUs: () => 0 } })
      .exports.kernelInit as (n: number, b: number) => number;
    expect(init(2, 0)).toBe(-KErr.InvalidArg);
    expect(k.newThread().id).toBeGreaterThan(0);
  });
});
