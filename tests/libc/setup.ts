// A ready process for the wasi tests: stdio on fake streams, preopens over the VFS, helpers for
// the calls whose argument lists are long.
import { Rights, WRITE_RIGHTS } from '../../src/libc/abi.js';
import { FakeStream, FakeTty } from './fake_files.js';
import { createDefaultTree } from '../../src/vfs/index.js';
import { makeHarness, type Harness } from './harness.js';
import type { Vfs } from '../../src/vfs/types.js';

/** The rights wasi-libc asks for with O_RDONLY / O_RDWR (everything but what contradicts the mode). */
export const RDONLY = BigInt((1 << 30) - 1 & ~WRITE_RIGHTS);
export const RDWR = BigInt((1 << 30) - 1);
export const WRONLY = BigInt((1 << 30) - 1 & ~(Rights.FD_READ | Rights.FD_READDIR));
export const O = { CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 } as const;
export const E = {
  SUCCESS: 0, EACCES: 2, EAGAIN: 6, EBADF: 8, EEXIST: 20, EFAULT: 21, EILSEQ: 25, EINVAL: 28, EIO: 29,
  EISDIR: 31, ELOOP: 32, ENAMETOOLONG: 37, ENOENT: 44, ENOTDIR: 54, ENOTEMPTY: 55, ENOTSOCK: 57, ENOTSUP: 58,
  ESPIPE: 70, ENOTCAPABLE: 76,
} as const;

export interface Proc extends Harness {
  vfs: Vfs;
  stdin: FakeStream;
  stdout: FakeTty;
  stderr: FakeStream;
  /** path_open from `dirfd`: [errno, fd]. */
  open(path: string, opts?: { oflags?: number; rights?: bigint; inheriting?: bigint; fdflags?: number; dirfd?: number; follow?: boolean }): [number, number];
  /** fd_write of one string: [errno, nwritten]. */
  write(fd: number, text: string): [number, number];
  /** fd_read of up to n bytes: [errno, text]. */
  read(fd: number, n: number): [number, string];
  /** A path call taking (fd, path, len): errno. */
  pathCall(name: string, path: string, dirfd?: number): number;
}

export function makeProc(vfs?: Vfs, preopens: string[] = [], args?: string[], env?: string[]): Proc {
  const fs = vfs ?? createDefaultTree();
  const stdin = new FakeStream();
  const stdout = new FakeTty();
  const stderr = new FakeStream();
  const h = makeHarness({ vfs: fs, stdio: [stdin, stdout, stderr], preopens, args, env });
  const m = h.mem;
  const p: Proc = {
    ...h, vfs: fs, stdin, stdout, stderr,
    open(path, o = {}) {
      const [pp, pl] = m.str(path);
      const out = m.alloc(4);
      m.setU32(out, 0xdead);
      const r = h.w.path_open!(o.dirfd ?? 3, o.follow === false ? 0 : 1, pp, pl, o.oflags ?? 0,
        o.rights ?? RDWR, o.inheriting ?? RDWR, o.fdflags ?? 0, out);
      return [r, m.u32(out)];
    },
    write(fd, text) {
      const [bp, bl] = m.str(text);
      const iov = m.iovecs([[bp, bl]]);
      const out = m.alloc(4);
      const r = h.w.fd_write!(fd, iov, 1, out);
      return [r, m.u32(out)];
    },
    read(fd, n) {
      const buf = m.alloc(n || 1, 1);
      const iov = m.iovecs([[buf, n]]);
      const out = m.alloc(4);
      const r = h.w.fd_read!(fd, iov, 1, out);
      return [r, r === 0 ? m.text(buf, m.u32(out)) : ''];
    },
    pathCall(name, path, dirfd = 3) {
      const [pp, pl] = m.str(path);
      return h.w[name]!(dirfd, pp, pl);
    },
  };
  return p;
}
