// SQLite (the better-sqlite3 amalgamation, its real unix VFS) on l4wasm: the workload's output
// equals native SQLite's row for row on tmpfs and on a host mount, the host-mount database passes
// native SQLite's integrity check, two processes share a WAL database, and a writer killed in the
// middle of a transaction leaves a database that recovers. The default run uses 2,000 rows;
// `npm run test:sqlite-full` runs the 100,000-row workload (L4WASM_SQLITE_ROWS).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSqlite } from '../../src/cli/sqlite_build.js';
import { nativeSqlite, runNative, workloadScript } from '../../src/cli/sqlite_workload.js';
import { Machine } from '../../src/index.js';
import { writeGuestFile } from '../helpers/run_l4wasm.js';

const ROWS = Number(process.env.L4WASM_SQLITE_ROWS ?? 2000);
const TIMEOUT = Math.max(120_000, ROWS * 5);
let wasm: string;
const host = mkdtempSync(join(tmpdir(), 'l4wasm-sqlite-'));
const script = workloadScript(ROWS);
let native: string;

beforeAll(async () => {
  // Built once (content-hash cache): the amalgamation takes minutes the first time.
  wasm = await buildSqlite('l4wasm', (l) => process.stderr.write(l + '\n'));
  native = runNative(join(host, 'native.db'), script);
}, 900_000);
afterAll(() => rmSync(host, { recursive: true, force: true }));

/** Runs the shell on `db` with `sql` as its script file; resolves with its status and output. */
async function sqlite(m: Machine, db: string, sql: string, name = 'script'): Promise<{ code: number; stdout: string; stderr: string }> {
  writeGuestFile(m, `/tmp/${name}.sql`, sql);
  const p = m.spawn(wasm, { args: ['sqlite', db, `/tmp/${name}.sql`] });
  const r = await p.wait();
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
}

async function withMachine<T>(fn: (m: Machine) => Promise<T>): Promise<T> {
  const m = await Machine.boot({ mounts: [{ host, guest: '/data' }] });
  try {
    return await fn(m);
  } finally {
    await m.shutdown();
  }
}

describe(`the SQLite workload (${ROWS} rows) against native SQLite`, () => {
  it('prints what native SQLite prints, on tmpfs', async () => {
    const r = await withMachine((m) => sqlite(m, '/tmp/w.db', script));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(native);
    expect(r.code).toBe(0);
  }, TIMEOUT);

  it('prints what native SQLite prints on a host mount, and native SQLite opens the file', async () => {
    const r = await withMachine((m) => sqlite(m, '/data/w.db', script));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(native);
    expect(r.code).toBe(0);
    const Database = nativeSqlite();
    const db = new Database(join(host, 'w.db'));
    try {
      expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      const reference = new Database(join(host, 'native.db'));
      const sum = 'SELECT count(*), sum(amount), max(id) FROM orders';
      expect(db.prepare(sum).raw(true).get()).toEqual(reference.prepare(sum).raw(true).get());
      reference.close();
    } finally {
      db.close();
    }
    expect(existsSync(join(host, 'w.db-journal'))).toBe(false);
  }, TIMEOUT);

  it('.tables, .schema and .timer', async () => {
    const r = await withMachine((m) => sqlite(m, ':memory:',
      'CREATE TABLE b(x);\nCREATE TABLE a(y, z);\nCREATE INDEX ai ON a(y);\n.tables\n.schema a\n.timer on\nSELECT 1;\n'));
    expect(r.stdout).toMatch(/^a\nb\nCREATE TABLE a\(y, z\);\nCREATE INDEX ai ON a\(y\);\n1\nRun Time: real \d+\.\d{3} user \d+\.\d{6} sys \d+\.\d{6}\n$/);
    expect(r.code).toBe(0);
  });
});

/** A transfer between two of ten accounts: the balances always add up to 10,000. */
function transfers(n: number): string {
  const out = ['PRAGMA busy_timeout = 10000;'];
  for (let i = 0; i < n; i++) {
    const from = (i * 7) % 10, to = (i * 3 + 1) % 10;
    out.push('BEGIN IMMEDIATE;',
      `UPDATE accounts SET balance = balance - ${i % 50 + 1} WHERE id = ${from};`,
      `UPDATE accounts SET balance = balance + ${i % 50 + 1} WHERE id = ${to};`,
      'UPDATE seq SET n = n + 1;',
      'COMMIT;');
  }
  return out.join('\n') + '\n';
}

describe('two processes on one database', () => {
  it.each([
    ['tmpfs', '/tmp', false, false],
    ['a host mount', '/data', false, false],
    ['tmpfs, the writer decoupled', '/tmp', true, false],
    ['a host mount, both decoupled', '/data', true, true],
  ])('in WAL mode on %s: a reader always sees committed, consistent data while a writer runs', async (_, dir, decoupleWriter, decoupleReader) => {
      await withMachine(async (m) => {
        const db = `${dir}/wal-${Number(decoupleWriter)}${Number(decoupleReader)}.db`;
        const setup = await sqlite(m, db, 'PRAGMA journal_mode = WAL;\nCREATE TABLE accounts(id INTEGER PRIMARY KEY, balance INTEGER);\n' +
          'CREATE TABLE seq(n INTEGER);\nINSERT INTO seq VALUES(0);\n' +
          'WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < 9) INSERT INTO accounts SELECT i, 1000 FROM c;\n', 'setup');
        expect(setup.stderr + setup.stdout).toBe('wal\n');
        writeGuestFile(m, '/tmp/writer.sql', transfers(400));
        writeGuestFile(m, '/tmp/reader.sql', 'PRAGMA busy_timeout = 10000;\n' +
          'SELECT (SELECT n FROM seq), sum(balance), count(*) FROM accounts;\n'.repeat(400));
        const writer = m.spawn(wasm, { args: ['sqlite', db, '/tmp/writer.sql'], decouple: decoupleWriter });
        const reader = m.spawn(wasm, { args: ['sqlite', db, '/tmp/reader.sql'], decouple: decoupleReader });
        const [w, r] = await Promise.all([writer.wait(), reader.wait()]);
        expect(w.stderr + r.stderr).toBe('');
        expect([w.code, r.code]).toEqual([0, 0]);
        expect(r.stdout.startsWith('10000\n')).toBe(true); // PRAGMA busy_timeout's row
        const rows = r.stdout.trim().split('\n').slice(1).map((l) => l.split('|').map(Number));
        expect(rows).toHaveLength(400);
        let last = 0;
        for (const [n, sum, count] of rows) {
          expect([sum, count]).toEqual([10000, 10]);
          expect(n).toBeGreaterThanOrEqual(last); // commits are seen in order, never undone
          last = n!;
        }
        const end = await sqlite(m, db, 'SELECT n FROM seq;\nSELECT sum(balance) FROM accounts;\nPRAGMA integrity_check;\n', 'check');
        expect(end.stdout).toBe('400\n10000\nok\n');
        expect(w.stdout).toBe('10000\n');
        // How far the two interleaved (reported; the scheduler decides): distinct states the reader saw.
        process.stderr.write(`WAL on ${_}: the reader saw ${new Set(rows.map((x) => x[0])).size} distinct commits\n`);
      });
    }, TIMEOUT);

  it.each([
    ['both multiplexed', false, false],
    ['one decoupled', true, false],
    ['both decoupled', true, true],
  ])('in WAL mode, two writers (%s) never lose an update', async (_, d1, d2) => {
    await withMachine(async (m) => {
      const db = `/data/writers-${Number(d1)}${Number(d2)}.db`;
      await sqlite(m, db, 'PRAGMA journal_mode = WAL;\nCREATE TABLE seq(n INTEGER);\nINSERT INTO seq VALUES(0);\n', 'setup');
      writeGuestFile(m, '/tmp/inc.sql', 'PRAGMA busy_timeout = 10000;\n' + 'BEGIN IMMEDIATE;\nUPDATE seq SET n = n + 1;\nCOMMIT;\n'.repeat(300));
      const a = m.spawn(wasm, { args: ['sqlite', db, '/tmp/inc.sql'], decouple: d1 });
      const b = m.spawn(wasm, { args: ['sqlite', db, '/tmp/inc.sql'], decouple: d2 });
      const [ra, rb] = await Promise.all([a.wait(), b.wait()]);
      expect([ra.code, rb.code, ra.stderr + rb.stderr]).toEqual([0, 0, '']);
      expect((await sqlite(m, db, 'SELECT n FROM seq;\nPRAGMA integrity_check;\n', 'check')).stdout).toBe('600\nok\n');
    });
  }, TIMEOUT);

  it.each([['multiplexed', false], ['decoupled', true]])(
    'in WAL mode, a %s reader that stays open sees commits made by another process since its last query', async (_, decouple) => {
      await withMachine(async (m) => {
        const db = `/tmp/fresh-${Number(decouple)}.db`;
        await sqlite(m, db, 'PRAGMA journal_mode = WAL;\nCREATE TABLE seq(n INTEGER);\nINSERT INTO seq VALUES(0);\n', 'setup');
        const reader = m.spawn(wasm, { args: ['sqlite', db], stdin: 'pipe', decouple });
        const answer = async (sql: string, lines: number) => {
          reader.stdin!.write(sql);
          for (let i = 0; i < 600 && reader.stdout.split('\n').length <= lines; i++) await new Promise((res) => setTimeout(res, 20));
          return reader.stdout;
        };
        expect(await answer('SELECT n FROM seq;\n', 1)).toBe('0\n');
        const w = await sqlite(m, db, transfers(0) + 'UPDATE seq SET n = n + 1;\n'.repeat(50), 'writer');
        expect(w.stderr).toBe('');
        // The reader's -shm mapping must show the writer's commits (its WAL index), or it reads an old snapshot.
        expect(await answer('SELECT n FROM seq;\n', 2)).toBe('0\n50\n');
        reader.stdin!.end();
        expect((await reader.wait()).code).toBe(0);
      });
    }, TIMEOUT);

  it.each([
    ['a rollback journal on a host mount', '/data/kill.db', 'DELETE'],
    ['WAL on a host mount', '/data/killwal.db', 'WAL'],
    ['a rollback journal on tmpfs', '/tmp/kill.db', 'DELETE'],
  ])('with %s: a writer killed in the middle of a transaction leaves a database that recovers', async (_, db, mode) => {
    await withMachine(async (m) => {
      const setup = await sqlite(m, db, `PRAGMA journal_mode = ${mode};\nCREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);\n` +
        "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 1000) INSERT INTO t SELECT i, printf('row %d', i) FROM c;\n", 'setup');
      expect(setup.stdout).toBe(`${mode.toLowerCase()}\n`);
      // The writer's transaction spills to the file (a tiny cache) and then waits for more input.
      const writer = m.spawn(wasm, { args: ['sqlite', db], stdin: 'pipe' });
      writer.stdin!.write('PRAGMA cache_size = 2;\nBEGIN;\nUPDATE t SET v = hex(randomblob(200));\n' +
        "WITH RECURSIVE c(i) AS (SELECT 1001 UNION ALL SELECT i + 1 FROM c WHERE i < 3000) INSERT INTO t SELECT i, 'new' FROM c;\n" +
        "SELECT 'inside', count(*) FROM t;\n");
      for (let i = 0; i < 600 && !writer.stdout.includes('inside'); i++) await new Promise((res) => setTimeout(res, 50));
      expect(writer.stdout).toBe('inside|3000\n');
      if (mode === 'DELETE' && db.startsWith('/data')) expect(existsSync(join(host, 'kill.db-journal'))).toBe(true);
      writer.kill('SIGKILL');
      const status = await writer.wait();
      expect(status.signal).toBe('SIGKILL');
      const after = await sqlite(m, db, "PRAGMA integrity_check;\nSELECT count(*), sum(v LIKE 'row %') FROM t;\nINSERT INTO t VALUES(5000, 'after');\nSELECT count(*) FROM t;\n", 'after');
      expect(after.stderr).toBe('');
      expect(after.stdout).toBe('ok\n1000|1000\n1001\n');
    });
    if (db.startsWith('/data')) {
      const Database = nativeSqlite();
      const native = new Database(join(host, db.slice('/data/'.length)));
      try {
        expect(native.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
        expect(String(native.prepare('SELECT count(*) FROM t').pluck().get())).toBe('1001');
      } finally {
        native.close();
      }
    }
  }, TIMEOUT);
});
