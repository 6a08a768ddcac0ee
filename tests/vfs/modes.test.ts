// Permission bits in the VFS (chmod, access, the mode of creates) and confined walks (WASI's
// sandbox rule for plain wasip1 programs): tmpfs, rofs, hostfs and the mount tree.
import * as nodefs from 'node:fs';
import * as os from 'node:os';
import * as nodepath from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Errno } from '../../src/errno.js';
import { Dataspace, DataspaceFlags } from '../../src/l4re/dataspace.js';
import { HostFs } from '../../src/vfs/hostfs.js';
import { createDefaultTree } from '../../src/vfs/index.js';
import { AccessMode } from '../../src/vfs/types.js';
import { CREATE, ok, open, stat, writeFile } from './helpers.js';

const root = { uid: 0, gid: 0 };
const user = { uid: 1000, gid: 1000 };
const hostDirs: string[] = [];
afterAll(() => { for (const d of hostDirs) nodefs.rmSync(d, { recursive: true, force: true }); });

function hostDir(): string {
  const d = nodefs.mkdtempSync(nodepath.join(os.tmpdir(), 'l4wasm-vfs-modes-'));
  hostDirs.push(d);
  return d;
}

describe('tmpfs modes', () => {
  test('a create keeps the mode it asks for; chmod changes it, fchmod too; ctime moves, mtime not', () => {
    const vfs = createDefaultTree();
    open(vfs, '/tmp/f', { ...CREATE, mode: 0o640 }).close();
    expect(stat(vfs, '/tmp/f').mode).toBe(0o640);
    const before = stat(vfs, '/tmp/f');
    expect(vfs.chmod('/tmp/f', 0o4755, true)).toBe(0);
    const after = stat(vfs, '/tmp/f');
    expect(after.mode).toBe(0o4755);
    expect(after.mtimeNs).toBe(before.mtimeNs);
    const f = open(vfs, '/tmp/f');
    expect(f.chmod(0o600)).toBe(0);
    expect(ok(f.stat()).mode).toBe(0o600);
    f.close();
    expect(stat(vfs, '/tmp/f').mode).toBe(0o600);
  });

  test('a mode without write bits does not stop the creating open from writing', () => {
    const vfs = createDefaultTree();
    const f = open(vfs, '/tmp/ro', { ...CREATE, mode: 0o444 });
    expect(f.write(new TextEncoder().encode('abc'))).toBe(3);
    f.close();
    expect(stat(vfs, '/tmp/ro').mode).toBe(0o444);
    // memfs's own checks never refuse what the guest's root may do
    const g = open(vfs, '/tmp/ro', { read: true, write: true });
    g.close();
  });

  test('hard links share the mode; a symlink is 0777 and chmod follows it; not following it is ENOTSUP', () => {
    const vfs = createDefaultTree();
    writeFile(vfs, '/tmp/a', 'x');
    expect(vfs.link('/tmp/a', '/tmp/b')).toBe(0);
    expect(vfs.chmod('/tmp/b', 0o600, true)).toBe(0);
    expect(stat(vfs, '/tmp/a').mode).toBe(0o600);
    expect(vfs.symlink('a', '/tmp/l')).toBe(0);
    expect(stat(vfs, '/tmp/l', false).mode).toBe(0o777);
    expect(vfs.chmod('/tmp/l', 0o640, true)).toBe(0);
    expect(stat(vfs, '/tmp/a').mode).toBe(0o640);
    expect(vfs.chmod('/tmp/l', 0o600, false)).toBe(-Errno.ENOTSUP);
    expect(vfs.chmod('/tmp/missing', 0o600, true)).toBe(-Errno.ENOENT);
  });

  test('mkdir keeps its mode', () => {
    const vfs = createDefaultTree();
    expect(vfs.mkdir('/tmp/d', 0o750)).toBe(0);
    expect(stat(vfs, '/tmp/d').mode).toBe(0o750);
    expect(vfs.chmod('/tmp/d', 0o700, true)).toBe(0);
    expect(stat(vfs, '/tmp/d').mode).toBe(0o700);
  });

  test('exact nanoseconds of set times, until the file changes', () => {
    const vfs = createDefaultTree();
    writeFile(vfs, '/tmp/t', 'x');
    expect(vfs.setTimes('/tmp/t', true, 1_300_000_000_123_456_789n, 1_400_000_000_987_654_321n)).toBe(0);
    let st = stat(vfs, '/tmp/t');
    expect([st.atimeNs, st.mtimeNs]).toEqual([1_300_000_000_123_456_789n, 1_400_000_000_987_654_321n]);
    const f = open(vfs, '/tmp/t', { read: true, write: true });
    expect(f.setTimes(undefined, 5n)).toBe(0);
    st = ok(f.stat());
    expect([st.atimeNs, st.mtimeNs]).toEqual([1_300_000_000_123_456_789n, 5n]);
    expect(f.setTimes(undefined, 'now')).toBe(0);
    expect(ok(f.stat()).mtimeNs > 1_600_000_000_000_000_000n).toBe(true);
    f.close();
  });
});

describe('access', () => {
  test('root: reads and writes anything, executes what has an x bit; directories are searchable', () => {
    const vfs = createDefaultTree();
    open(vfs, '/tmp/f', { ...CREATE, mode: 0 }).close();
    expect(vfs.access('/tmp/f', AccessMode.R | AccessMode.W, true, root)).toBe(0);
    expect(vfs.access('/tmp/f', AccessMode.X, true, root)).toBe(-Errno.EACCES);
    vfs.chmod('/tmp/f', 0o010, true);
    expect(vfs.access('/tmp/f', AccessMode.X, true, root)).toBe(0);
    vfs.mkdir('/tmp/d', 0);
    expect(vfs.access('/tmp/d', AccessMode.X, true, root)).toBe(0);
    expect(vfs.access('/tmp/missing', 0, true, root)).toBe(-Errno.ENOENT);
  });

  test('another uid is the owner: the owner bits decide', () => {
    const vfs = createDefaultTree();
    open(vfs, '/tmp/f', { ...CREATE, mode: 0o604 }).close();
    expect(vfs.access('/tmp/f', AccessMode.R | AccessMode.W, true, user)).toBe(0);
    expect(vfs.access('/tmp/f', AccessMode.X, true, user)).toBe(-Errno.EACCES);
    vfs.chmod('/tmp/f', 0o044, true);
    expect(vfs.access('/tmp/f', AccessMode.R, true, user)).toBe(-Errno.EACCES);
  });

  test('W_OK on a read-only file system is EROFS; /rom refuses chmod', () => {
    const vfs = createDefaultTree({ roms: new Map([['boot.txt', new Dataspace('boot.txt', new TextEncoder().encode('x'), DataspaceFlags.ReadOnly)]]) });
    expect(vfs.access('/rom/boot.txt', AccessMode.W, true, root)).toBe(-Errno.EROFS);
    expect(vfs.access('/rom/boot.txt', AccessMode.R, true, root)).toBe(0);
    expect(vfs.chmod('/rom/boot.txt', 0o600, true)).toBe(-Errno.EROFS);
    expect(vfs.chmod('/rom/nothing', 0o600, true)).toBe(-Errno.ENOENT);
  });
});

describe('hostfs modes', () => {
  test('chmod reaches the host file; a creating open and mkdir set the mode asked for', () => {
    const host = hostDir();
    const vfs = createDefaultTree({ dirs: [{ host, guest: '/h' }] });
    open(vfs, '/h/f', { ...CREATE, mode: 0o600 }).close();
    expect(nodefs.statSync(nodepath.join(host, 'f')).mode & 0o7777).toBe(0o600);
    expect(vfs.chmod('/h/f', 0o751, true)).toBe(0);
    expect(nodefs.statSync(nodepath.join(host, 'f')).mode & 0o7777).toBe(0o751);
    // an existing file keeps its mode whatever the open asks for
    open(vfs, '/h/f', { ...CREATE, mode: 0o666 }).close();
    expect(nodefs.statSync(nodepath.join(host, 'f')).mode & 0o7777).toBe(0o751);
    expect(vfs.mkdir('/h/d', 0o777)).toBe(0);
    expect(nodefs.statSync(nodepath.join(host, 'd')).mode & 0o7777).toBe(0o777);
    const f = open(vfs, '/h/f');
    expect(f.chmod(0o640)).toBe(0);
    f.close();
    expect(nodefs.statSync(nodepath.join(host, 'f')).mode & 0o7777).toBe(0o640);
  });

  test('chmod and access never follow a host symlink that takes the node\'s place', () => {
    const host = hostDir();
    const outside = hostDir();
    nodefs.writeFileSync(nodepath.join(outside, 'secret'), 'x', { mode: 0o600 });
    nodefs.symlinkSync(nodepath.join(outside, 'secret'), nodepath.join(host, 'swapped'));
    const fs = new HostFs(host);
    // The mount tree would have resolved a symlink; a back end asked directly (as after a swap
    // between the tree's lookup and the call) must refuse rather than follow it.
    expect(fs.chmod(['swapped'], 0o777)).toBe(-Errno.ELOOP);
    expect(nodefs.statSync(nodepath.join(outside, 'secret')).mode & 0o7777).toBe(0o600);
    expect(fs.access(['swapped'], AccessMode.R)).toBe(-Errno.ELOOP);
  });

  test('a read-only mount refuses chmod and fchmod with EROFS and keeps the host file as it was', () => {
    const host = hostDir();
    nodefs.writeFileSync(nodepath.join(host, 'f'), 'x', { mode: 0o644 });
    const vfs = createDefaultTree({ dirs: [{ host, guest: '/h', readOnly: true }] });
    expect(vfs.chmod('/h/f', 0o600, true)).toBe(-Errno.EROFS);
    const f = open(vfs, '/h/f');
    expect(f.chmod(0o600)).toBe(-Errno.EROFS);
    f.close();
    expect(vfs.access('/h/f', AccessMode.W, true, root)).toBe(-Errno.EROFS);
    expect(vfs.access('/h/f', AccessMode.R, true, root)).toBe(0);
    expect(nodefs.statSync(nodepath.join(host, 'f')).mode & 0o7777).toBe(0o644);
  });
});

describe('confined walks (WASI sandbox rule)', () => {
  test("'..' above the floor, an absolute symlink target, a link climbing out: ENOTCAPABLE", () => {
    const vfs = createDefaultTree();
    vfs.mkdir('/tmp/box');
    vfs.mkdir('/tmp/box/sub');
    writeFile(vfs, '/tmp/box/sub/f', 'x');
    writeFile(vfs, '/tmp/outside', 'x');
    vfs.symlink('/tmp/outside', '/tmp/box/abs');
    vfs.symlink('../outside', '/tmp/box/up');
    vfs.symlink('../sub/f', '/tmp/box/sub/back');
    const c = vfs.confined.bind(vfs);
    expect(c(['/tmp/box'], () => vfs.stat('/tmp/box/sub/../sub/f'))).not.toBeTypeOf('number');
    expect(c(['/tmp/box'], () => vfs.stat('/tmp/box/sub/back'))).not.toBeTypeOf('number');
    expect(c(['/tmp/box'], () => vfs.stat('/tmp/box/..'))).toBe(-Errno.ENOTCAPABLE);
    expect(c(['/tmp/box'], () => vfs.stat('/tmp/box/sub/../../outside'))).toBe(-Errno.ENOTCAPABLE);
    expect(c(['/tmp/box'], () => vfs.stat('/tmp/box/abs'))).toBe(-Errno.ENOTCAPABLE);
    expect(c(['/tmp/box'], () => vfs.stat('/tmp/box/up'))).toBe(-Errno.ENOTCAPABLE);
    expect(c(['/tmp/box'], () => vfs.open('/tmp/box/up', { read: true, write: false }))).toBe(-Errno.ENOTCAPABLE);
    expect(c(['/tmp/box'], () => vfs.mkdir('/tmp/box/../made'))).toBe(-Errno.ENOTCAPABLE);
    expect(c(['/tmp/box'], () => vfs.rmdir('/tmp/box/sub/../..'))).toBe(-Errno.ENOTCAPABLE);
    // the second path of a rename is confined beneath its own directory
    expect(c(['/tmp/box', '/tmp/box/sub'], () => vfs.rename('/tmp/box/sub/f', '/tmp/box/sub/../g'))).toBe(-Errno.ENOTCAPABLE);
    expect(c(['/tmp/box', '/tmp/box'], () => vfs.rename('/tmp/box/sub/f', '/tmp/box/g'))).toBe(0);
    // outside a confined call nothing is confined
    expect(vfs.stat('/tmp/box/up')).not.toBeTypeOf('number');
    expect(vfs.stat('/tmp/box/..')).not.toBeTypeOf('number');
  });
});
