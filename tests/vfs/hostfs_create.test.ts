// hostfs creating files and directories: the guest's mode (its umask already applied) is what the
// host node gets, whatever the host process's own umask; an O_CREAT open of an existing file
// opens it unchanged, whether or not a lookup of the same walk saw it first.
import * as nodefs from 'node:fs';
import * as os from 'node:os';
import * as nodepath from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createDefaultTree, HostFs } from '../../src/vfs/index.js';
import { ok } from './helpers.js';

let dir: string | undefined;
let savedUmask: number | undefined;

afterEach(() => {
  if (savedUmask !== undefined) process.umask(savedUmask);
  savedUmask = undefined;
  if (dir !== undefined) nodefs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Sets the host process's umask; false where a worker thread may not. */
function hostUmask(mask: number): boolean {
  try {
    const old = process.umask(mask);
    savedUmask ??= old;
    return true;
  } catch {
    return false;
  }
}

const modeOf = (p: string): number => nodefs.lstatSync(p).mode & 0o7777;
const CREATE = { read: true, write: true, create: true };

describe('hostfs: created nodes get the guest\'s mode', () => {
  for (const umask of [0o022, 0o077]) {
    test(`with the host's umask ${umask.toString(8)}`, (ctx) => {
      if (!hostUmask(umask)) ctx.skip();
      dir = nodefs.mkdtempSync(nodepath.join(os.tmpdir(), 'l4wasm-hostcreate-'));
      const vfs = createDefaultTree({ dirs: [{ host: dir, guest: '/mnt' }] });
      for (const mode of [0o644, 0o600, 0o666]) {
        ok(vfs.open(`/mnt/f${mode.toString(8)}`, { ...CREATE, mode })).close();
        expect(modeOf(nodepath.join(dir, `f${mode.toString(8)}`)), mode.toString(8)).toBe(mode);
      }
      for (const mode of [0o755, 0o700, 0o777]) {
        expect(vfs.mkdir(`/mnt/d${mode.toString(8)}`, mode)).toBe(0);
        expect(modeOf(nodepath.join(dir, `d${mode.toString(8)}`)), mode.toString(8)).toBe(mode);
      }
    });
  }

  test('an existing file opened with O_CREAT keeps its mode and contents', () => {
    dir = nodefs.mkdtempSync(nodepath.join(os.tmpdir(), 'l4wasm-hostcreate-'));
    const host = nodepath.join(dir, 'f');
    nodefs.writeFileSync(host, 'kept');
    nodefs.chmodSync(host, 0o640);
    const vfs = createDefaultTree({ dirs: [{ host: dir, guest: '/mnt' }] });
    ok(vfs.open('/mnt/f', { ...CREATE, mode: 0o600 })).close();
    // A caller without the mount tree's lookup first, and one whose lookup saw nothing there.
    const fs = new HostFs(dir);
    ok(fs.open(['f'], { ...CREATE, mode: 0o600 })).close();
    expect(fs.typeOf(['g'])).toBeLessThan(0);
    nodefs.writeFileSync(nodepath.join(dir, 'g'), 'appeared');
    ok(fs.open(['g'], { ...CREATE, mode: 0o600 })).close();
    expect(modeOf(host)).toBe(0o640);
    expect(nodefs.readFileSync(host, 'utf8')).toBe('kept');
    expect(nodefs.readFileSync(nodepath.join(dir, 'g'), 'utf8')).toBe('appeared');
    // ... and a name that is missing is created with the mode asked for.
    ok(fs.open(['h'], { ...CREATE, mode: 0o604 })).close();
    expect(modeOf(nodepath.join(dir, 'h'))).toBe(0o604);
  });
});
