// fd_* calls: I/O through iovecs, seeking, metadata, flags and rights, readdir, prestat, errors.
import { describe, expect, it } from 'vitest';
import { Rights } from '../../src/libc/abi.js';
import { SUSPEND } from '../../src/libc/context.js';
import { E, O, RDONLY, makeProc } from './setup.js';

describe('fd_write / fd_read', () => {
  it('writes one and several iovecs to the console', () => {
    const p = makeProc();
    expect(p.write(1, 'hello\n')).toEqual([0, 6]);
    const [a, al] = p.mem.str('ab');
    const [b, bl] = p.mem.str('');
    const [c, cl] = p.mem.str('cde');
    const iov = p.mem.iovecs([[a, al], [b, bl], [c, cl]]);
    const out = p.mem.alloc(4);
    expect(p.w.fd_write!(1, iov, 3, out)).toBe(0);
    expect(p.mem.u32(out)).toBe(5);
    expect(p.stdout.text()).toBe('hello\nabcde');
  });

  it('reads a file back through two iovecs and reports end of file as 0', () => {
    const p = makeProc();
    const [r, fd] = p.open('f', { oflags: O.CREAT });
    expect(r).toBe(0);
    expect(p.write(fd, 'abcdefgh')).toEqual([0, 8]);
    const pos = p.mem.alloc(8);
    expect(p.w.fd_seek!(fd, 0n, 0, pos)).toBe(0);
    const b1 = p.mem.alloc(3, 1);
    const b2 = p.mem.alloc(10, 1);
    const iov = p.mem.iovecs([[b1, 3], [b2, 10]]);
    const out = p.mem.alloc(4);
    expect(p.w.fd_read!(fd, iov, 2, out)).toBe(0);
    expect(p.mem.u32(out)).toBe(8);
    expect(p.mem.text(b1, 3) + p.mem.text(b2, 5)).toBe('abcdefgh');
    expect(p.w.fd_read!(fd, iov, 2, out)).toBe(0);
    expect(p.mem.u32(out)).toBe(0);
  });

  it('answers EBADF and EISDIR', () => {
    const p = makeProc();
    expect(p.write(99, 'x')[0]).toBe(E.EBADF);
    expect(p.write(-1, 'x')[0]).toBe(E.EBADF);
    expect(p.write(0, 'x')[0]).toBe(E.EBADF);             // stdin is read-only (Linux: EBADF)
    expect(p.read(1, 4)[0]).toBe(E.EBADF);                // stdout is write-only
    expect(p.read(3, 4)[0]).toBe(E.EISDIR);               // the preopened directory
    const [, fd] = p.open('ro', { oflags: O.CREAT, rights: RDONLY });
    expect(p.write(fd, 'x')[0]).toBe(E.EBADF);
  });

  it('gives EFAULT for buffers, iovec arrays and result pointers outside memory', () => {
    const p = makeProc();
    const size = p.mem.size;
    const out = p.mem.alloc(4);
    const [s, sl] = p.mem.str('abc');
    // iovec naming a buffer past the end
    expect(p.w.fd_write!(1, p.mem.iovecs([[size - 2, 4]]), 1, out)).toBe(E.EFAULT);
    // a length that wraps around 2^32
    expect(p.w.fd_write!(1, p.mem.iovecs([[0xfffffff0, 0x20]]), 1, out)).toBe(E.EFAULT);
    expect(p.w.fd_write!(1, p.mem.iovecs([[s, sl], [s, 0xffffffff]]), 2, out)).toBe(E.EFAULT);
    // the iovec array itself past the end, and a count that overflows its size
    expect(p.w.fd_write!(1, size - 4, 1, out)).toBe(E.EFAULT);
    expect(p.w.fd_write!(1, p.mem.iovecs([[s, sl]]), 0x20000000, out)).toBe(E.EINVAL);
    expect(p.w.fd_write!(1, size - 800, 1000, out)).toBe(E.EFAULT);
    // result pointer outside memory (negative i32 = high address)
    expect(p.w.fd_write!(1, p.mem.iovecs([[s, sl]]), 1, -4)).toBe(E.EFAULT);
    expect(p.w.fd_write!(1, p.mem.iovecs([[s, sl]]), 1, size - 3)).toBe(E.EFAULT);
    expect(p.w.fd_read!(0, p.mem.iovecs([[size, 1]]), 1, out)).toBe(E.EFAULT);
    // nothing reached the console
    expect(p.stdout.written).toHaveLength(0);
  });

  it('suspends a blocking read until data arrives; a nonblocking one gets EAGAIN', () => {
    const p = makeProc();
    expect(p.read(0, 8)[0]).toBe(SUSPEND);
    expect(p.waits).toHaveLength(1);
    expect(p.waits[0]!.files).toEqual([{ file: p.stdin, events: 'read' }]);
    p.stdin.chunks.push(new TextEncoder().encode('data'));
    expect(p.read(0, 8)).toEqual([0, 'data']);
  });

  it('nonblocking descriptors return EAGAIN instead of waiting', () => {
    const p = makeProc();
    // stdin has FD_FDSTAT_SET_FLAGS
    expect(p.w.fd_fdstat_set_flags!(0, 4)).toBe(0);
    expect(p.read(0, 8)[0]).toBe(E.EAGAIN);
    expect(p.waits).toHaveLength(0);
  });

  it('suspends a blocking write on a full stream', () => {
    const p = makeProc();
    p.stderr.full = true;
    expect(p.write(2, 'x')[0]).toBe(SUSPEND);
    expect(p.waits[0]!.files).toEqual([{ file: p.stderr, events: 'write' }]);
    p.stderr.full = false;
    expect(p.write(2, 'x')).toEqual([0, 1]);
  });

  it('appends with FDFLAGS_APPEND', () => {
    const p = makeProc();
    const [, fd] = p.open('log', { oflags: O.CREAT, fdflags: 1 });
    p.write(fd, 'one');
    const pos = p.mem.alloc(8);
    p.w.fd_seek!(fd, 0n, 0, pos);
    p.write(fd, 'two');
    const st = p.mem.alloc(64);
    p.w.fd_filestat_get!(fd, st);
    expect(p.mem.u64(st + 32)).toBe(6n);
    const fl = p.mem.alloc(24);
    p.w.fd_fdstat_get!(fd, fl);
    expect(p.mem.u16(fl + 2)).toBe(1);
    expect(p.w.fd_fdstat_set_flags!(fd, 0)).toBe(0);
    p.w.fd_seek!(fd, 0n, 0, pos);
    p.write(fd, 'ONE');
    p.w.fd_seek!(fd, 0n, 0, pos);
    expect(p.read(fd, 10)).toEqual([0, 'ONEtwo']);
    expect(p.w.fd_fdstat_set_flags!(fd, 0x100)).toBe(E.EINVAL);
  });
});

describe('fd_pread / fd_pwrite / fd_seek / fd_tell', () => {
  it('positions without moving the offset', () => {
    const p = makeProc();
    const [, fd] = p.open('f', { oflags: O.CREAT });
    p.write(fd, '0123456789');
    const [x, xl] = p.mem.str('AB');
    const out = p.mem.alloc(4);
    expect(p.w.fd_pwrite!(fd, p.mem.iovecs([[x, xl], [x, xl]]), 2, 2n, out)).toBe(0);
    expect(p.mem.u32(out)).toBe(4);
    const tell = p.mem.alloc(8);
    expect(p.w.fd_tell!(fd, tell)).toBe(0);
    expect(p.mem.u64(tell)).toBe(10n);
    const b = p.mem.alloc(6, 1);
    expect(p.w.fd_pread!(fd, p.mem.iovecs([[b, 6]]), 1, 1n, out)).toBe(0);
    expect(p.mem.text(b, p.mem.u32(out))).toBe('1ABAB6');
    expect(p.w.fd_pread!(fd, p.mem.iovecs([[b, 6]]), 1, -1n, out)).toBe(E.EINVAL);
    expect(p.w.fd_pread!(0, p.mem.iovecs([[b, 6]]), 1, 0n, out)).toBe(E.ENOTCAPABLE);
    expect(p.w.fd_pread!(3, p.mem.iovecs([[b, 6]]), 1, 0n, out)).toBe(E.EISDIR);
    expect(p.w.fd_tell!(fd, tell)).toBe(0);
    expect(p.mem.u64(tell)).toBe(10n);
  });

  it('seeks from start, current and end, and refuses what it must', () => {
    const p = makeProc();
    const [, fd] = p.open('f', { oflags: O.CREAT });
    p.write(fd, '0123456789');
    const r = p.mem.alloc(8);
    expect(p.w.fd_seek!(fd, 3n, 0, r)).toBe(0);
    expect(p.mem.u64(r)).toBe(3n);
    expect(p.w.fd_seek!(fd, 2n, 1, r)).toBe(0);
    expect(p.mem.u64(r)).toBe(5n);
    expect(p.w.fd_seek!(fd, -1n, 2, r)).toBe(0);
    expect(p.mem.u64(r)).toBe(9n);
    expect(p.w.fd_seek!(fd, -20n, 1, r)).toBe(E.EINVAL);
    expect(p.w.fd_seek!(fd, 0n, 3, r)).toBe(E.EINVAL);
    expect(p.w.fd_seek!(fd, 0n, 0, p.mem.size - 4)).toBe(E.EFAULT);
    expect(p.w.fd_seek!(1, 0n, 0, r)).toBe(E.ENOTCAPABLE);   // a terminal cannot seek
    expect(p.w.fd_seek!(42, 0n, 0, r)).toBe(E.EBADF);
    expect(p.w.fd_tell!(1, r)).toBe(E.ENOTCAPABLE);
  });
});

describe('fd metadata and flags', () => {
  it('fd_fdstat_get reports filetype, flags and rights', () => {
    const p = makeProc();
    const st = p.mem.alloc(24);
    expect(p.w.fd_fdstat_get!(1, st)).toBe(0);
    expect(p.mem.u8at(st)).toBe(2);                          // character device
    const base = Number(p.mem.u64(st + 8));
    expect(base & (Rights.FD_SEEK | Rights.FD_TELL)).toBe(0); // isatty() holds
    expect(base & Rights.FD_WRITE).toBe(Rights.FD_WRITE);
    expect(p.w.fd_fdstat_get!(0, st)).toBe(0);
    expect(p.mem.u8at(st)).toBe(0);                          // a fifo is Unknown in WASI
    expect(p.w.fd_fdstat_get!(3, st)).toBe(0);
    expect(p.mem.u8at(st)).toBe(3);
    expect(Number(p.mem.u64(st + 8)) & Rights.PATH_OPEN).toBe(Rights.PATH_OPEN);
    expect(p.mem.u64(st + 16)).not.toBe(0n);
    const [, ro] = p.open('ro', { oflags: O.CREAT, rights: RDONLY });
    expect(p.w.fd_fdstat_get!(ro, st)).toBe(0);
    expect(p.mem.u8at(st)).toBe(4);
    expect(Number(p.mem.u64(st + 8)) & Rights.FD_WRITE).toBe(0);
    expect(Number(p.mem.u64(st + 8)) & Rights.FD_READ).toBe(Rights.FD_READ);
    expect(p.w.fd_fdstat_get!(77, st)).toBe(E.EBADF);
    expect(p.w.fd_fdstat_get!(1, p.mem.size - 8)).toBe(E.EFAULT);
  });

  it('fd_fdstat_set_rights only drops rights', () => {
    const p = makeProc();
    const [, fd] = p.open('f', { oflags: O.CREAT });
    const st = p.mem.alloc(24);
    p.w.fd_fdstat_get!(fd, st);
    const base = p.mem.u64(st + 8);
    const dropped = base & ~BigInt(Rights.FD_WRITE);
    expect(p.w.fd_fdstat_set_rights!(fd, dropped, 0n)).toBe(0);
    expect(p.write(fd, 'x')[0]).toBe(E.EBADF);
    expect(p.w.fd_fdstat_set_rights!(fd, base, 0n)).toBe(E.ENOTCAPABLE);
    expect(p.w.fd_fdstat_set_rights!(fd, dropped | (1n << 40n), 0n)).toBe(E.ENOTCAPABLE);
    expect(p.w.fd_fdstat_set_rights!(99, 0n, 0n)).toBe(E.EBADF);
  });

  it('fd_filestat_get fills the 64-byte filestat', () => {
    const p = makeProc();
    const [, fd] = p.open('f', { oflags: O.CREAT });
    p.write(fd, 'hello');
    expect(p.w.fd_filestat_set_times!(fd, 7_000_000n, 9_000_000n, 1 | 4)).toBe(0);
    const st = p.mem.alloc(64);
    p.mem.u8.fill(0xee, st, st + 64);
    expect(p.w.fd_filestat_get!(fd, st)).toBe(0);
    expect(p.mem.u64(st)).toBeGreaterThan(0n);     // dev
    expect(p.mem.u64(st + 8)).toBeGreaterThan(0n); // ino
    expect(p.mem.u8at(st + 16)).toBe(4);           // regular file
    expect(p.mem.u8at(st + 17)).toBe(0);           // padding cleared
    expect(p.mem.u64(st + 24)).toBe(1n);           // nlink
    expect(p.mem.u64(st + 32)).toBe(5n);           // size
    expect(p.mem.u64(st + 40)).toBe(7_000_000n);    // atim
    expect(p.mem.u64(st + 48)).toBe(9_000_000n);    // mtim
    expect(p.w.fd_filestat_get!(fd, p.mem.size - 63)).toBe(E.EFAULT);
    expect(p.w.fd_filestat_get!(55, st)).toBe(E.EBADF);
  });

  it('fd_filestat_set_size, fd_allocate, fd_filestat_set_times', () => {
    const p = makeProc();
    const [, fd] = p.open('f', { oflags: O.CREAT });
    p.write(fd, 'hello world');
    const st = p.mem.alloc(64);
    expect(p.w.fd_filestat_set_size!(fd, 5n)).toBe(0);
    p.w.fd_filestat_get!(fd, st);
    expect(p.mem.u64(st + 32)).toBe(5n);
    expect(p.w.fd_filestat_set_size!(fd, -1n)).toBe(E.EINVAL);
    expect(p.w.fd_allocate!(fd, 10n, 6n)).toBe(0);
    p.w.fd_filestat_get!(fd, st);
    expect(p.mem.u64(st + 32)).toBe(16n);
    expect(p.w.fd_allocate!(fd, 0n, 0n)).toBe(E.EINVAL);
    expect(p.w.fd_filestat_set_times!(fd, 0n, 0n, 2 | 8)).toBe(0);
    p.w.fd_filestat_get!(fd, st);
    const now = BigInt(Date.now()) * 1_000_000n;
    expect(p.mem.u64(st + 40)).toBeGreaterThan(now - 60_000_000_000n);
    expect(p.w.fd_filestat_set_times!(fd, 1n, 0n, 1 | 2)).toBe(E.EINVAL);
    expect(p.w.fd_filestat_set_times!(fd, 1n, 0n, 4 | 8)).toBe(E.EINVAL);
    const [, ro] = p.open('f', { rights: RDONLY });
    expect(p.w.fd_filestat_set_size!(ro, 0n)).toBe(E.ENOTCAPABLE);
    expect(p.w.fd_allocate!(ro, 0n, 1n)).toBe(E.ENOTCAPABLE);
  });

  it('fd_advise, fd_sync, fd_datasync, fd_close', () => {
    const p = makeProc();
    const [, fd] = p.open('f', { oflags: O.CREAT });
    expect(p.w.fd_advise!(fd, 0n, 100n, 2)).toBe(0);
    expect(p.w.fd_advise!(fd, 0n, 100n, 6)).toBe(E.EINVAL);
    expect(p.w.fd_advise!(9, 0n, 100n, 0)).toBe(E.EBADF);
    expect(p.w.fd_sync!(fd)).toBe(0);
    expect(p.w.fd_datasync!(fd)).toBe(0);
    expect(p.w.fd_sync!(9)).toBe(E.EBADF);
    expect(p.w.fd_close!(fd)).toBe(0);
    expect(p.w.fd_close!(fd)).toBe(E.EBADF);
    expect(p.w.fd_datasync!(fd)).toBe(E.EBADF);
  });

  it('fd_renumber moves a descriptor onto an open one', () => {
    const p = makeProc();
    const [, a] = p.open('a', { oflags: O.CREAT });
    const [, b] = p.open('b', { oflags: O.CREAT });
    p.write(a, 'AAA');
    expect(p.w.fd_renumber!(a, 50)).toBe(E.EBADF);
    expect(p.w.fd_renumber!(a, b)).toBe(0);
    expect(p.write(a, 'x')[0]).toBe(E.EBADF);
    const r = p.mem.alloc(8);
    p.w.fd_tell!(b, r);
    expect(p.mem.u64(r)).toBe(3n);
  });
});

describe('fd_prestat_get / fd_prestat_dir_name', () => {
  it('announces "/" at fd 3 and further preopens after it, then EBADF', () => {
    const p = makeProc(undefined, ['/tmp']);
    const vfs = p.vfs;
    const buf = p.mem.alloc(8);
    const name = p.mem.alloc(16, 1);
    expect(p.w.fd_prestat_get!(4, buf)).toBe(0);
    expect(p.mem.u32(buf + 4)).toBe(4);
    expect(p.w.fd_prestat_dir_name!(4, name, 4)).toBe(0);
    expect(p.mem.text(name, 4)).toBe('/tmp');
    expect(p.w.fd_prestat_get!(5, buf)).toBe(E.EBADF);
    // a path relative to the /tmp preopen lands in /tmp
    const [r] = p.open('x', { oflags: O.CREAT, dirfd: 4 });
    expect(r).toBe(0);
    expect(typeof vfs.stat('/tmp/x')).toBe('object');
  });

  it('lists preopens', () => {
    const p = makeProc();
    const buf = p.mem.alloc(8);
    expect(p.w.fd_prestat_get!(3, buf)).toBe(0);
    expect(p.mem.u8at(buf)).toBe(0);
    expect(p.mem.u32(buf + 4)).toBe(1);
    const name = p.mem.alloc(16, 1);
    expect(p.w.fd_prestat_dir_name!(3, name, 1)).toBe(0);
    expect(p.mem.text(name, 1)).toBe('/');
    expect(p.w.fd_prestat_dir_name!(3, name, 0)).toBe(E.ENAMETOOLONG);
    expect(p.w.fd_prestat_dir_name!(3, p.mem.size, 1)).toBe(E.EFAULT);
    expect(p.w.fd_prestat_get!(4, buf)).toBe(E.EBADF);
    expect(p.w.fd_prestat_get!(1, buf)).toBe(E.EBADF);
    expect(p.w.fd_prestat_get!(3, p.mem.size - 7)).toBe(E.EFAULT);
  });
});

/** Parses dirents from a readdir buffer: [next, ino, type, name][]. */
function parseDirents(view: DataView, u8: Uint8Array, buf: number, used: number): [bigint, bigint, number, string][] {
  const out: [bigint, bigint, number, string][] = [];
  let at = buf;
  while (at + 24 <= buf + used) {
    const namlen = view.getUint32(at + 16, true);
    if (at + 24 + namlen > buf + used) break;
    out.push([view.getBigUint64(at, true), view.getBigUint64(at + 8, true), view.getUint8(at + 20),
      new TextDecoder().decode(u8.slice(at + 24, at + 24 + namlen))]);
    at += 24 + namlen;
  }
  return out;
}

describe('fd_readdir', () => {
  function dirWithFiles() {
    const p = makeProc();
    expect(p.pathCall('path_create_directory', 'd')).toBe(0);
    for (const n of ['alpha', 'b', 'sub']) {
      if (n === 'sub') expect(p.pathCall('path_create_directory', 'd/sub')).toBe(0);
      else expect(p.open('d/' + n, { oflags: O.CREAT })[0]).toBe(0);
    }
    const [r, fd] = p.open('d', { oflags: O.DIRECTORY, rights: RDONLY });
    expect(r).toBe(0);
    return { p, fd };
  }

  it("lists '.' and '..' first, then the entries, with cookies", () => {
    const { p, fd } = dirWithFiles();
    const buf = p.mem.alloc(1024);
    const used = p.mem.alloc(4);
    expect(p.w.fd_readdir!(fd, buf, 1024, 0n, used)).toBe(0);
    const n = p.mem.u32(used);
    expect(n).toBe(24 * 5 + 1 + 2 + 5 + 1 + 3);
    const ents = parseDirents(p.mem.view, p.mem.u8, buf, n);
    expect(ents.map((e) => e[3])).toEqual(['.', '..', 'alpha', 'b', 'sub']);
    expect(ents.map((e) => e[0])).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(ents.map((e) => e[2])).toEqual([3, 3, 4, 4, 3]);
    const st = p.mem.alloc(64);
    p.w.fd_filestat_get!(fd, st);
    expect(ents[0]![1]).toBe(p.mem.u64(st + 8));   // '.' is the directory itself
    // resuming at cookie 3 gives 'b' and 'sub'
    expect(p.w.fd_readdir!(fd, buf, 1024, 3n, used)).toBe(0);
    expect(parseDirents(p.mem.view, p.mem.u8, buf, p.mem.u32(used)).map((e) => e[3])).toEqual(['b', 'sub']);
    // past the end: nothing
    expect(p.w.fd_readdir!(fd, buf, 1024, 5n, used)).toBe(0);
    expect(p.mem.u32(used)).toBe(0);
    expect(p.w.fd_readdir!(fd, buf, 1024, 1000n, used)).toBe(0);
    expect(p.mem.u32(used)).toBe(0);
  });

  it('fills the buffer completely, cutting the last entry off', () => {
    const { p, fd } = dirWithFiles();
    const big = p.mem.alloc(1024);
    const used = p.mem.alloc(4);
    p.w.fd_readdir!(fd, big, 1024, 0n, used);
    const full = p.mem.u8.slice(big, big + p.mem.u32(used));
    // '.' (25) + '..' (26) + 10 bytes of the 'alpha' entry
    const buf = p.mem.alloc(64);
    p.mem.u8.fill(0xaa, buf, buf + 64);
    expect(p.w.fd_readdir!(fd, buf, 61, 0n, used)).toBe(0);
    expect(p.mem.u32(used)).toBe(61);
    expect(p.mem.u8.slice(buf, buf + 61)).toEqual(full.slice(0, 61));
    expect(p.mem.u8at(buf + 61)).toBe(0xaa);
    // a buffer smaller than one header still gets filled
    expect(p.w.fd_readdir!(fd, buf, 10, 2n, used)).toBe(0);
    expect(p.mem.u32(used)).toBe(10);
    expect(p.mem.u8.slice(buf, buf + 10)).toEqual(full.slice(51, 61));
    // the program retries from the cookie of the last whole entry
    expect(p.w.fd_readdir!(fd, buf, 64, 2n, used)).toBe(0);
    expect(parseDirents(p.mem.view, p.mem.u8, buf, p.mem.u32(used)).map((e) => e[3])).toEqual(['alpha', 'b']);
    expect(p.w.fd_readdir!(fd, buf, 0, 0n, used)).toBe(0);
    expect(p.mem.u32(used)).toBe(0);
  });

  it('refuses files, unknown descriptors and bad buffers', () => {
    const { p, fd } = dirWithFiles();
    const [, f] = p.open('d/b');
    const buf = p.mem.alloc(64);
    const used = p.mem.alloc(4);
    expect(p.w.fd_readdir!(f, buf, 64, 0n, used)).toBe(E.ENOTDIR);
    expect(p.w.fd_readdir!(66, buf, 64, 0n, used)).toBe(E.EBADF);
    expect(p.w.fd_readdir!(fd, p.mem.size - 10, 64, 0n, used)).toBe(E.EFAULT);
    expect(p.w.fd_readdir!(fd, buf, 64, 0n, p.mem.size)).toBe(E.EFAULT);
  });
});
