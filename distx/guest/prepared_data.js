import { closeSync, fstatSync, openSync, read, readSync } from "node:fs";
import { LoadError } from "./program_image.js";
const MIN_SEGMENT = 4096;
const MAX_SEGMENTS = 1024;
const closer = new FinalizationRegistry((fd) => {
  try {
    closeSync(fd);
  } catch {
  }
});
function readAt(fd, length, position) {
  const bytes = Buffer.allocUnsafeSlow(length);
  const step = (done, resolve, reject) => {
    if (done === length) {
      resolve(bytes);
      return;
    }
    read(fd, bytes, done, length - done, position + done, (e, n) => {
      if (e) reject(e);
      else if (n === 0) reject(new Error("the file ended early"));
      else step(done + n, resolve, reject);
    });
  };
  return new Promise((resolve, reject) => step(0, resolve, reject));
}
function readSmall(fd, length, position) {
  const b = Buffer.alloc(length);
  const n = readSync(fd, b, 0, length, position);
  return b.subarray(0, n);
}
function leb(b, p) {
  let v = 0, mul = 1;
  for (let i = 0; i < 5; i++) {
    if (p >= b.length) return void 0;
    const x = b[p++];
    v += (x & 127) * mul;
    mul *= 128;
    if ((x & 128) === 0) return [v, p];
  }
  return void 0;
}
function sleb32(b, p) {
  let v = 0, shift = 0, x;
  do {
    if (p >= b.length || shift > 28) return void 0;
    x = b[p++];
    v |= (x & 127) << shift;
    shift += 7;
  } while (x & 128);
  if (shift < 32 && x & 64) v |= -1 << shift;
  return [v >>> 0, p];
}
function lebBytes(v) {
  const out = [];
  do {
    let b = v & 127;
    v = Math.floor(v / 128);
    if (v) b |= 128;
    out.push(b);
  } while (v);
  return out;
}
async function readPrepared(path) {
  let fd;
  try {
    fd = openSync(path, "r");
  } catch {
    return void 0;
  }
  let keep = false;
  try {
    const size = fstatSync(fd).size;
    const layout = dataLayout(fd, size);
    if (layout === void 0) return { binary: await readAt(fd, size, 0) };
    const { sections, headers } = layout;
    const kept = sections.filter((x) => x.id !== 11 && !(x.id === 0 && x.name?.startsWith(".debug")));
    const read2 = await Promise.all(kept.map((x) => readAt(fd, x.end - x.at, x.at)));
    const body = lebBytes(headers.length);
    const parts = [];
    const segments = [];
    for (const h of headers) {
      if (h.length < MIN_SEGMENT) {
        parts.push(Uint8Array.from(body.splice(0)), readSmall(fd, h.end - h.at, h.at));
        continue;
      }
      body.push(...h.head, 0);
      segments.push({ memOffset: h.memOffset, fileOffset: h.end - h.length, length: h.length });
    }
    parts.push(Uint8Array.from(body));
    const bodyLength = parts.reduce((n, p) => n + p.length, 0);
    const dataSection = [Uint8Array.from([11, ...lebBytes(bodyLength)]), ...parts];
    const out = [readSmall(fd, 8, 0)];
    for (const x of sections) {
      const i = kept.indexOf(x);
      if (i >= 0) out.push(read2[i]);
      else if (x.id === 11) out.push(...dataSection);
    }
    const binary = Buffer.concat(out);
    keep = true;
    const data = {
      segments,
      write(memory, name) {
        const size2 = memory.buffer.byteLength;
        for (const s of segments) {
          if (s.memOffset + s.length > size2) throw new LoadError(`${name}: cannot be instantiated: data segment does not fit in its memory`);
          const into = new Uint8Array(memory.buffer, s.memOffset, s.length);
          let done = 0;
          try {
            while (done < s.length) {
              const n = readSync(fd, into, done, s.length - done, s.fileOffset + done);
              if (n === 0) break;
              done += n;
            }
          } catch (e) {
            throw new LoadError(`${name}: cannot read its data from the preparation cache: ${e.message}`);
          }
          if (done < s.length) throw new LoadError(`${name}: its prepared module in the cache was cut short`);
        }
      }
    };
    closer.register(data, fd);
    return { binary, data };
  } catch {
    return void 0;
  } finally {
    if (!keep) closeSync(fd);
  }
}
function dataLayout(fd, size) {
  let p = 8;
  let found;
  const sections = [];
  while (p < size) {
    const h = readSmall(fd, 6, p);
    const id = h[0];
    const l = leb(h, 1);
    if (id === void 0 || l === void 0) return void 0;
    const start = p + l[1];
    const end = start + l[0];
    if (end > size || id === 8) return void 0;
    const section = { id, at: p, end };
    if (id === 11) found = { start, end };
    if (id === 0) {
      const n = leb(readSmall(fd, 5, start), 0);
      if (n === void 0) return void 0;
      section.name = readSmall(fd, Math.min(n[0], 64), start + n[1]).toString("latin1");
    }
    sections.push(section);
    p = end;
  }
  if (found === void 0) return void 0;
  const headers = [];
  let q = found.start;
  const count = leb(readSmall(fd, 5, q), 0);
  if (count === void 0 || count[0] > MAX_SEGMENTS) return void 0;
  q += count[1];
  let large = false;
  for (let i = 0; i < count[0]; i++) {
    const h = readSmall(fd, 16, q);
    if (h[0] !== 0 || h[1] !== 65) return void 0;
    const off = sleb32(h, 2);
    if (off === void 0 || h[off[1]] !== 11) return void 0;
    const len = leb(h, off[1] + 1);
    if (len === void 0) return void 0;
    const end = q + len[1] + len[0];
    if (end > found.end) return void 0;
    headers.push({ at: q, end, length: len[0], memOffset: off[0], head: [...h.subarray(0, off[1] + 1)] });
    if (len[0] >= MIN_SEGMENT) large = true;
    q = end;
  }
  if (q !== found.end || !large) return void 0;
  return { sections, headers };
}
export {
  readPrepared
};
