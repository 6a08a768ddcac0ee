// Where l4wasm keeps what it computes once (compiled programs, prepared modules, their records):
// a module of its own, so that a start can find it without loading the toolchain.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function cacheDir(): string {
  const base = process.env.L4WASM_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'l4wasm');
  mkdirSync(base, { recursive: true });
  return base;
}
