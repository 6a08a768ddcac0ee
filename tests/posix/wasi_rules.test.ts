// The two path personalities (tests/programs/DIFFERENCES.md, "absolute paths relative to a
// directory descriptor"): the same raw wasip1 calls of tests/posix/fixtures/wasi_rules.c, run as
// built by l4wasm cc (linked with libl4posix: POSIX's one tree) and with its libl4posix marker
// removed (a plain wasip1 program: WASI's sandbox rules, as node:wasi answers them too).
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import binaryen from 'binaryen';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, lines, run } from './run.js';
import { runNodeWasi } from '../helpers/run_node_wasi.js';

let posix: string;
let plain: string;
const dirs: string[] = [];
const work = mkdtempSync(join(tmpdir(), 'l4wasm-wasi-rules-'));

beforeAll(async () => {
  posix = await build('tests/posix/fixtures/wasi_rules.c');
  const m = binaryen.readBinary(readFileSync(posix));
  m.removeExport('__l4posix_cwd_init');
  plain = join(work, 'wasi_rules_plain.wasm');
  writeFileSync(plain, m.emitBinary());
  m.dispose();
}, 120_000);
afterAll(() => { for (const d of [...dirs, work]) rmSync(d, { recursive: true, force: true }); });

/** An empty host directory holding hostabs -> /. */
function sandbox(): string {
  const d = mkdtempSync(join(tmpdir(), 'l4wasm-sandbox-'));
  dirs.push(d);
  symlinkSync('/', join(d, 'hostabs'));
  return d;
}

const COMMON = [
  'mkdir sub: ok', 'create sub/f: ok', 'open sub/../sub/f: ok', 'open sub/..: EISDIR', 'open .: EISDIR',
];

describe('path personalities', () => {
  it('the plain program is plain: it imports nothing from l4posix', () => {
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(plain)));
    expect(imports.filter((i) => i.module !== 'wasi_snapshot_preview1')).toEqual([]);
  });

  it('a program linked with libl4posix resolves in the one guest tree (as openat)', async () => {
    const host = sandbox();
    const r = await run(posix, ['/sandbox'], { mounts: [{ host, guest: '/sandbox' }] });
    expect(r.stdout).toBe(lines(...COMMON,
      'open ..: EISDIR', 'open sub/../../x: ENOENT', 'open absolute /: EISDIR', 'open absolute path: ENOENT',
      'stat ..: ok', 'mkdir ../up: ok', 'symlink to an absolute path: ok', 'symlink to ../escape: ok',
      'symlink to sub/f: ok', 'symlink sub/up to ../sub/f: ok', 'open through inside: ok', 'open through sub/up: ok',
      'open through esc: ENOENT', 'open through abs: EISDIR', 'open through hostabs: EISDIR'));
    // '..' of the mount is the guest's root tmpfs: nothing was made beside the host directory.
    expect(existsSync(join(host, '..', 'up'))).toBe(false);
  });

  // An escape is EPERM, as the wasi-testsuite's interesting_paths requires (node:wasi: ENOTCAPABLE).
  const WASI_LINES = [...COMMON,
    'open ..: EPERM', 'open sub/../../x: EPERM', 'open absolute /: EPERM',
    'open absolute path: EPERM', 'stat ..: EPERM', 'mkdir ../up: EPERM',
    'symlink to an absolute path: EPERM', 'symlink to ../escape: ok', 'symlink to sub/f: ok',
    'symlink sub/up to ../sub/f: ok', 'open through inside: ok', 'open through sub/up: ok',
    'open through esc: EPERM', 'open through abs: ENOENT', 'open through hostabs: EPERM'];

  it("a plain wasip1 program keeps WASI's sandbox: nothing beneath the descriptor escapes it", async () => {
    const host = sandbox();
    const r = await run(plain, ['/sandbox'], { mounts: [{ host, guest: '/sandbox' }] });
    expect(r.stdout).toBe(lines(...WASI_LINES));
  });

  it('node:wasi answers the plain program the same, except for symlinks it checks against the preopen', async () => {
    const host = sandbox();
    const r = await runNodeWasi(plain, { args: ['wasi_rules', '/sandbox'], preopens: { '/sandbox': host } });
    // node:wasi refuses to create links whose target leaves the preopen when taken from the
    // preopen's root (DIFFERENCES.md: "symlinks whose target contains .."), so those lines differ.
    // And it calls an escape ENOTCAPABLE (tests/wasi_conformance/README.md).
    const want = WASI_LINES.map((l) => l.endsWith(': EPERM') && !l.startsWith('symlink to an absolute') ? l.replace('EPERM', 'ENOTCAPABLE') : l)
      .map((l) => l === 'symlink to ../escape: ok' ? 'symlink to ../escape: ENOTCAPABLE'
        : l === 'symlink sub/up to ../sub/f: ok' ? 'symlink sub/up to ../sub/f: ENOTCAPABLE'
          : l === 'open through sub/up: ok' ? 'open through sub/up: ENOENT'
            : l === 'open through esc: ENOTCAPABLE' ? 'open through esc: ENOENT' : l);
    expect(r.stdout).toBe(lines(...want));
  });
});
