import { Errno } from "../errno.js";
const CODES = {
  E2BIG: Errno.E2BIG,
  EACCES: Errno.EACCES,
  EAGAIN: Errno.EAGAIN,
  EWOULDBLOCK: Errno.EAGAIN,
  EBADF: Errno.EBADF,
  EBUSY: Errno.EBUSY,
  EDQUOT: Errno.EDQUOT,
  EEXIST: Errno.EEXIST,
  EFAULT: Errno.EFAULT,
  EFBIG: Errno.EFBIG,
  EINTR: Errno.EINTR,
  EINVAL: Errno.EINVAL,
  EIO: Errno.EIO,
  EISDIR: Errno.EISDIR,
  ELOOP: Errno.ELOOP,
  EMFILE: Errno.EMFILE,
  EMLINK: Errno.EMLINK,
  ENAMETOOLONG: Errno.ENAMETOOLONG,
  ENFILE: Errno.ENFILE,
  ENODEV: Errno.ENODEV,
  ENOENT: Errno.ENOENT,
  ENOMEM: Errno.ENOMEM,
  ENOSPC: Errno.ENOSPC,
  ENOSYS: Errno.ENOSYS,
  ENOTDIR: Errno.ENOTDIR,
  ENOTEMPTY: Errno.ENOTEMPTY,
  ENOTSUP: Errno.ENOTSUP,
  EOPNOTSUPP: Errno.ENOTSUP,
  ENXIO: Errno.ENXIO,
  EOVERFLOW: Errno.EOVERFLOW,
  EPERM: Errno.EPERM,
  EPIPE: Errno.EPIPE,
  EROFS: Errno.EROFS,
  ESPIPE: Errno.ESPIPE,
  ESTALE: Errno.ESTALE,
  ETXTBSY: Errno.ETXTBSY,
  EXDEV: Errno.EXDEV,
  ETIMEDOUT: Errno.ETIMEDOUT
};
function errnoFromError(err) {
  const code = err?.code;
  if (typeof code !== "string" || code.startsWith("ERR_")) throw err;
  return -(CODES[code] ?? Errno.EIO);
}
export {
  errnoFromError
};
