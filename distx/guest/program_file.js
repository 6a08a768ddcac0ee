import { createHash } from "node:crypto";
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { cacheDir } from "../toolchain/compile_cache.js";
const ROOM = 64;
const SETTLED_MS = 2e3;
function identity(st) {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}
function fileIdentity(path) {
  try {
    const st = statSync(path, { bigint: true });
    return settled(st) ? identity(st) : void 0;
  } catch {
    return void 0;
  }
}
function settled(st) {
  return Number(st.ctimeNs / 1000000n) < Date.now() - SETTLED_MS && Number(st.mtimeNs / 1000000n) < Date.now() - SETTLED_MS;
}
function readProgramFile(path) {
  const fd = openSync(path, "r");
  try {
    const before = fstatSync(fd, { bigint: true });
    const size = Number(before.size);
    if (!before.isFile()) return { bytes: readFileSync(fd) };
    const bytes = Buffer.allocUnsafeSlow(ROOM + size).subarray(ROOM);
    let done = 0;
    while (done < size) {
      const n = readSync(fd, bytes, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    const after = fstatSync(fd, { bigint: true });
    if (done < size || identity(after) !== identity(before)) return { bytes: readFileSync(path) };
    return { bytes, id: settled(before) ? identity(before) : void 0, room: ROOM };
  } finally {
    closeSync(fd);
  }
}
const HEAD_CHUNK = 1 << 16;
function readProgramHead(path) {
  const fd = openSync(path, "r");
  let found;
  try {
    const before = fstatSync(fd, { bigint: true });
    if (before.isFile() && settled(before)) {
      const size = Number(before.size);
      let buf = Buffer.allocUnsafe(Math.min(size, HEAD_CHUNK));
      let have = readSync(fd, buf, 0, buf.length, 0);
      const need = (end) => {
        end = Math.min(end, size);
        if (end <= have) return true;
        if (end > buf.length) {
          const grown = Buffer.allocUnsafe(Math.max(end, Math.min(size, buf.length * 2)));
          buf.copy(grown, 0, 0, have);
          buf = grown;
        }
        while (have < end) {
          const n = readSync(fd, buf, have, buf.length - have, have);
          if (n === 0) return false;
          have += n;
        }
        return true;
      };
      const codeAt = have >= 8 && buf.readUInt32BE(0) === 6386541 ? findCode(size, need, () => buf) : void 0;
      const after = fstatSync(fd, { bigint: true });
      if (codeAt !== void 0 && identity(after) === identity(before)) {
        found = { path, id: identity(before), head: buf.subarray(0, codeAt.at), codeBytes: codeAt.size, size };
      }
    }
  } finally {
    closeSync(fd);
  }
  return found ?? readProgramFile(path);
}
function findCode(size, need, bytes) {
  let p = 8;
  while (p < size) {
    if (!need(p + 6)) return void 0;
    const b = bytes();
    const at = p;
    const id = b[p++];
    let len = 0, mul = 1, x;
    let i = 0;
    do {
      if (p >= size || i++ === 5) return void 0;
      x = b[p++];
      len += (x & 127) * mul;
      mul *= 128;
    } while (x & 128);
    if (id === 10) return p + len <= size ? { at, size: len } : void 0;
    p += len;
  }
  return void 0;
}
function knownHash(id) {
  try {
    const r = JSON.parse(readFileSync(hashRecord(id), "utf8"));
    if (r.id === id && typeof r.sha256 === "string" && /^[0-9a-f]{64}$/.test(r.sha256)) return r.sha256;
  } catch {
  }
  return void 0;
}
function hashRecord(id) {
  return join(cacheDir(), "files", `${sha256(Buffer.from(id)).slice(0, 32)}.json`);
}
function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}
function rememberedHash(id, bytes) {
  const known = knownHash(id);
  if (known !== void 0) return known;
  const record = hashRecord(id);
  const hash = sha256(bytes);
  try {
    mkdirSync(dirname(record), { recursive: true });
    const tmp = `${record}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ id, sha256: hash }));
    renameSync(tmp, record);
  } catch {
  }
  return hash;
}
export {
  fileIdentity,
  knownHash,
  readProgramFile,
  readProgramHead,
  rememberedHash,
  sha256
};
