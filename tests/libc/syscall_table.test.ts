// The syscall table is the one description of the edge: a call added to one family table (here,
// by mocking the identity family's module) is accepted by the loader, reachable on the local and
// the server path, converted to its convention, and traced — with no other edit anywhere.
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Errno } from '../../src/errno.js';

vi.mock('../../src/libc/syscalls/identity.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/libc/syscalls/identity.js')>();
  const { family, L4POSIX } = await import('../../src/libc/syscalls/spec.js');
  const probe = {
    // x + y, or -EINVAL for a negative x (the l4posix convention: a value or -errno).
    table_probe: (_c: unknown, x: number, y: bigint): number => (x < 0 ? -Errno.EINVAL : x + Number(y)),
  };
  return {
    identityFamily: [
      ...original.identityFamily,
      ...family('identity', L4POSIX, probe, { table_probe: ['x:int y:i64', { suspends: false, callerOnly: false }] }),
    ],
  };
});

const { compileCached } = await import('../../src/toolchain/compile_cache.js');
const { Machine } = await import('../../src/guest/machine.js');
const { serverPathWrapper } = await import('../../src/guest/posix_server.js');
const { TraceSession, memorySink } = await import('../../src/guest/trace.js');
const { L4POSIX_SPECS, isCallBoundary } = await import('../../src/libc/syscalls/index.js');

let wasm: string;
beforeAll(async () => {
  wasm = await compileCached(join(import.meta.dirname, 'fixtures', 'table_probe.c'));
}, 180_000);

const EXPECTED = `probe(20, 22) = 42\nprobe(-1, 0) = -${Errno.EINVAL}\n`;

async function runProbe(server: boolean): Promise<{ stdout: string; trace: string; code: number }> {
  const m = await Machine.boot();
  const sink = memorySink();
  const trace = new TraceSession({ mode: 'lines', sink });
  const route = server ? serverPathWrapper(m) : undefined;
  const p = m.spawn(wasm, {
    args: ['table_probe'],
    wrapImports: (imports, proc) => trace.wrapImports(route ? route(imports, proc) : imports, proc),
  });
  const status = await p.exit;
  await trace.finish();
  await m.shutdown();
  return { stdout: p.stdout, trace: sink.text(), code: status.code };
}

describe('a call added to one family table', () => {
  it('is described once, with what the table says', () => {
    const spec = L4POSIX_SPECS.get('table_probe');
    expect(spec?.family).toBe('identity');
    expect(spec?.params.map((p) => p.kind)).toEqual(['int', 'i64']);
    expect(isCallBoundary('l4posix', 'table_probe')).toBe(false);
  });

  it('is accepted by the loader, runs on the local path and is traced', async () => {
    const r = await runProbe(false);
    expect(r.stdout).toBe(EXPECTED);
    expect(r.code).toBe(0);
    expect(r.trace).toMatch(/l4posix\.table_probe\(20, 22\) = 42 .*local/);
    expect(r.trace).toMatch(/l4posix\.table_probe\(-1, 0\) = -1 EINVAL/);
  });

  it('is routed to the POSIX server, i64 argument and all, and traced as such', async () => {
    const r = await runProbe(true);
    expect(r.stdout).toBe(EXPECTED);
    expect(r.trace).toMatch(/l4posix\.table_probe\(20, 22\) = 42 .*server/);
  });
});
