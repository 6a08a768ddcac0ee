import type { WasiState } from './wasi_state.js';
export declare const pathCalls: {
    path_create_directory(s: WasiState, fd: number, path: number, len: number): number;
    path_filestat_get(s: WasiState, fd: number, flags: number, path: number, len: number, buf: number): number;
    path_filestat_set_times(s: WasiState, fd: number, flags: number, path: number, len: number, atim: bigint, mtim: bigint, fst: number): number;
    path_link(s: WasiState, oldFd: number, oldFlags: number, oldPath: number, oldLen: number, newFd: number, newPath: number, newLen: number): number;
    path_open(s: WasiState, fd: number, dirflags: number, path: number, len: number, oflags: number, base: bigint, _inheriting: bigint, fdflags: number, resultPtr: number): number;
    path_readlink(s: WasiState, fd: number, path: number, len: number, buf: number, bufLen: number, bufusedPtr: number): number;
    path_remove_directory(s: WasiState, fd: number, path: number, len: number): number;
    path_rename(s: WasiState, fd: number, oldPath: number, oldLen: number, newFd: number, newPath: number, newLen: number): number;
    path_symlink(s: WasiState, oldPath: number, oldLen: number, fd: number, newPath: number, newLen: number): number;
    path_unlink_file(s: WasiState, fd: number, path: number, len: number): number;
};
