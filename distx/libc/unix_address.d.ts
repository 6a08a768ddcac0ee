import type { GuestMemory } from './abi.js';
/** offsetof(struct sockaddr_un, sun_path), and the largest address: sizeof(struct sockaddr_un), 112 here (its 16-byte alignment pads Linux's 110). */
export declare const SUN_PATH = 2;
export declare const SOCKADDR_UN_MAX = 112;
/** A parsed sockaddr_un: unnamed (just the family), a path, or an abstract name (its bytes, NUL first). */
export type Address = {
    kind: 'unnamed';
} | {
    kind: 'path';
    bytes: Uint8Array;
} | {
    kind: 'abstract';
    bytes: Uint8Array;
};
/** The address at (ptr, len): -EINVAL for a length out of range or another family, -EFAULT. */
export declare function readAddress(mem: GuestMemory, ptr: number, len: number): Address | number;
/** The abstract table's key for a name. */
export declare function abstractKey(bytes: Uint8Array): string;
/** A name as getsockname reports it: the family, the path with its NUL, or the abstract bytes. */
export declare function addressBytes(name: Uint8Array | undefined): Uint8Array;
/** Writes at most *lenPtr bytes of `name`'s address at addrPtr and sets *lenPtr to its whole length; -EINVAL, -EFAULT. */
export declare function writeAddress(mem: GuestMemory, addrPtr: number, lenPtr: number, name: Uint8Array | undefined): number;
