// Runs a wasm program on a fresh l4wasm machine (the public Machine API) for the program tests:
// host directories mounted where the test says, boot modules under /rom, stdio collected.
import { Machine } from '../../src/index.js';

export interface L4RunOptions {
  /** argv, including argv[0]. */
  args: string[];
  env?: Record<string, string>;
  stdin?: string;
  /** Run the program decoupled (in a worker, its calls forwarded). */
  decouple?: boolean;
  mounts?: { host: string; guest: string; readOnly?: boolean }[];
  roms?: ({ name: string; data: Uint8Array | string } | { name?: string; path: string })[];
  /** Called after boot and before the program starts: put files into the guest's file systems. */
  prepare?: (m: Machine) => void | Promise<void>;
  /** Called after the program ended and before shutdown: look at the guest's file systems. */
  inspect?: (m: Machine) => void | Promise<void>;
  /** Milliseconds before the program is killed and the run fails (default 30 s). */
  timeoutMs?: number;
}

export interface L4RunResult {
  code: number;
  signal?: number;
  stdout: string;
  stderr: string;
}

export async function runL4wasm(wasmPath: string, options: L4RunOptions): Promise<L4RunResult> {
  const m = await Machine.boot({ mounts: options.mounts ?? [], roms: options.roms ?? [] });
  try {
    await options.prepare?.(m);
    const p = m.spawn(wasmPath, { args: options.args, env: options.env ?? {}, stdin: options.stdin ?? '', decouple: options.decouple });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        p.kill();
        reject(new Error(`${options.args[0]} did not finish within ${options.timeoutMs ?? 30_000} ms; output so far:\n${p.stdout}${p.stderr}`));
      }, options.timeoutMs ?? 30_000);
    });
    try {
      const status = await Promise.race([p.exit, timeout]);
      await options.inspect?.(m);
      return { code: status.code, signal: status.signal, stdout: p.stdout, stderr: p.stderr };
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await m.shutdown();
  }
}

/** Writes a file into the guest's VFS (creating missing parent directories), as a program would. */
export function writeGuestFile(m: Machine, path: string, data: string | Uint8Array): void {
  const parts = path.split('/').filter(Boolean);
  for (let i = 1; i < parts.length; i++) m.vfs.mkdir('/' + parts.slice(0, i).join('/'));
  const f = m.vfs.open(path, { read: false, write: true, create: true, truncate: true, mode: 0o644 });
  if (typeof f === 'number') throw new Error(`writeGuestFile ${path}: errno ${-f}`);
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  for (let done = 0; done < bytes.length;) {
    const n = f.write(bytes.subarray(done));
    if (n <= 0) throw new Error(`writeGuestFile ${path}: write returned ${n}`);
    done += n;
  }
  f.close();
}

/** The guest's view of `path`: a symlink created in the guest's VFS. */
export function symlinkGuest(m: Machine, target: string, path: string): void {
  const r = m.vfs.symlink(target, path);
  if (r < 0) throw new Error(`symlinkGuest ${path}: errno ${-r}`);
}
