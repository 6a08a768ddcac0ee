// FdTable: lowest-free allocation, dup/dup2/renumber, shared descriptions, rights at lookup.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../src/errno.js';
import { FdTable, rightsFor } from '../../src/libc/fdtable.js';
import { FILE_RIGHTS, Rights } from '../../src/libc/abi.js';
import { BaseFile } from '../../src/vfs/file.js';
import { FileType } from '../../src/vfs/types.js';
import { createDefaultTree } from '../../src/vfs/index.js';

class CountingFile extends BaseFile {
  readonly type = FileType.RegularFile;
  closed = 0;
  override close(): void { this.closed++; }
}
class Tty extends BaseFile {
  readonly type = FileType.CharacterDevice;
  override get isTerminal(): boolean { return true; }
}

describe('FdTable', () => {
  it('allocates the lowest free descriptor and reuses closed ones', () => {
    const t = new FdTable();
    const f = new CountingFile();
    expect(t.insert(f, { rightsBase: FILE_RIGHTS })).toBe(0);
    expect(t.insert(new CountingFile(), { rightsBase: FILE_RIGHTS })).toBe(1);
    expect(t.insert(new CountingFile(), { rightsBase: FILE_RIGHTS })).toBe(2);
    expect(t.close(1)).toBe(0);
    expect(t.close(1)).toBe(-Errno.EBADF);
    expect(t.insert(new CountingFile(), { rightsBase: FILE_RIGHTS })).toBe(1);
    expect(t.insert(new CountingFile(), { rightsBase: FILE_RIGHTS })).toBe(3);
    expect(t.fds()).toEqual([0, 1, 2, 3]);
  });

  it('closes the file only when the last descriptor of a description goes', () => {
    const t = new FdTable();
    const f = new CountingFile();
    const fd = t.insert(f, { rightsBase: FILE_RIGHTS });
    const d = t.dup(fd);
    expect(d).toBe(1);
    expect(t.get(d)!.desc).toBe(t.get(fd)!.desc);
    t.close(fd);
    expect(f.closed).toBe(0);
    t.close(d);
    expect(f.closed).toBe(1);
  });

  it('dup honours a minimum and the descriptor limit', () => {
    const t = new FdTable(4);
    const fd = t.insert(new CountingFile(), { rightsBase: FILE_RIGHTS });
    expect(t.dup(fd, 3)).toBe(3);
    expect(t.dup(fd, 3)).toBe(-Errno.EMFILE);
    expect(t.dup(7)).toBe(-Errno.EBADF);
    expect(t.dup(fd)).toBe(1);
    expect(t.dup(fd)).toBe(2);
    expect(t.insert(new CountingFile(), { rightsBase: 0 })).toBe(-Errno.EMFILE);
  });

  it('dup2 replaces the target and closes what it was', () => {
    const t = new FdTable();
    const a = new CountingFile();
    const b = new CountingFile();
    t.insert(a, { rightsBase: FILE_RIGHTS });
    t.insert(b, { rightsBase: FILE_RIGHTS });
    expect(t.dup2(0, 1)).toBe(1);
    expect(b.closed).toBe(1);
    expect(t.get(1)!.file).toBe(a);
    expect(t.dup2(0, 0)).toBe(0);
    expect(t.dup2(5, 0)).toBe(-Errno.EBADF);
    expect(t.dup2(0, 9)).toBe(9);
    expect(t.get(9)!.file).toBe(a);
  });

  it('renumber moves a descriptor onto an open one', () => {
    const t = new FdTable();
    const a = new CountingFile();
    const b = new CountingFile();
    t.insert(a, { rightsBase: FILE_RIGHTS });
    t.insert(b, { rightsBase: FILE_RIGHTS });
    expect(t.renumber(0, 5)).toBe(-Errno.EBADF);
    expect(t.renumber(0, 1)).toBe(0);
    expect(b.closed).toBe(1);
    expect(t.get(0)).toBeUndefined();
    expect(t.get(1)!.file).toBe(a);
    expect(t.renumber(1, 1)).toBe(0);
    expect(t.insert(new CountingFile(), { rightsBase: 0 })).toBe(0);
  });

  it('checks rights once at lookup', () => {
    const t = new FdTable();
    const fd = t.insert(new CountingFile(), { rightsBase: Rights.FD_READ });
    expect(t.getFile(fd, Rights.FD_READ)).toBe(t.get(fd));
    // Not open for writing: EBADF, as Linux's write; another missing right: ENOTCAPABLE.
    expect(t.getFile(fd, Rights.FD_READ | Rights.FD_WRITE)).toBe(-Errno.EBADF);
    expect(t.getFile(fd, Rights.FD_READ | Rights.FD_SEEK)).toBe(-Errno.ENOTCAPABLE);
    expect(t.getFile(42, 0)).toBe(-Errno.EBADF);
    expect(t.getFile(-1, 0)).toBe(-Errno.EBADF);
    expect(t.getDir(fd, 0)).toBe(-Errno.ENOTDIR);
  });

  it('gives terminals no seek rights and read-only opens no write rights', () => {
    const tty = rightsFor(new Tty(), true, true);
    expect(tty & (Rights.FD_SEEK | Rights.FD_TELL)).toBe(0);
    expect(tty & Rights.FD_WRITE).toBe(Rights.FD_WRITE);
    const ro = rightsFor(new CountingFile(), true, false);
    expect(ro & Rights.FD_WRITE).toBe(0);
    expect(ro & Rights.FD_READ).toBe(Rights.FD_READ);
    expect(ro & Rights.FD_SEEK).toBe(Rights.FD_SEEK);
  });

  it('clone shares descriptions; closeAll and closeOnExec release them', () => {
    const t = new FdTable();
    const a = new CountingFile();
    const b = new CountingFile();
    t.insert(a, { rightsBase: FILE_RIGHTS });
    t.insert(b, { rightsBase: FILE_RIGHTS, cloexec: true });
    const c = t.clone();
    t.closeAll();
    expect(a.closed + b.closed).toBe(0);
    c.closeOnExec();
    expect(b.closed).toBe(1);
    expect(c.fds()).toEqual([0]);
    c.closeAll();
    expect(a.closed).toBe(1);
  });

  describe('lowerPreopens (exec or spawn of a plain wasip1 program)', () => {
    /** A table with stdio and the preopens "/", /tmp, /dev (at 3, 4, 5). */
    function withPreopens(): FdTable {
      const t = new FdTable();
      t.setupStdio(new CountingFile(), new CountingFile(), new CountingFile());
      expect(t.addPreopens(createDefaultTree(), ['/tmp', '/dev'])).toBe(0);
      return t;
    }
    const preopens = (t: FdTable) => t.fds().filter((fd) => t.get(fd)!.preopen !== undefined).map((fd) => `${fd} ${t.get(fd)!.preopen}`);

    it('moves preopens moved to the top (as preopen_move.c does) back to 3 upwards, in the order announced', () => {
      const t = withPreopens();
      for (let i = 0; i < 3; i++) {
        expect(t.dup(3 + i, 1023 - i)).toBe(1023 - i);
        t.close(3 + i);
      }
      const own = new CountingFile();
      expect(t.insert(own, { rightsBase: FILE_RIGHTS })).toBe(3);
      t.close(3);
      const kept = t.insert(new CountingFile(), { rightsBase: FILE_RIGHTS });
      expect(t.dup(kept, 10)).toBe(10);
      t.close(kept);
      t.lowerPreopens();
      expect(preopens(t)).toEqual(['3 /', '4 /tmp', '5 /dev']);
      expect(t.get(10)?.preopen).toBeUndefined();
      expect(t.get(10)).toBeDefined();
      expect(t.fds()).toEqual([0, 1, 2, 3, 4, 5, 10]);
      // The next descriptor is the lowest free one, as in a fresh process.
      expect(t.insert(new CountingFile(), { rightsBase: FILE_RIGHTS })).toBe(6);
    });

    it('leaves a table whose preopens are at 3 upwards as it is (a dup of one elsewhere stays)', () => {
      const t = withPreopens();
      expect(t.dup(4, 20)).toBe(20);
      t.lowerPreopens();
      expect(preopens(t)).toEqual(['3 /', '4 /tmp', '5 /dev', '20 /tmp']);
    });

    it('keeps descriptors of the same directory together: one moves per directory', () => {
      const t = withPreopens();
      expect(t.dup(5, 900)).toBe(900);
      t.close(5);
      expect(t.dup(900, 901)).toBe(901);
      t.lowerPreopens();
      expect(preopens(t)).toEqual(['3 /', '4 /tmp', '5 /dev', '901 /dev']);
    });
  });
});
