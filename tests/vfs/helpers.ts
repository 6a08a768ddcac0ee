// Shared helpers for the VFS suites.
import { expect } from 'vitest';
import type { OpenFile, OpenFlags, Stat, Vfs } from '../../src/vfs/types.js';

export const R: OpenFlags = { read: true, write: false };
export const W: OpenFlags = { read: false, write: true };
export const RW: OpenFlags = { read: true, write: true };
export const CREATE: OpenFlags = { read: true, write: true, create: true };

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Asserts a back-end answer is not an errno and narrows it. */
export function ok<T>(v: T | number): T {
  if (typeof v === 'number') expect.fail(`expected a value, got errno ${v}`);
  return v as T;
}

export function open(vfs: Vfs, path: string, flags: OpenFlags = R, follow = true): OpenFile {
  return ok(vfs.open(path, flags, follow));
}

export function stat(vfs: Vfs, path: string, follow = true): Stat {
  return ok(vfs.stat(path, follow));
}

/** Reads a file to its end. */
export function readAll(f: OpenFile): string {
  const chunks: Uint8Array[] = [];
  for (;;) {
    const buf = new Uint8Array(7);
    const n = f.read(buf);
    if (n < 0) expect.fail(`read failed with ${n}`);
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
  }
  return chunks.map(dec).join('');
}

export function writeFile(vfs: Vfs, path: string, text: string): void {
  const f = open(vfs, path, { read: false, write: true, create: true, truncate: true });
  expect(f.write(enc(text))).toBe(enc(text).length);
  f.close();
}

export function readFile(vfs: Vfs, path: string): string {
  const f = open(vfs, path);
  const s = readAll(f);
  f.close();
  return s;
}

export function names(vfs: Vfs, path: string): string[] {
  const d = open(vfs, path);
  const list = ok(d.readdir());
  d.close();
  return list.map((e) => e.name).sort();
}
