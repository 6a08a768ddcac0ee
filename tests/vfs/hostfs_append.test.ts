// O_APPEND on a host mount appends atomically at the host level, as Linux appends for its own
// processes: a guest appending while a host process appends to the same file loses no line of
// either (a seek to the end and a positioned write would overwrite the other's lines). The
// offset after an append is the end of what was written (lseek and ftell).
import * as nodefs from 'node:fs';
import * as os from 'node:os';
import * as nodepath from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { killHostActor, startHostActor } from './host_actor.js';
import { HostFs } from '../../src/vfs/index.js';
import { Whence } from '../../src/vfs/types.js';
import { enc, ok } from './helpers.js';

const APPENDER = nodepath.join(import.meta.dirname, 'host_appender.mjs');
const GUEST_LINES = 4000;

let base: string | undefined;

afterEach(() => {
  killHostActor();
  if (base !== undefined) nodefs.rmSync(base, { recursive: true, force: true });
  base = undefined;
});

function makeDir(): string {
  base = nodefs.realpathSync(nodefs.mkdtempSync(nodepath.join(os.tmpdir(), 'l4wasm-append-')));
  return base;
}

describe('hostfs O_APPEND', () => {
  test('the offset follows each append; lseek(SEEK_CUR) and a read from it see the end', () => {
    const dir = makeDir();
    nodefs.writeFileSync(nodepath.join(dir, 'f'), 'abc');
    const fs = new HostFs(dir);
    const f = ok(fs.open(['f'], { read: true, write: true, append: true }));
    expect(f.seek(0, Whence.Set)).toBe(0);
    expect(f.write(enc('de'))).toBe(2);
    expect(f.seek(0, Whence.Cur)).toBe(5);
    nodefs.appendFileSync(nodepath.join(dir, 'f'), 'XY'); // a host process appends meanwhile
    expect(f.write(enc('fg'))).toBe(2);
    expect(f.seek(0, Whence.Cur)).toBe(9);
    expect(f.seek(1, Whence.Set)).toBe(1);
    const b = new Uint8Array(3);
    expect(f.read(b)).toBe(3);
    expect(new TextDecoder().decode(b)).toBe('bcd');
    f.close();
    expect(nodefs.readFileSync(nodepath.join(dir, 'f'), 'utf8')).toBe('abcdeXYfg');
  });

  test('a guest and a host process appending to one file at once lose no line', async () => {
    const dir = makeDir();
    const file = nodepath.join(dir, 'log');
    nodefs.writeFileSync(file, '');
    const fs = new HostFs(dir);
    const f = ok(fs.open(['log'], { read: false, write: true, append: true }));
    const stop = await startHostActor(APPENDER, [file], nodepath.join(dir, 'stop'));
    let offset = 0;
    let offsetsOk = true;
    for (let i = 0; i < GUEST_LINES; i++) {
      const line = enc(`guest ${String(i).padStart(5, '0')}\n`);
      expect(f.write(line)).toBe(line.length);
      // The end of this write: past the previous one, within the file.
      const now = f.seek(0, Whence.Cur);
      if (now < offset + line.length || now > nodefs.statSync(file).size) offsetsOk = false;
      offset = now;
    }
    const hostLines = await stop();
    f.close();
    expect(offsetsOk).toBe(true);
    const lines = nodefs.readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const guest = lines.filter((l) => /^guest \d{5}$/.test(l));
    const host = lines.filter((l) => /^host \d{6}$/.test(l));
    expect(guest.length + host.length).toBe(lines.length); // no torn or overwritten line
    expect(guest).toEqual(Array.from({ length: GUEST_LINES }, (_, i) => `guest ${String(i).padStart(5, '0')}`));
    expect(host.length).toBe(hostLines);
    expect(hostLines).toBeGreaterThan(0);
  }, 60_000);
});
