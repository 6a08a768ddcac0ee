import { FileType } from "./types.js";
let nextDev = 1n;
function nextDeviceId() {
  return nextDev++;
}
function msToNs(ms) {
  if (ms === lastMs) return lastNs;
  const whole = Math.floor(ms);
  const ns = whole === ms ? BigInt(whole) * 1000000n : BigInt(whole) * 1000000n + BigInt(Math.round((ms - whole) * 1e6));
  lastMs = ms;
  lastNs = ns;
  return ns;
}
let lastMs = 0;
let lastNs = 0n;
const DIRECTORY_SIZE = 4096n;
function makeStat(type, dev, ino, size = 0n, timeNs = 0n) {
  return {
    dev,
    ino,
    type,
    nlink: type === FileType.Directory ? 2n : 1n,
    size,
    atimeNs: timeNs,
    mtimeNs: timeNs,
    ctimeNs: timeNs,
    mode: type === FileType.Directory ? 493 : type === FileType.CharacterDevice ? 438 : 420
  };
}
const S_IFMT = 61440;
function fileTypeFromMode(mode) {
  switch (mode & S_IFMT) {
    case 32768:
      return FileType.RegularFile;
    case 16384:
      return FileType.Directory;
    case 40960:
      return FileType.SymbolicLink;
    case 8192:
      return FileType.CharacterDevice;
    case 24576:
      return FileType.BlockDevice;
    case 4096:
      return FileType.Fifo;
    case 49152:
      return FileType.SocketStream;
    default:
      return FileType.Unknown;
  }
}
function statFromNumeric(s, dev) {
  return {
    dev,
    ino: BigInt(s.ino),
    type: fileTypeFromMode(s.mode),
    nlink: BigInt(s.nlink),
    size: BigInt(s.size),
    atimeNs: msToNs(s.atimeMs),
    mtimeNs: msToNs(s.mtimeMs),
    ctimeNs: msToNs(s.ctimeMs),
    mode: s.mode & 4095
  };
}
function nowNs() {
  return msToNs(Date.now());
}
function statFromBigInt(s, dev) {
  const mode = Number(s.mode);
  return {
    dev,
    ino: s.ino,
    type: fileTypeFromMode(mode),
    nlink: s.nlink,
    size: s.size,
    atimeNs: s.atimeNs,
    mtimeNs: s.mtimeNs,
    ctimeNs: s.ctimeNs,
    mode: mode & 4095
  };
}
export {
  DIRECTORY_SIZE,
  fileTypeFromMode,
  makeStat,
  msToNs,
  nextDeviceId,
  nowNs,
  statFromBigInt,
  statFromNumeric
};
