import type { L4posixContext } from './l4posix.js';
export declare const memCalls: {
    /**
     * mmap(addr, len, prot, flags, fd, offset) -> 0 with the address at `out`, or -errno: EINVAL for
     * a zero length, an unaligned offset or MAP_FIXED address, no or both of MAP_SHARED/MAP_PRIVATE;
     * EBADF, EACCES (not open for reading; MAP_SHARED with PROT_WRITE on a descriptor not open for
     * writing or open for appending), ENODEV (not a regular file); ENOMEM when the address space
     * (or RLIMIT_AS) is full.
     */
    mmap(c: L4posixContext, addr: number, len: number, prot: number, flags: number, fd: number, offset: bigint, out: number): number;
    /** munmap: 0, or -EINVAL (unaligned address, zero length). Unmapped pages in the range are fine. */
    munmap(c: L4posixContext, addr: number, len: number): number;
    /**
     * mprotect: records the protection (wasm cannot enforce it). -EINVAL for an unaligned address or
     * unknown bits, -ENOMEM when part of the range is not mapped, -EACCES for PROT_WRITE on a shared
     * mapping of a file not open for writing.
     */
    mprotect(c: L4posixContext, addr: number, len: number, prot: number): number;
    /** msync: writes MAP_SHARED file mappings back. -EINVAL for bad flags or address, -ENOMEM for unmapped pages. */
    msync(c: L4posixContext, addr: number, len: number, flags: number): number;
    /**
     * madvise: MADV_DONTNEED makes the range read afresh (zeros for anonymous memory, the file for
     * file mappings); the other advice is accepted. -EINVAL for unknown advice or an unaligned
     * address, -ENOMEM for unmapped pages.
     */
    madvise(c: L4posixContext, addr: number, len: number, advice: number): number;
};
