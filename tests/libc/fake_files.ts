// Stdio stand-ins whose behaviour a test controls: a stream that is empty (EAGAIN) or full on
// demand, and a terminal that collects what is written.
import { Errno } from '../../src/errno.js';
import { BaseFile } from '../../src/vfs/file.js';
import { FileType } from '../../src/vfs/types.js';

/** A pipe-like stream: reads are EAGAIN until data is pushed; writes EAGAIN while `full`. */
export class FakeStream extends BaseFile {
  readonly type = FileType.Fifo;
  chunks: Uint8Array[] = [];
  written: Uint8Array[] = [];
  full = false;
  eof = false;
  override read(buf: Uint8Array): number {
    const c = this.chunks.shift();
    if (c === undefined) return this.eof ? 0 : -Errno.EAGAIN;
    const n = Math.min(c.length, buf.length);
    buf.set(c.subarray(0, n));
    if (n < c.length) this.chunks.unshift(c.subarray(n));
    return n;
  }
  override write(buf: Uint8Array): number {
    if (this.full) return -Errno.EAGAIN;
    this.written.push(buf.slice());
    return buf.length;
  }
  override readable(): boolean { return this.chunks.length > 0 || this.eof; }
  override writable(): boolean { return !this.full; }
  override available(): number { return this.chunks.reduce((n, c) => n + c.length, 0); }
  text(): string { return new TextDecoder().decode(Buffer.concat(this.written)); }
}

/** A console-like character device: a terminal, writes are collected. */
export class FakeTty extends FakeStream {
  override readonly type = FileType.CharacterDevice as FileType.Fifo;
  override get isTerminal(): boolean { return true; }
}
