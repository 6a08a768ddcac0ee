import { FdFlags } from "./abi.js";
import { rightsFor } from "./fdtable.js";
import { O_CLOEXEC, O_NONBLOCK } from "./posix_abi.js";
function insertObject(c, file, flags) {
  const fd = c.fds.insert(file, {
    rightsBase: rightsFor(file, true, true),
    flags: (flags & O_NONBLOCK) !== 0 ? FdFlags.NONBLOCK : 0,
    cloexec: (flags & O_CLOEXEC) !== 0
  });
  if (fd < 0) file.close();
  return fd;
}
export {
  insertObject
};
