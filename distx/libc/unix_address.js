import { Errno } from "../errno.js";
const SUN_PATH = 2;
const AF_UNIX = 3;
const SOCKADDR_UN_MAX = 112;
function readAddress(mem, ptr, len) {
  if (len < SUN_PATH || len > SOCKADDR_UN_MAX) return -Errno.EINVAL;
  if (!mem.ok(ptr, len)) return -Errno.EFAULT;
  if (mem.view.getUint16(ptr, true) !== AF_UNIX) return -Errno.EINVAL;
  const path = mem.u8.slice(ptr + SUN_PATH, ptr + len);
  if (path.length === 0) return { kind: "unnamed" };
  if (path[0] === 0) return { kind: "abstract", bytes: path };
  const end = path.indexOf(0);
  return { kind: "path", bytes: end < 0 ? path : path.subarray(0, end) };
}
function abstractKey(bytes) {
  return String.fromCharCode(...bytes);
}
function addressBytes(name) {
  const pathName = name !== void 0 && name.length > 0 && name[0] !== 0;
  const out = new Uint8Array(SUN_PATH + (name?.length ?? 0) + (pathName ? 1 : 0));
  out[0] = AF_UNIX;
  if (name !== void 0) out.set(name, SUN_PATH);
  return out;
}
function writeAddress(mem, addrPtr, lenPtr, name) {
  if (!mem.ok(lenPtr, 4)) return -Errno.EFAULT;
  const len = mem.view.getInt32(lenPtr, true);
  if (len < 0) return -Errno.EINVAL;
  const full = addressBytes(name);
  const n = Math.min(len, full.length);
  if (!mem.ok(addrPtr, n)) return -Errno.EFAULT;
  mem.u8.set(full.subarray(0, n), addrPtr);
  mem.view.setInt32(lenPtr, full.length, true);
  return 0;
}
export {
  SOCKADDR_UN_MAX,
  SUN_PATH,
  abstractKey,
  addressBytes,
  readAddress,
  writeAddress
};
