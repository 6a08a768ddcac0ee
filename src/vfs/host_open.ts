// The host side of opening a file of a host mount: the open itself, whether it created the file
// (only then does the guest's mode apply), and what it opened. hostfs opens through it, and so
// does a decoupled program's worker for a name in a lent mount root (open_lending.ts): both
// must leave the host in the same state.
import * as nodefs from 'node:fs';
import { Errno } from '../errno.js';
import { errnoFromError } from './errno_map.js';
import { fileTypeFromMode } from './stat.js';
import { FileType } from './types.js';

const { O_CREAT, O_EXCL } = nodefs.constants;

/** A host file opened: its descriptor, and whether it is a regular file or a directory. */
export interface HostOpened { fd: number; type: FileType.RegularFile | FileType.Directory; ino: number }

/**
 * Opens `hostPath` with the host flags `num` and, for a file it creates, the mode `mode` (the
 * guest's umask already applied; the host process's own does not clear more). With O_CREAT and
 * no O_EXCL, it creates exclusively or opens what is there until one of them works (the name may
 * come and go meanwhile), trying first what `likelyExists` suggests (a failed attempt costs a
 * thrown error, several times the open itself). Anything but a regular file or a directory is
 * closed again: ENXIO (a host FIFO or device). -errno on failure.
 */
export function openHostPath(hostPath: string, num: number, mode: number, likelyExists: boolean): HostOpened | number {
  let fd: number;
  let created = false;
  try {
    if ((num & O_CREAT) !== 0 && (num & O_EXCL) === 0) {
      let create = !likelyExists;
      for (let attempt = 0; ; attempt++, create = !create) {
        try {
          fd = nodefs.openSync(hostPath, create ? num | O_EXCL : num & ~O_CREAT, mode);
          created = create;
          break;
        } catch (e) {
          if ((e as { code?: string }).code !== (create ? 'EEXIST' : 'ENOENT') || attempt >= 4) throw e;
        }
      }
    } else {
      fd = nodefs.openSync(hostPath, num, mode);
      created = (num & O_CREAT) !== 0;
    }
  } catch (e) {
    return errnoFromError(e);
  }
  try {
    const st = nodefs.fstatSync(fd);
    if (created && (st.mode & 0o7777) !== mode) nodefs.fchmodSync(fd, mode);
    const type = fileTypeFromMode(st.mode);
    if (type === FileType.RegularFile || type === FileType.Directory) return { fd, type, ino: st.ino };
    nodefs.closeSync(fd);
    return -Errno.ENXIO;
  } catch (e) {
    nodefs.closeSync(fd);
    return errnoFromError(e);
  }
}
