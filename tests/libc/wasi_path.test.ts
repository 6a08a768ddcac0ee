// path_* calls on a VFS: open with every oflag, directories, links, renames, errors.
import { describe, expect, it } from 'vitest';
import { Rights } from '../../src/libc/abi.js';
import { E, O, RDONLY, RDWR, WRONLY, makeProc } from './setup.js';
import { trees } from './trees.js';

describe.each(trees)('path_* on the $name tree', ({ make }) => {
  const proc = () => makeProc(make());

  it('path_open creates, excludes, truncates and finds', () => {
    const p = proc();
    expect(p.open('f')[0]).toBe(E.ENOENT);
    const [r, fd] = p.open('f', { oflags: O.CREAT });
    expect(r).toBe(0);
    expect(fd).toBe(4);
    p.write(fd, 'content');
    expect(p.open('f', { oflags: O.CREAT | O.EXCL })[0]).toBe(E.EEXIST);
    const [r2, fd2] = p.open('/f', { oflags: O.CREAT });
    expect(r2).toBe(0);
    expect(p.read(fd2, 20)).toEqual([0, 'content']);
    const [r3, fd3] = p.open('f', { oflags: O.TRUNC, rights: WRONLY });
    expect(r3).toBe(0);
    const st = p.mem.alloc(64);
    expect(p.w.fd_filestat_get!(fd3, st)).toBe(0);
    expect(p.mem.u64(st + 32)).toBe(0n);
    expect(p.read(fd3, 4)[0]).toBe(E.EBADF);
  });

  it('path_open with O_DIRECTORY, on directories and through files', () => {
    const p = proc();
    p.open('file', { oflags: O.CREAT });
    expect(p.pathCall('path_create_directory', 'dir')).toBe(0);
    expect(p.open('file', { oflags: O.DIRECTORY, rights: RDONLY })[0]).toBe(E.ENOTDIR);
    expect(p.open('file/x', { oflags: O.CREAT })[0]).toBe(E.ENOTDIR);
    expect(p.open('dir', { rights: RDWR })[0]).toBe(E.EISDIR);
    const [r, d] = p.open('dir', { oflags: O.DIRECTORY, rights: RDONLY });
    expect(r).toBe(0);
    const st = p.mem.alloc(24);
    p.w.fd_fdstat_get!(d, st);
    expect(p.mem.u8at(st)).toBe(3);
    expect(Number(p.mem.u64(st + 8)) & Rights.PATH_OPEN).toBe(Rights.PATH_OPEN);
    // relative to the new directory descriptor, and absolute from it
    expect(p.open('inner', { oflags: O.CREAT, dirfd: d })[0]).toBe(0);
    expect(typeof p.vfs.stat('/dir/inner')).toBe('object');
    expect(p.open('/file', { dirfd: d })[0]).toBe(0);
    expect(p.open('../file', { dirfd: d })[0]).toBe(0);
    // a file is no directory descriptor
    const [, f] = p.open('file');
    expect(p.open('x', { dirfd: f })[0]).toBe(E.ENOTDIR);
    expect(p.open('x', { dirfd: 40 })[0]).toBe(E.EBADF);
  });

  it('path_open follows symlinks unless told not to', () => {
    const p = proc();
    const [, f] = p.open('target', { oflags: O.CREAT });
    p.write(f, 'T');
    const [t, tl] = p.mem.str('target');
    const [l, ll] = p.mem.str('link');
    expect(p.w.path_symlink!(t, tl, 3, l, ll)).toBe(0);
    const [r, fd] = p.open('link');
    expect(r).toBe(0);
    expect(p.read(fd, 4)).toEqual([0, 'T']);
    expect(p.open('link', { follow: false })[0]).toBe(E.ELOOP);
  });

  it('path_open checks its arguments before opening anything', () => {
    const p = proc();
    const out = p.mem.alloc(4);
    const [pp, pl] = p.mem.str('new');
    expect(p.w.path_open!(3, 1, pp, pl, O.CREAT, RDWR, RDWR, 0, p.mem.size - 2)).toBe(E.EFAULT);
    expect(p.w.path_open!(3, 1, p.mem.size - 2, 3, O.CREAT, RDWR, RDWR, 0, out)).toBe(E.EFAULT);
    expect(p.w.path_open!(3, 1, 0xfffffffe, 4, O.CREAT, RDWR, RDWR, 0, out)).toBe(E.EFAULT);
    expect(p.w.path_open!(3, 1, pp, pl, 0x10, RDWR, RDWR, 0, out)).toBe(E.EINVAL);
    expect(p.w.path_open!(3, 1, pp, pl, O.CREAT, RDWR, RDWR, 0x40, out)).toBe(E.EINVAL);
    expect(p.vfs.stat('/new')).toBe(-E.ENOENT);
    expect(p.fds.fds()).toEqual([0, 1, 2, 3]);
    expect(p.open('')[0]).toBe(E.ENOENT);
    const bad = p.mem.bytes(new Uint8Array([0x66, 0xff, 0x66]));
    expect(p.w.path_open!(3, 1, bad, 3, O.CREAT, RDWR, RDWR, 0, out)).toBe(E.EILSEQ);
    const nul = p.mem.bytes(new Uint8Array([0x66, 0, 0x66]));
    expect(p.w.path_open!(3, 1, nul, 3, O.CREAT, RDWR, RDWR, 0, out)).toBe(E.EINVAL);
  });

  it('path_open gives sensible rights and refuses rights the directory cannot pass on', () => {
    const p = proc();
    const [, ro] = p.open('f', { oflags: O.CREAT, rights: RDONLY });
    const st = p.mem.alloc(24);
    p.w.fd_fdstat_get!(ro, st);
    const base = Number(p.mem.u64(st + 8));
    expect(base & Rights.FD_WRITE).toBe(0);
    expect(base & Rights.PATH_OPEN).toBe(0);
    expect(p.mem.u64(st + 16)).toBe(0n);
    // the rights asked for choose the access mode only: a directory gets its path rights anyway
    const [, d] = p.open('/', { oflags: O.DIRECTORY, rights: RDONLY & ~BigInt(Rights.PATH_CREATE_FILE) });
    p.w.fd_fdstat_get!(d, st);
    const dAll = p.mem.u64(st + 8);
    expect(Number(dAll) & Rights.PATH_CREATE_FILE).toBe(Rights.PATH_CREATE_FILE);
    // a directory whose PATH_CREATE_FILE was dropped cannot create
    expect(p.w.fd_fdstat_set_rights!(d, dAll & ~BigInt(Rights.PATH_CREATE_FILE), p.mem.u64(st + 16))).toBe(0);
    expect(p.open('g', { oflags: O.CREAT, dirfd: d })[0]).toBe(E.ENOTCAPABLE);
    // a directory that passes on no FD_WRITE cannot open for writing
    p.w.fd_fdstat_get!(d, st);
    const dBase = p.mem.u64(st + 8);
    const noWrite = p.mem.u64(st + 16) & ~BigInt(Rights.FD_WRITE);
    expect(p.w.fd_fdstat_set_rights!(d, dBase, noWrite)).toBe(0);
    expect(p.w.fd_fdstat_set_rights!(d, dBase | BigInt(Rights.FD_READ), noWrite)).toBe(E.ENOTCAPABLE);
    expect(p.open('f', { dirfd: d, rights: RDWR })[0]).toBe(E.ENOTCAPABLE);
    expect(p.open('f', { dirfd: d, rights: RDONLY })[0]).toBe(0);
    expect(p.open('f', { dirfd: 0 })[0]).toBe(E.ENOTDIR);
  });

  it('path_open of /dev/stdout and /dev/fd/N shares that descriptor', () => {
    const p = proc();
    const [r, fd] = p.open('/dev/stdout', { rights: WRONLY });
    expect(r).toBe(0);
    expect(p.fds.get(fd)!.file).toBe(p.fds.get(1)!.file);
    expect(p.write(fd, 'via dev\n')).toEqual([0, 8]);
    expect(p.stdout.text()).toBe('via dev\n');
    const [r2, fd2] = p.open('dev/fd/0', { rights: RDONLY });
    expect(r2).toBe(0);
    expect(p.fds.get(fd2)!.file).toBe(p.stdin);
    expect(p.open('/dev/stdin', { rights: WRONLY })[0]).toBe(E.EACCES);
    expect(p.open('/dev/fd/7', { rights: RDONLY })[0]).toBe(E.ENOENT);
    expect(p.open('/dev/stdout', { rights: WRONLY, oflags: O.CREAT | O.EXCL })[0]).toBe(E.EEXIST);
    expect(p.open('/dev/stdout', { rights: RDONLY, oflags: O.DIRECTORY })[0]).toBe(E.ENOTDIR);
    // through a symlink too
    const [t, tl] = p.mem.str('/dev/stderr');
    const [l, ll] = p.mem.str('err');
    expect(p.w.path_symlink!(t, tl, 3, l, ll)).toBe(0);
    const [r3, fd3] = p.open('err', { rights: WRONLY });
    expect(r3).toBe(0);
    expect(p.fds.get(fd3)!.file).toBe(p.stderr);
    expect(p.open('err', { rights: WRONLY, follow: false })[0]).toBe(E.ELOOP);
    // closing the copy leaves the original open
    expect(p.w.fd_close!(fd)).toBe(0);
    expect(p.write(1, 'still\n')[0]).toBe(0);
  });

  it('path_create_directory, path_remove_directory, path_unlink_file', () => {
    const p = proc();
    expect(p.pathCall('path_create_directory', 'a')).toBe(0);
    expect(p.pathCall('path_create_directory', 'a')).toBe(E.EEXIST);
    expect(p.pathCall('path_create_directory', 'x/y')).toBe(E.ENOENT);
    p.open('a/f', { oflags: O.CREAT });
    expect(p.pathCall('path_remove_directory', 'a')).toBe(E.ENOTEMPTY);
    expect(p.pathCall('path_remove_directory', 'a/f')).toBe(E.ENOTDIR);
    expect(p.pathCall('path_unlink_file', 'a')).toBe(E.EISDIR);
    expect(p.pathCall('path_unlink_file', 'a/f')).toBe(0);
    expect(p.pathCall('path_unlink_file', 'a/f')).toBe(E.ENOENT);
    expect(p.pathCall('path_remove_directory', 'a')).toBe(0);
    expect(p.pathCall('path_remove_directory', 'a')).toBe(E.ENOENT);
    expect(p.pathCall('path_create_directory', 'q', 77)).toBe(E.EBADF);
    expect(p.pathCall('path_create_directory', 'q', 1)).toBe(E.ENOTDIR);
    expect(p.w.path_create_directory!(3, p.mem.size - 1, 2)).toBe(E.EFAULT);
  });

  it('path_rename and path_link', () => {
    const p = proc();
    const [, f] = p.open('a', { oflags: O.CREAT });
    p.write(f, 'A');
    const [a, al] = p.mem.str('a');
    const [b, bl] = p.mem.str('b');
    const [c, cl] = p.mem.str('c');
    expect(p.w.path_rename!(3, a, al, 3, b, bl)).toBe(0);
    expect(p.w.path_rename!(3, a, al, 3, b, bl)).toBe(E.ENOENT);
    expect(p.w.path_link!(3, 0, b, bl, 3, c, cl)).toBe(0);
    expect(p.w.path_link!(3, 0, b, bl, 3, c, cl)).toBe(E.EEXIST);
    const st = p.mem.alloc(64);
    expect(p.w.path_filestat_get!(3, 0, c, cl, st)).toBe(0);
    expect(p.mem.u64(st + 24)).toBe(2n);
    expect(p.w.path_rename!(3, b, bl, 99, c, cl)).toBe(E.EBADF);
  });

  it('path_symlink and path_readlink truncate to the buffer', () => {
    const p = proc();
    const [t, tl] = p.mem.str('some/where/else');
    const [l, ll] = p.mem.str('ln');
    expect(p.w.path_symlink!(t, tl, 3, l, ll)).toBe(0);
    expect(p.w.path_symlink!(t, tl, 3, l, ll)).toBe(E.EEXIST);
    const buf = p.mem.alloc(64, 1);
    const used = p.mem.alloc(4);
    expect(p.w.path_readlink!(3, l, ll, buf, 64, used)).toBe(0);
    expect(p.mem.text(buf, p.mem.u32(used))).toBe('some/where/else');
    p.mem.u8.fill(0x7a, buf, buf + 64);
    expect(p.w.path_readlink!(3, l, ll, buf, 4, used)).toBe(0);
    expect(p.mem.u32(used)).toBe(4);
    expect(p.mem.text(buf, 5)).toBe('somez');
    p.open('plain', { oflags: O.CREAT });
    const [pl, pll] = p.mem.str('plain');
    expect(p.w.path_readlink!(3, pl, pll, buf, 64, used)).toBe(E.EINVAL);
    expect(p.w.path_readlink!(3, l, ll, p.mem.size - 2, 64, used)).toBe(E.EFAULT);
    const st = p.mem.alloc(64);
    expect(p.w.path_filestat_get!(3, 0, l, ll, st)).toBe(0);
    expect(p.mem.u8at(st + 16)).toBe(7);
    expect(p.w.path_filestat_get!(3, 1, l, ll, st)).toBe(E.ENOENT);   // dangling when followed
  });

  it('path_filestat_get and path_filestat_set_times', () => {
    const p = proc();
    const [, f] = p.open('f', { oflags: O.CREAT });
    p.write(f, '12345');
    const [n, nl] = p.mem.str('f');
    const st = p.mem.alloc(64);
    expect(p.w.path_filestat_get!(3, 1, n, nl, st)).toBe(0);
    expect(p.mem.u8at(st + 16)).toBe(4);
    expect(p.mem.u64(st + 32)).toBe(5n);
    expect(p.w.path_filestat_set_times!(3, 1, n, nl, 5_000_000_000n, 7_000_000_000n, 1 | 4)).toBe(0);
    expect(p.w.path_filestat_get!(3, 1, n, nl, st)).toBe(0);
    expect(p.mem.u64(st + 40)).toBe(5_000_000_000n);
    expect(p.mem.u64(st + 48)).toBe(7_000_000_000n);
    expect(p.w.path_filestat_set_times!(3, 1, n, nl, 0n, 0n, 1 | 2)).toBe(E.EINVAL);
    const [m, ml] = p.mem.str('missing');
    expect(p.w.path_filestat_get!(3, 1, m, ml, st)).toBe(E.ENOENT);
    expect(p.w.path_filestat_get!(3, 1, n, nl, p.mem.size - 10)).toBe(E.EFAULT);
  });
});
