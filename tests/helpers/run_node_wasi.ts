// Runs a wasm program under node:wasi (preview1) the way the program tests compare runtimes:
// preopens map host directories to guest paths, stdio goes through temporary files (node:wasi
// takes host descriptors), and the exit code comes back through returnOnExit.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';

export interface RunOptions {
  /** argv, including argv[0]. */
  args: string[];
  env?: Record<string, string>;
  stdin?: string;
  /** guest path -> host directory */
  preopens?: Record<string, string>;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

const modules = new Map<string, Promise<WebAssembly.Module>>();

/** ENOSYS (WASI numbering), what libl4posix's calls get from the stubs below. */
const ENOSYS = 52;

/**
 * node:wasi has no l4posix module: a program built with l4wasm cc that imports some of its calls
 * (libl4posix's fcntl, say) gets stubs that fail with ENOSYS, as on a system without them.
 */
function l4posixStubs(mod: WebAssembly.Module): Record<string, () => number> {
  const stubs: Record<string, () => number> = {};
  for (const imp of WebAssembly.Module.imports(mod)) {
    if (imp.module === 'l4posix' && imp.kind === 'function') stubs[imp.name] = () => -ENOSYS;
  }
  return stubs;
}

export async function runNodeWasi(wasmPath: string, options: RunOptions): Promise<RunResult> {
  let mod = modules.get(wasmPath);
  if (!mod) modules.set(wasmPath, (mod = WebAssembly.compile(readFileSync(wasmPath))));
  const io = mkdtempSync(join(tmpdir(), 'l4wasm-nodewasi-io-'));
  writeFileSync(join(io, 'stdin'), options.stdin ?? '');
  const fds = {
    stdin: openSync(join(io, 'stdin'), 'r'),
    stdout: openSync(join(io, 'stdout'), 'w'),
    stderr: openSync(join(io, 'stderr'), 'w'),
  };
  try {
    const wasi = new WASI({
      version: 'preview1',
      args: options.args,
      env: options.env ?? {},
      preopens: options.preopens ?? {},
      returnOnExit: true,
      ...fds,
    });
    const instance = await WebAssembly.instantiate(await mod, {
      ...wasi.getImportObject(),
      l4posix: l4posixStubs(await mod),
    } as WebAssembly.Imports);
    const code = wasi.start(instance);
    return {
      code,
      stdout: readFileSync(join(io, 'stdout'), 'utf8'),
      stderr: readFileSync(join(io, 'stderr'), 'utf8'),
    };
  } finally {
    closeSync(fds.stdin);
    closeSync(fds.stdout);
    closeSync(fds.stderr);
    rmSync(io, { recursive: true, force: true });
  }
}
