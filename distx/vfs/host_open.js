import * as nodefs from "node:fs";
import { Errno } from "../errno.js";
import { errnoFromError } from "./errno_map.js";
import { fileTypeFromMode } from "./stat.js";
import { FileType } from "./types.js";
const { O_CREAT, O_EXCL } = nodefs.constants;
function openHostPath(hostPath, num, mode, likelyExists) {
  let fd;
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
          if (e.code !== (create ? "EEXIST" : "ENOENT") || attempt >= 4) throw e;
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
    if (created && (st.mode & 4095) !== mode) nodefs.fchmodSync(fd, mode);
    const type = fileTypeFromMode(st.mode);
    if (type === FileType.RegularFile || type === FileType.Directory) return { fd, type, ino: st.ino };
    nodefs.closeSync(fd);
    return -Errno.ENXIO;
  } catch (e) {
    nodefs.closeSync(fd);
    return errnoFromError(e);
  }
}
export {
  openHostPath
};
