// The server path: the same programs, their calls sent by kernel IPC to the POSIX server, give
// exactly the outputs the local path gives (the program tests' expected outputs), including calls
// that block, i64 arguments, and errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { Machine } from '../../src/guest/machine.js';
import { serverPathWrapper } from '../../src/guest/posix_server.js';
import { buildPrograms, type Built } from '../helpers/build.js';
import { CASES, argvOf, expectedOutput } from '../helpers/cases.js';
import { TraceSession, memorySink } from '../../src/guest/trace.js';

let built: Built;

beforeAll(async () => {
  built = await buildPrograms();
});

const onTmpfs = CASES.filter((c) => c.alsoOnTmpfs || c.layout === 'none');

describe('server path', () => {
  it.each(onTmpfs.map((c) => [c.name, c] as const))('%s gives the expected output with every call sent to the server', async (_, c) => {
    const m = await Machine.boot();
    const sink = memorySink();
    const trace = new TraceSession({ mode: 'summary', sink });
    const server = serverPathWrapper(m);
    const p = m.spawn(built[c.program], {
      args: argvOf(c, '/tmp'),
      env: c.env,
      stdin: c.stdin,
      wrapImports: (imports, proc) => trace.wrapImports(server(imports, proc), proc),
    });
    const status = await p.exit;
    await trace.finish();
    await m.shutdown();
    expect(p.stdout).toBe(expectedOutput(c, '/tmp'));
    expect(p.stderr).toBe((c.stderr ?? '').split('{dir}').join('/tmp'));
    expect(status.code).toBe(c.code ?? 0);
    expect([...trace.stats.values()].reduce((n, s) => n + s.calls, 0)).toBeGreaterThan(0);
  });

  it('suspends a call the server found must wait, and completes it once input arrives', async () => {
    const m = await Machine.boot();
    const p = m.spawn(built.cat, { args: ['cat'], stdin: 'pipe', wrapImports: serverPathWrapper(m) });
    await new Promise((r) => setTimeout(r, 50));
    p.write('first\n');
    // Under load the echo may take longer than any fixed delay: wait for it (bounded).
    for (const end = Date.now() + 10_000; p.stdout === '' && Date.now() < end;) await new Promise((r) => setTimeout(r, 5));
    expect(p.stdout).toBe('first\n');
    p.write('second\n');
    p.end();
    expect((await p.exit).code).toBe(0);
    expect(p.stdout).toBe('first\nsecond\n');
    await m.shutdown();
  });

  it('serves several processes, each through its own session, and revokes a session at exit', async () => {
    const m = await Machine.boot();
    const wrap = serverPathWrapper(m);
    const a = m.spawn(built.wc, { args: ['wc'], stdin: 'one two\n', wrapImports: wrap });
    const b = m.spawn(built.wc, { args: ['wc'], stdin: 'a b c\nd\n', wrapImports: wrap });
    expect((await a.exit).code).toBe(0);
    expect((await b.exit).code).toBe(0);
    expect(a.stdout.trim().split(/\s+/).slice(0, 3)).toEqual(['1', '2', '8']);
    expect(b.stdout.trim().split(/\s+/).slice(0, 3)).toEqual(['2', '4', '8']);
    // A third process after both sessions ended still connects.
    const c = m.spawn(built.wc, { args: ['wc'], stdin: 'x\n', wrapImports: wrap });
    expect((await c.exit).code).toBe(0);
    await m.shutdown();
  });
});
