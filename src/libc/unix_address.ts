// sockaddr_un as l4wasm's programs lay it out (wasm32, wasi-libc's AF_UNIX): reading an address a
// program gives, writing the one a call reports, in Linux's forms (a path name with its NUL, an
// abstract name as its bytes, an unnamed socket as the family alone).
import { Errno } from '../errno.js';
import type { GuestMemory } from './abi.js';

/** offsetof(struct sockaddr_un, sun_path), and the largest address: sizeof(struct sockaddr_un), 112 here (its 16-byte alignment pads Linux's 110). */
export const SUN_PATH = 2;
/** wasi-libc's AF_UNIX. */
const AF_UNIX = 3;
export const SOCKADDR_UN_MAX = 112;
/** A parsed sockaddr_un: unnamed (just the family), a path, or an abstract name (its bytes, NUL first). */
export type Address = { kind: 'unnamed' } | { kind: 'path'; bytes: Uint8Array } | { kind: 'abstract'; bytes: Uint8Array };

/** The address at (ptr, len): -EINVAL for a length out of range or another family, -EFAULT. */
export function readAddress(mem: GuestMemory, ptr: number, len: number): Address | number {
  if (len < SUN_PATH || len > SOCKADDR_UN_MAX) return -Errno.EINVAL;
  if (!mem.ok(ptr, len)) return -Errno.EFAULT;
  if (mem.view.getUint16(ptr, true) !== AF_UNIX) return -Errno.EINVAL;
  const path = mem.u8.slice(ptr + SUN_PATH, ptr + len);
  if (path.length === 0) return { kind: 'unnamed' };
  if (path[0] === 0) return { kind: 'abstract', bytes: path };
  const end = path.indexOf(0);
  return { kind: 'path', bytes: end < 0 ? path : path.subarray(0, end) };
}

/** The abstract table's key for a name. */
export function abstractKey(bytes: Uint8Array): string { return String.fromCharCode(...bytes); }

/** A name as getsockname reports it: the family, the path with its NUL, or the abstract bytes. */
export function addressBytes(name: Uint8Array | undefined): Uint8Array {
  const pathName = name !== undefined && name.length > 0 && name[0] !== 0;
  const out = new Uint8Array(SUN_PATH + (name?.length ?? 0) + (pathName ? 1 : 0));
  out[0] = AF_UNIX;
  if (name !== undefined) out.set(name, SUN_PATH);
  return out;
}

/** Writes at most *lenPtr bytes of `name`'s address at addrPtr and sets *lenPtr to its whole length; -EINVAL, -EFAULT. */
export function writeAddress(mem: GuestMemory, addrPtr: number, lenPtr: number, name: Uint8Array | undefined): number {
  return writeSockaddr(mem, addrPtr, lenPtr, addressBytes(name));
}

/** Writes at most *lenPtr bytes of the whole address `full` at addrPtr and sets *lenPtr to its length; -EINVAL, -EFAULT. */
export function writeSockaddr(mem: GuestMemory, addrPtr: number, lenPtr: number, full: Uint8Array): number {
  if (!mem.ok(lenPtr, 4)) return -Errno.EFAULT;
  const len = mem.view.getInt32(lenPtr, true);
  if (len < 0) return -Errno.EINVAL;
  const n = Math.min(len, full.length);
  if (!mem.ok(addrPtr, n)) return -Errno.EFAULT;
  mem.u8.set(full.subarray(0, n), addrPtr);
  mem.view.setInt32(lenPtr, full.length, true);
  return 0;
}

