import { FileType } from './types.js';
/** A host file opened: its descriptor, and whether it is a regular file or a directory. */
export interface HostOpened {
    fd: number;
    type: FileType.RegularFile | FileType.Directory;
    ino: number;
}
/**
 * Opens `hostPath` with the host flags `num` and, for a file it creates, the mode `mode` (the
 * guest's umask already applied; the host process's own does not clear more). With O_CREAT and
 * no O_EXCL, it creates exclusively or opens what is there until one of them works (the name may
 * come and go meanwhile), trying first what `likelyExists` suggests (a failed attempt costs a
 * thrown error, several times the open itself). Anything but a regular file or a directory is
 * closed again: ENXIO (a host FIFO or device). -errno on failure.
 */
export declare function openHostPath(hostPath: string, num: number, mode: number, likelyExists: boolean): HostOpened | number;
