// hostfs sets file times to the nanosecond (host_times.ts): through a path, on a symlink itself,
// through a descriptor, with one time left alone; a time Node sets exactly takes Node's way.
import * as nodefs from 'node:fs';
import * as os from 'node:os';
import * as nodepath from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDefaultTree } from '../../src/vfs/index.js';
import { nodeSetsExactly } from '../../src/vfs/host_times.js';
import type { MountTree } from '../../src/vfs/mount_tree.js';
import { CREATE, W } from './helpers.js';

let host: string;
let vfs: MountTree;
const NS = 1_700_000_000_123_456_789n;
const hostNs = (p: string, follow = true) => (follow ? nodefs.statSync : nodefs.lstatSync)(nodepath.join(host, p), { bigint: true });

beforeAll(() => {
  host = nodefs.realpathSync(nodefs.mkdtempSync(nodepath.join(os.tmpdir(), 'l4wasm-host-times-')));
  nodefs.writeFileSync(nodepath.join(host, 'f'), 'x');
  nodefs.symlinkSync('f', nodepath.join(host, 'link'));
  vfs = createDefaultTree({ dirs: [{ host, guest: '/h' }] });
});

afterAll(() => { nodefs.rmSync(host, { recursive: true, force: true }); });

describe('hostfs file times', () => {
  test('a time with nanoseconds is set exactly, the other left alone exactly', () => {
    const before = hostNs('f');
    expect(vfs.setTimes('/h/f', true, undefined, NS)).toBe(0);
    const after = hostNs('f');
    expect(after.mtimeNs).toBe(NS);
    expect(after.atimeNs).toBe(before.atimeNs);
    expect(vfs.setTimes('/h/f', true, NS + 1n, undefined)).toBe(0);
    expect(hostNs('f').atimeNs).toBe(NS + 1n);
    expect(hostNs('f').mtimeNs).toBe(NS);
  });

  test('a symlink itself, the file it names untouched', () => {
    const file = hostNs('f');
    expect(vfs.setTimes('/h/link', false, undefined, NS - 7n)).toBe(0);
    expect(hostNs('link', false).mtimeNs).toBe(NS - 7n);
    expect(hostNs('f').mtimeNs).toBe(file.mtimeNs);
  });

  test('through an open descriptor', () => {
    const f = vfs.open('/h/f', { ...W, ...CREATE });
    if (typeof f === 'number') throw new Error(`open: ${f}`);
    try {
      expect(f.setTimes(NS + 11n, NS + 13n)).toBe(0);
      const st = hostNs('f');
      expect([st.atimeNs, st.mtimeNs]).toEqual([NS + 11n, NS + 13n]);
    } finally {
      f.close();
    }
  });

  test("whole seconds and 'now' take Node's way; nanoseconds and a time left alone do not", () => {
    expect(nodeSetsExactly(1_700_000_000_000_000_000n, 'now')).toBe(true);
    expect(nodeSetsExactly(NS, 'now')).toBe(false);
    expect(nodeSetsExactly(undefined, 'now')).toBe(false);
  });
});
