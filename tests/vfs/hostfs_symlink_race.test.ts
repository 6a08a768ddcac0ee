// hostfs against a host actor that swaps directories for symlinks while the guest opens files
// through symlinks: r/x flips between a directory and a symlink to a host directory outside the
// mount, and r/lnk (the guest's way to r/x) flips between "x" and a symlink pointing outside. The
// guest opens, reads, truncates, writes, creates and lists through r/lnk, through a guest symlink
// with an absolute target, through a chain of links and through a final symlink inside r/x.
// Checked: no file or directory the guest opened is one of the outside ones (by inode), nothing
// read came from outside, and the outside tree is byte for byte, time for time what it was.
import * as nodefs from 'node:fs';
import * as os from 'node:os';
import * as nodepath from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { killHostActor, snapshot, startHostActor } from './host_actor.js';
import { createDefaultTree } from '../../src/vfs/index.js';
import type { MountTree } from '../../src/vfs/mount_tree.js';
import type { OpenFile } from '../../src/vfs/types.js';
import { R, dec, enc } from './helpers.js';

const linux = nodefs.existsSync('/proc/self/fd');
const SWAPPER = nodepath.join(import.meta.dirname, 'symlink_swapper.mjs');
/** Guest iterations per run, and the time they may take at most. */
const ITERATIONS = 1500;
const MAX_MS = 8000;

let base: string | undefined;

afterEach(() => {
  killHostActor();
  if (base !== undefined) nodefs.rmSync(base, { recursive: true, force: true });
  base = undefined;
});

/** host/r/x with f, data and flink -> f; outside/ with the same names (and flink -> secret). */
function makeTree(): { host: string; outside: string } {
  base = nodefs.realpathSync(nodefs.mkdtempSync(nodepath.join(os.tmpdir(), 'l4wasm-symrace-')));
  const host = nodepath.join(base, 'host');
  const outside = nodepath.join(base, 'outside');
  const x = nodepath.join(host, 'r', 'x');
  nodefs.mkdirSync(x, { recursive: true });
  nodefs.writeFileSync(nodepath.join(x, 'f'), 'inside f');
  nodefs.writeFileSync(nodepath.join(x, 'data'), 'inside data');
  nodefs.symlinkSync('f', nodepath.join(x, 'flink'));
  nodefs.symlinkSync('x', nodepath.join(host, 'r', 'lnk'));
  nodefs.mkdirSync(nodepath.join(outside, 'sub'), { recursive: true });
  for (const name of ['f', 'data', 'secret', 'sub/f']) nodefs.writeFileSync(nodepath.join(outside, name), `outside ${name}`);
  nodefs.symlinkSync('secret', nodepath.join(outside, 'flink'));
  const old = new Date('2001-02-03T04:05:06Z');
  for (const name of ['f', 'data', 'secret', 'sub/f', 'sub', '.']) nodefs.utimesSync(nodepath.join(outside, name), old, old);
  return { host, outside };
}


/** Inode numbers of the outside tree (the host mount lies on the same file system). */
function inodes(dir: string): Set<bigint> {
  const out = new Set<bigint>();
  const visit = (p: string): void => {
    const s = nodefs.lstatSync(p, { bigint: true });
    out.add(s.ino);
    if (s.isDirectory()) for (const name of nodefs.readdirSync(p)) visit(nodepath.join(p, name));
  };
  visit(dir);
  return out;
}


interface LoopResult {
  iterations: number;
  /** Opens that succeeded, by kind (the race must not just have refused everything). */
  reads: number;
  writes: number;
  creates: number;
  lists: number;
  breaches: string[];
}

function guestLoop(vfs: MountTree, outsideInodes: Set<bigint>): LoopResult {
  const r: LoopResult = { iterations: 0, reads: 0, writes: 0, creates: 0, lists: 0, breaches: [] };
  const breach = (what: string): void => { if (r.breaches.length < 20) r.breaches.push(`${what} (iteration ${r.iterations})`); };
  /** A file the guest opened: never one of the outside tree's. */
  const inside = (f: OpenFile, what: string): boolean => {
    const st = f.stat();
    if (typeof st === 'number') return true;
    if (outsideInodes.has(st.ino)) { breach(`${what} opened an outside node`); return false; }
    return true;
  };
  const read = (path: string): void => {
    const f = vfs.open(path, R);
    if (typeof f === 'number') return;
    const buf = new Uint8Array(64);
    const n = f.pread(buf, 0);
    const text = n > 0 ? dec(buf.subarray(0, n)) : '';
    if (inside(f, `read ${path}`)) {
      if (text.startsWith('outside')) breach(`read ${path}: ${text}`);
      else if (text === 'inside f') r.reads++;
    }
    f.close();
  };
  // The guest's own links: an absolute target, and a chain through r/lnk.
  if (vfs.symlink('/mnt/r/x', '/mnt/r/abs') !== 0 || vfs.symlink('lnk', '/mnt/r/chain') !== 0) throw new Error('symlink');
  const start = performance.now();
  while (r.iterations < ITERATIONS && performance.now() - start < MAX_MS) {
    // A created file whose unlink met a swapped link: removed by the directory's other name.
    vfs.unlink('/mnt/r/x/new');
    vfs.unlink('/mnt/r/x.dir/new');
    for (const via of ['/mnt/r/lnk', '/mnt/r/abs', '/mnt/r/chain', '/mnt/r/x']) {
      read(`${via}/f`);
      read(`${via}/flink`); // a final symlink, followed in the guest tree
      if (typeof vfs.stat(`${via}/secret`) !== 'number') breach(`stat ${via}/secret`);
      if (typeof vfs.stat(`${via}/sub/f`) !== 'number') breach(`stat ${via}/sub/f`);
      const w = vfs.open(`${via}/data`, { read: false, write: true, truncate: true });
      if (typeof w !== 'number') {
        if (inside(w, `truncate ${via}/data`)) { w.pwrite(enc('inside data'), 0); r.writes++; }
        w.close();
      }
      const c = vfs.open(`${via}/new`, { read: false, write: true, create: true, exclusive: true, mode: 0o644 });
      if (typeof c !== 'number') {
        if (inside(c, `create ${via}/new`)) r.creates++;
        c.pwrite(enc('guest'), 0);
        c.close();
        vfs.unlink(`${via}/new`);
      }
      const d = vfs.open(via, { ...R, directory: true });
      if (typeof d !== 'number') {
        if (inside(d, `open directory ${via}`)) {
          const list = d.readdir();
          if (typeof list !== 'number') {
            if (list.some((e) => e.name === 'secret' || e.name === 'sub')) breach(`listed ${via}: ${list.map((e) => e.name).join(',')}`);
            else r.lists++;
          }
        }
        d.close();
      }
    }
    r.iterations++;
  }
  return r;
}

describe.skipIf(!linux)('hostfs: opens through symlinks while a host process swaps directories and links', () => {
  test('nothing outside the mount is opened, read or written', async () => {
    const { host, outside } = makeTree();
    const before = snapshot(outside);
    const outsideInodes = inodes(outside);
    const done = await startHostActor(SWAPPER, [host, outside], nodepath.join(base!, 'stop'));
    const vfs = createDefaultTree({ dirs: [{ host, guest: '/mnt' }] });
    const r = guestLoop(vfs, outsideInodes);
    const swaps = await done();
    const seen = JSON.stringify({ ...r, swaps });
    expect(r.breaches, seen).toEqual([]);
    expect(snapshot(outside)).toEqual(before);
    expect(nodefs.readFileSync(nodepath.join(host, 'r', 'x', 'data'), 'utf8')).toBe('inside data');
    // The race really ran: many swaps, and opens through the links succeeded in between.
    expect(swaps, seen).toBeGreaterThan(100);
    expect(r.iterations, seen).toBeGreaterThanOrEqual(300);
    for (const n of [r.reads, r.writes, r.creates, r.lists]) expect(n, seen).toBeGreaterThan(0);
  }, 30_000);
});
