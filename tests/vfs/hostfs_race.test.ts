// hostfs under a race: while a guest works under /mnt/r/x/..., another actor swaps r/x between
// a real directory and a symlink to a host directory outside the mount, thousands of times. The
// mount tree checks r/x as a directory; if hostfs then resolved the joined host path again, the
// host would follow the swapped-in symlink and the guest would reach outside. Checked: every name
// that exists only outside stays invisible (stat, open, readlink, readdir, link, rename, utimes
// all fail), and the outside directory is byte for byte and time for time what it was.
// The other actor is a host process, then a second l4wasm machine sharing the directory.
import * as nodefs from 'node:fs';
import * as os from 'node:os';
import * as nodepath from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { killHostActor, snapshot, startHostActor } from './host_actor.js';
import { FileType } from '../../src/vfs/types.js';
import { createDefaultTree, HostFs } from '../../src/vfs/index.js';
import type { MountTree } from '../../src/vfs/mount_tree.js';
import { Errno } from '../../src/errno.js';
import { R, enc, ok, stat } from './helpers.js';

const linux = nodefs.existsSync('/proc/self/fd');
const RENAMER = nodepath.join(import.meta.dirname, 'race_renamer.mjs');
/** Guest iterations per run (each about 25 calls), and the time they may take at most. */
const ITERATIONS = 3000;
const MAX_MS = 6000;
/** A time far in the past that the guest sets, 1970-01-01T00:16:40Z. */
const T = 1_000_000_000_000n;
const OLD = new Date('2001-02-03T04:05:06Z');

let base: string | undefined;

afterEach(() => {
  killHostActor();
  if (base !== undefined) nodefs.rmSync(base, { recursive: true, force: true });
  base = undefined;
});

/** host/r/x (the directory that gets swapped) and outside/ (the sentinel the guest must never touch). */
function makeTree(): { host: string; outside: string } {
  base = nodefs.realpathSync(nodefs.mkdtempSync(nodepath.join(os.tmpdir(), 'l4wasm-race-')));
  const host = nodepath.join(base, 'host');
  const outside = nodepath.join(base, 'outside');
  nodefs.mkdirSync(nodepath.join(host, 'r', 'x'), { recursive: true });
  nodefs.writeFileSync(nodepath.join(host, 'r', 'x', 'ra'), 'inside ra');
  nodefs.writeFileSync(nodepath.join(host, 'r', 'x', 'touchme'), 'inside touchme');
  nodefs.writeFileSync(nodepath.join(host, 'r', 'inbox'), 'inbox');
  nodefs.mkdirSync(nodepath.join(outside, 'odir'), { recursive: true });
  for (const name of ['secret', 'victim', 'ra', 'touchme', 'odir/deep']) {
    nodefs.writeFileSync(nodepath.join(outside, name), `outside ${name}`);
  }
  nodefs.symlinkSync('secret', nodepath.join(outside, 'olink'));
  for (const name of ['secret', 'victim', 'ra', 'touchme', 'odir/deep', 'odir', '.']) {
    nodefs.utimesSync(nodepath.join(outside, name), OLD, OLD);
  }
  return { host, outside };
}



interface LoopResult {
  iterations: number;
  /** What the guest saw at /mnt/r/x (lstat). */
  sawLink: number;
  sawDir: number;
  /** Changes that succeeded (inside the mount). */
  changed: number;
  breaches: string[];
}

/** The guest's side: calls through the mount tree on /mnt/r/x/... while r/x is being swapped. */
function guestLoop(vfs: MountTree, outside: string): LoopResult {
  const X = '/mnt/r/x';
  const r: LoopResult = { iterations: 0, sawLink: 0, sawDir: 0, changed: 0, breaches: [] };
  const breach = (what: string): void => { if (r.breaches.length < 20) r.breaches.push(`${what} (iteration ${r.iterations})`); };
  const ok = (e: number): void => { if (e === 0) r.changed++; };
  const start = performance.now();
  while (r.iterations < ITERATIONS && performance.now() - start < MAX_MS) {
    const st = vfs.stat(X, false);
    if (typeof st !== 'number') {
      if (st.type === FileType.SymbolicLink) r.sawLink++;
      else if (st.type === FileType.Directory) r.sawDir++;
    }
    // Names that exist only outside: never reported, opened, read, listed, moved or changed.
    if (typeof vfs.stat(`${X}/secret`) !== 'number') breach('stat secret');
    if (typeof vfs.stat(`${X}/secret`, false) !== 'number') breach('lstat secret');
    if (typeof vfs.stat(`${X}/odir/deep`) !== 'number') breach('stat odir/deep');
    const f = vfs.open(`${X}/secret`, R);
    if (typeof f !== 'number') { f.close(); breach('open secret'); }
    if (typeof vfs.readlink(`${X}/olink`) !== 'number') breach('readlink olink');
    if (vfs.unlink(`${X}/victim`) === 0) breach('unlink victim');
    if (vfs.setTimes(`${X}/secret`, false, T, T) === 0) breach('utimes secret');
    if (vfs.rename(`${X}/victim`, '/mnt/r/stolen') === 0) breach('rename victim into the mount');
    if (vfs.link(`${X}/secret`, '/mnt/r/hard') === 0) { breach('link secret into the mount'); vfs.unlink('/mnt/r/hard'); }
    const d = vfs.open(X, { ...R, directory: true });
    if (typeof d !== 'number') {
      const list = d.readdir();
      if (typeof list !== 'number' && list.some((e) => e.name === 'secret')) breach('listed secret');
      d.close();
    }
    // Changes that must land inside the mount or fail: the outside snapshot shows any that did not.
    ok(vfs.mkdir(`${X}/made`));
    ok(vfs.rmdir(`${X}/made`));
    ok(vfs.symlink(nodepath.join(outside, 'secret'), `${X}/link`));
    ok(vfs.unlink(`${X}/link`));
    ok(vfs.rename(`${X}/ra`, `${X}/rb`));
    ok(vfs.rename(`${X}/rb`, `${X}/ra`));
    ok(vfs.setTimes(`${X}/touchme`, false, T, T));
    const nf = vfs.open(`${X}/newfile`, { read: false, write: true, create: true, truncate: true });
    if (typeof nf !== 'number') { nf.write(enc('guest')); nf.close(); }
    ok(vfs.unlink(`${X}/newfile`));
    ok(vfs.link(`${X}/ra`, `${X}/hard`));
    ok(vfs.unlink(`${X}/hard`));
    ok(vfs.rename('/mnt/r/inbox', `${X}/planted`));
    ok(vfs.rename(`${X}/planted`, '/mnt/r/inbox'));
    r.iterations++;
  }
  return r;
}

async function race(mode: 'host' | 'machine'): Promise<void> {
  const { host, outside } = makeTree();
  const before = snapshot(outside);
  const done = await startHostActor(RENAMER, [mode, host, outside], nodepath.join(base!, 'stop'));
  const vfs = createDefaultTree({ dirs: [{ host, guest: '/mnt' }] });
  const r = guestLoop(vfs, outside);
  const swaps = await done();
  const seen = JSON.stringify({ ...r, swaps });
  expect(r.breaches).toEqual([]);
  expect(snapshot(outside)).toEqual(before);
  expect(nodefs.existsSync(nodepath.join(host, 'r', 'stolen'))).toBe(false);
  expect(nodefs.existsSync(nodepath.join(host, 'r', 'hard'))).toBe(false);
  // The race really ran: thousands of iterations, r/x seen as a symlink, and changes made while
  // it was the directory.
  expect(r.iterations, seen).toBeGreaterThanOrEqual(1000);
  expect(swaps, seen).toBeGreaterThan(100);
  expect(r.sawLink, seen).toBeGreaterThan(0);
  expect(r.changed, seen).toBeGreaterThan(0);
}

describe.skipIf(!linux)('hostfs: a directory swapped for a symlink mid-call never leads outside', () => {
  test('with a host process swapping', async () => {
    await race('host');
  }, 30_000);

  test('with a second l4wasm machine swapping through its own mount', async () => {
    await race('machine');
  }, 30_000);
});

describe.skipIf(!linux)('hostfs: host calls go through checked directory descriptors', () => {
  test('each call sees the host tree as it is now, even after the host replaced a directory', () => {
    const { host } = makeTree();
    const vfs = createDefaultTree({ dirs: [{ host, guest: '/mnt' }] });
    expect(stat(vfs, '/mnt/r/x/ra').type).toBe(FileType.RegularFile);
    // The host moves the directory away and puts another one in its place.
    nodefs.renameSync(nodepath.join(host, 'r', 'x'), nodepath.join(host, 'r', 'moved'));
    nodefs.mkdirSync(nodepath.join(host, 'r', 'x'));
    expect(vfs.stat('/mnt/r/x/ra')).toBe(-Errno.ENOENT);
    expect(vfs.mkdir('/mnt/r/x/new')).toBe(0);
    expect(nodefs.statSync(nodepath.join(host, 'r', 'x', 'new')).isDirectory()).toBe(true);
    expect(stat(vfs, '/mnt/r/moved/ra').type).toBe(FileType.RegularFile);
    expect(vfs.rename('/mnt/r/moved/ra', '/mnt/r/x/new/ra')).toBe(0);
    expect(nodefs.readFileSync(nodepath.join(host, 'r', 'x', 'new', 'ra'), 'utf8')).toBe('inside ra');
    // ... and a symlink in its place resolves in the guest tree, never on the host.
    nodefs.rmSync(nodepath.join(host, 'r', 'x'), { recursive: true });
    nodefs.symlinkSync('moved', nodepath.join(host, 'r', 'x'));
    expect(stat(vfs, '/mnt/r/x/touchme').type).toBe(FileType.RegularFile);
    expect(vfs.realpath('/mnt/r/x/touchme')).toBe('/mnt/r/moved/touchme');
  });

  test('the mount root itself: stat, list, set times', () => {
    const { host } = makeTree();
    const vfs = createDefaultTree({ dirs: [{ host, guest: '/mnt' }] });
    expect(stat(vfs, '/mnt').ino).toBe(nodefs.statSync(host, { bigint: true }).ino);
    const d = ok(vfs.open('/mnt', { ...R, directory: true }));
    expect(ok(d.readdir()).map((e) => e.name)).toEqual(['r']);
    d.close();
    expect(vfs.setTimes('/mnt', true, T, T)).toBe(0);
    expect(nodefs.statSync(host, { bigint: true }).mtimeNs).toBe(T);
    expect(vfs.setTimes('/mnt', true, undefined, 2n * T)).toBe(0);
    expect(nodefs.statSync(host, { bigint: true }).mtimeNs).toBe(2n * T);
    expect(nodefs.statSync(host, { bigint: true }).atimeNs).toBe(T);
  });

  test('a direct caller that names a path through a symlink is refused, not led through it', () => {
    const { host, outside } = makeTree();
    nodefs.symlinkSync(outside, nodepath.join(host, 'r', 'out'));
    const fs = new HostFs(host);
    for (const path of [['r', 'out', 'secret'], ['r', 'out', 'odir', 'deep']]) {
      expect(fs.lstat(path), path.join('/')).toBe(-Errno.EACCES);
      expect(fs.open(path, R)).toBe(-Errno.EACCES);
      expect(fs.unlink(path)).toBe(-Errno.EACCES);
      expect(fs.setTimes(path, T, T)).toBe(-Errno.EACCES);
      expect(fs.rename(['r', 'inbox'], path)).toBe(-Errno.EACCES);
      expect(fs.link(path, ['r', 'hard'])).toBe(-Errno.EACCES);
    }
    expect(fs.lstat(['r', 'inbox', 'x'])).toBe(-Errno.ENOTDIR);
    expect(snapshot(outside)).toMatchObject({ victim: expect.stringContaining('outside victim') });
    expect(nodefs.existsSync(nodepath.join(host, 'r', 'inbox'))).toBe(true);
  });

  test('kept directory descriptors stay bounded however many directories are walked', () => {
    const { host } = makeTree();
    const count = (): number => nodefs.readdirSync('/proc/self/fd').length;
    const before = count();
    const vfs = createDefaultTree({ dirs: [{ host, guest: '/mnt' }] });
    for (let i = 0; i < 200; i++) {
      expect(vfs.mkdir(`/mnt/r/d${i}`)).toBe(0);
      expect(vfs.mkdir(`/mnt/r/d${i}/e`)).toBe(0);
      expect(vfs.stat(`/mnt/r/d${i}/e/nothing`)).toBe(-Errno.ENOENT);
    }
    expect(count() - before).toBeLessThanOrEqual(40);
    for (let i = 0; i < 200; i++) {
      expect(vfs.rmdir(`/mnt/r/d${i}/e`)).toBe(0);
      expect(vfs.rmdir(`/mnt/r/d${i}`)).toBe(0);
    }
  });
});
