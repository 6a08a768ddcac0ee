// A prepared module read from the cache without its data: a program's data segments (flite's 20 MB
// of voice data) are read from the cache file straight into the instance's memory, as a loader
// places an ELF file's segments, instead of into a buffer that the engine copies into its module
// and again into the memory at instantiation. The module compiled keeps every segment, each made
// empty (the same count and indices, nothing to copy), and without DWARF sections (a debugger's);
// the cache file stays open with the image (a replaced or removed entry still reads as it was)
// until the image is collected.
import { closeSync, fstatSync, openSync, read, readSync } from 'node:fs';
import { LoadError } from './program_image.js';

/** Where each active segment's bytes are in the cache file and where they go in memory. */
export interface PreparedData {
  readonly segments: readonly { memOffset: number; fileOffset: number; length: number }[];
  /** Writes the segments into a fresh instance's memory, in order (as instantiation would). */
  write(memory: WebAssembly.Memory, name: string): void;
}

/** Segments below this are left in the module (not worth a read of their own). */
const MIN_SEGMENT = 4096;
/** More segments than this: the module is read whole (a read per segment would cost more). */
const MAX_SEGMENTS = 1024;

const closer = new FinalizationRegistry<number>((fd) => { try { closeSync(fd); } catch { /* closed already */ } });

/** One read on libuv's pool (the main thread goes on meanwhile). */
function readAt(fd: number, length: number, position: number): Promise<Buffer> {
  const bytes = Buffer.allocUnsafeSlow(length);
  const step = (done: number, resolve: (b: Buffer) => void, reject: (e: Error) => void): void => {
    if (done === length) { resolve(bytes); return; }
    read(fd, bytes, done, length - done, position + done, (e, n) => {
      if (e) reject(e);
      else if (n === 0) reject(new Error('the file ended early'));
      else step(done + n, resolve, reject);
    });
  };
  return new Promise((resolve, reject) => step(0, resolve, reject));
}

/** Reads bytes [position, position + length) synchronously (small reads: headers). */
function readSmall(fd: number, length: number, position: number): Buffer {
  const b = Buffer.alloc(length);
  const n = readSync(fd, b, 0, length, position);
  return b.subarray(0, n);
}

/** An unsigned LEB128 at b[p]: [value, next position], or undefined past the end of b. */
function leb(b: Uint8Array, p: number): [number, number] | undefined {
  let v = 0, mul = 1;
  for (let i = 0; i < 5; i++) {
    if (p >= b.length) return undefined;
    const x = b[p++]!;
    v += (x & 0x7f) * mul;
    mul *= 128;
    if ((x & 0x80) === 0) return [v, p];
  }
  return undefined;
}

/** A signed LEB128 of up to 32 bits at b[p] (an i32.const): [value as u32, next position]. */
function sleb32(b: Uint8Array, p: number): [number, number] | undefined {
  let v = 0, shift = 0, x;
  do {
    if (p >= b.length || shift > 28) return undefined;
    x = b[p++]!;
    v |= (x & 0x7f) << shift;
    shift += 7;
  } while (x & 0x80);
  if (shift < 32 && (x & 0x40)) v |= -1 << shift;
  return [v >>> 0, p];
}

function lebBytes(v: number): number[] {
  const out: number[] = [];
  do { let b = v & 0x7f; v = Math.floor(v / 128); if (v) b |= 0x80; out.push(b); } while (v);
  return out;
}

/**
 * The module in the file at `path`, its large active data segments left out (PreparedData says
 * where they are); the whole module when it has none or a layout this does not take apart (a
 * start function, which would run before the data is written; a segment at a computed offset;
 * very many segments). Undefined when the file cannot be opened or read.
 */
export async function readPrepared(path: string): Promise<{ binary: Uint8Array; data?: PreparedData } | undefined> {
  let fd: number;
  try { fd = openSync(path, 'r'); } catch { return undefined; }
  let keep = false;
  try {
    const size = fstatSync(fd).size;
    const layout = dataLayout(fd, size);
    if (layout === undefined) return { binary: await readAt(fd, size, 0) };
    const { sections, headers } = layout;
    // Every section but the data section and DWARF (.debug_*, which only a debugger reads: flite
    // carries 4 MB of it), in order; the data section rebuilt in its place.
    const kept = sections.filter((x) => x.id !== 11 && !(x.id === 0 && x.name?.startsWith('.debug')));
    const read = await Promise.all(kept.map((x) => readAt(fd, x.end - x.at, x.at)));
    // The data section again, each large segment's bytes left out (its length 0).
    const body: number[] = lebBytes(headers.length);
    const parts: Uint8Array[] = [];
    const segments: { memOffset: number; fileOffset: number; length: number }[] = [];
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
    const out: Uint8Array[] = [readSmall(fd, 8, 0)];
    for (const x of sections) {
      const i = kept.indexOf(x);
      if (i >= 0) out.push(read[i]!);
      else if (x.id === 11) out.push(...dataSection);
    }
    const binary = Buffer.concat(out);
    keep = true;
    const data: PreparedData = {
      segments,
      write(memory, name) {
        const size = memory.buffer.byteLength;
        for (const s of segments) {
          if (s.memOffset + s.length > size) throw new LoadError(`${name}: cannot be instantiated: data segment does not fit in its memory`);
          const into = new Uint8Array(memory.buffer, s.memOffset, s.length);
          let done = 0;
          try {
            while (done < s.length) {
              const n = readSync(fd, into, done, s.length - done, s.fileOffset + done);
              if (n === 0) break;
              done += n;
            }
          } catch (e) {
            throw new LoadError(`${name}: cannot read its data from the preparation cache: ${(e as Error).message}`);
          }
          if (done < s.length) throw new LoadError(`${name}: its prepared module in the cache was cut short`);
        }
      },
    };
    closer.register(data, fd);
    return { binary, data };
  } catch {
    return undefined;
  } finally {
    if (!keep) closeSync(fd);
  }
}

interface SegmentHeader {
  /** Where the segment starts in the file, and where its bytes end. */
  at: number;
  end: number;
  length: number;
  memOffset: number;
  /** Its flags and offset expression, as in the file. */
  head: number[];
}

/** A section of the file: its id, where its header starts and where it ends; a custom one's name. */
interface SectionAt { id: number; at: number; end: number; name?: string }

/**
 * The module's sections and its data segments' headers, or undefined when the module is to be
 * read whole.
 */
function dataLayout(fd: number, size: number): { sections: SectionAt[]; headers: SegmentHeader[] } | undefined {
  let p = 8;
  let found: { start: number; end: number } | undefined;
  const sections: SectionAt[] = [];
  while (p < size) {
    const h = readSmall(fd, 6, p);
    const id = h[0];
    const l = leb(h, 1);
    if (id === undefined || l === undefined) return undefined;
    const start = p + l[1];
    const end = start + l[0];
    if (end > size || id === 8) return undefined; // a start function runs before the data is written
    const section: SectionAt = { id, at: p, end };
    if (id === 11) found = { start, end };
    if (id === 0) {
      const n = leb(readSmall(fd, 5, start), 0);
      if (n === undefined) return undefined;
      section.name = readSmall(fd, Math.min(n[0], 64), start + n[1]).toString('latin1');
    }
    sections.push(section);
    p = end;
  }
  if (found === undefined) return undefined;
  const headers: SegmentHeader[] = [];
  let q = found.start;
  const count = leb(readSmall(fd, 5, q), 0);
  if (count === undefined || count[0] > MAX_SEGMENTS) return undefined;
  q += count[1];
  let large = false;
  for (let i = 0; i < count[0]; i++) {
    // flags 0: memory 0 at an i32.const offset; anything else stays in the module whole.
    const h = readSmall(fd, 16, q);
    if (h[0] !== 0 || h[1] !== 0x41) return undefined;
    const off = sleb32(h, 2);
    if (off === undefined || h[off[1]] !== 0x0b) return undefined;
    const len = leb(h, off[1] + 1);
    if (len === undefined) return undefined;
    const end = q + len[1] + len[0];
    if (end > found.end) return undefined;
    headers.push({ at: q, end, length: len[0], memOffset: off[0], head: [...h.subarray(0, off[1] + 1)] });
    if (len[0] >= MIN_SEGMENT) large = true;
    q = end;
  }
  if (q !== found.end || !large) return undefined;
  return { sections, headers };
}
