import { GuestMemory } from './abi.js';
import type { WasiState } from './wasi_state.js';
import { type TimeSpec } from '../vfs/types.js';
/**
 * Checks an iovec array and every buffer it names against memory: the total length, or -EFAULT
 * (anything outside memory) / -EINVAL (too many iovecs, total beyond SSIZE_MAX).
 */
export declare function checkIovecs(mem: GuestMemory, iovs: number, n: number): number;
/** The times of a *_filestat_set_times call, or -EINVAL for contradicting flags. */
export declare function timesFromAbi(atim: bigint, mtim: bigint, fst: number): {
    atime: TimeSpec;
    mtime: TimeSpec;
} | number;
export declare const fdCalls: {
    fd_advise(s: WasiState, fd: number, offset: bigint, len: bigint, advice: number): number;
    fd_allocate(s: WasiState, fd: number, offset: bigint, len: bigint): number;
    fd_close(s: WasiState, fd: number): number;
    fd_datasync(s: WasiState, fd: number): number;
    fd_fdstat_get(s: WasiState, fd: number, ptr: number): number;
    fd_fdstat_set_flags(s: WasiState, fd: number, flags: number): number;
    fd_fdstat_set_rights(s: WasiState, fd: number, base: bigint, inheriting: bigint): number;
    fd_filestat_get(s: WasiState, fd: number, ptr: number): number;
    fd_filestat_set_size(s: WasiState, fd: number, size: bigint): number;
    fd_filestat_set_times(s: WasiState, fd: number, atim: bigint, mtim: bigint, fst: number): number;
    fd_pread(s: WasiState, fd: number, iovs: number, n: number, offset: bigint, nreadPtr: number): number;
    fd_prestat_get(s: WasiState, fd: number, ptr: number): number;
    fd_prestat_dir_name(s: WasiState, fd: number, ptr: number, len: number): number;
    fd_pwrite(s: WasiState, fd: number, iovs: number, n: number, offset: bigint, nwrittenPtr: number): number;
    fd_read(s: WasiState, fd: number, iovs: number, n: number, nreadPtr: number): number;
    fd_readdir(s: WasiState, fd: number, buf: number, bufLen: number, cookie: bigint, bufusedPtr: number): number;
    fd_renumber(s: WasiState, fd: number, to: number): number;
    fd_seek(s: WasiState, fd: number, offset: bigint, whence: number, resultPtr: number): number;
    fd_sync(s: WasiState, fd: number): number;
    fd_tell(s: WasiState, fd: number, resultPtr: number): number;
    fd_write(s: WasiState, fd: number, iovs: number, n: number, nwrittenPtr: number): number;
};
