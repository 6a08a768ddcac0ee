// The runtimes `l4wasm bench syscalls` runs bench/syscalls.c on: l4wasm on each syscall path,
// node:wasi, @bjorn3/browser_wasi_shim, @tybys/wasm-util, the native build, and the floor (a bare
// wasm->JS call that does nothing, timed in JavaScript around a tiny wasm loop). Each runner returns
// the program's output lines, parsed.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../guest/machine.js';
import { nullSink, TraceSession } from '../guest/trace.js';
import type { ImportTable } from '../guest/program.js';
import type { Process } from '../guest/process.js';
import { serverPathWrapper } from '../guest/posix_server.js';
import { callWrappers } from './trace_args.js';
import { msgTag } from '../kernel/kernel.js';

/** One operation's figures (ns per operation) or why the runtime cannot do it. */
export type Cell =
  | { median: number; min: number; max: number; reps: number; iterations: number }
  | { na: string };

export type Cells = Record<string, Cell>;

/** Where the benchmark's files live for a run, and how long to run. */
export interface RunSetup {
  quick: boolean;
  /** Only these operations (all when undefined). */
  only?: readonly string[];
  /** Called with each operation's figures as they arrive. */
  onCell?: (op: string, cell: Cell) => void;
  /** Run each operation exactly this many times, untimed (the program's --count; for strace). */
  count?: number;
  /** node:wasi only: the program writes its stdout straight to this descriptor, unparsed (a child
   * whose process may crash after the program printed, bench_child). */
  stdoutFd?: number;
}

/** What each runtime's "tmpfs", "hostfs" and "ROM" rows stand on (the table's footnote, the JSON). */
export const MOUNTS: Record<string, { tmpfs: string; hostfs: string; rom: string }> = {
  native: { tmpfs: 'a directory in /dev/shm (Linux tmpfs)', hostfs: 'a directory in the temp dir (disk)', rom: 'none' },
  l4wasm: { tmpfs: "l4wasm's tmpfs (/tmp)", hostfs: 'a host directory (temp dir, disk) mounted at /host', rom: 'a 64 KiB boot module (/rom)' },
  'node-wasi': { tmpfs: 'a host directory in /dev/shm preopened as /tmp (no in-memory file system)', hostfs: 'a host directory (temp dir, disk) preopened as /host', rom: 'none' },
  'wasi-shim': { tmpfs: 'its in-memory PreopenDirectory (/tmp)', hostfs: 'none (no host file system)', rom: 'none' },
  'wasm-util': { tmpfs: "a host directory in /dev/shm preopened as /tmp through Node's fs (no in-memory file system given)", hostfs: "a host directory (temp dir, disk) preopened as /host through Node's fs", rom: 'none' },
};

/** The one change the run makes to @tybys/wasm-util, said under the table. */
export const WASM_UTIL_CLOCK = "wasm-util's CLOCK_MONOTONIC counts whole milliseconds, too coarse for the program to time itself: "
  + 'its clock_time_get runs as it is, then a precise performance.now() is written over the result, so its clock_gettime row includes one performance.now() more';


const ERRNO_ENOSYS = 52;
/** Contents of the ROM boot module (read_rom_4k reads its first 4 KiB). */
const ROM_SIZE = 65536;

/** Parses the program's output: "op NAME median min max reps n" / "na NAME why" (and --count's "ran NAME n", ignored). */
export class OutputParser {
  readonly cells: Cells = {};
  private rest = '';
  constructor(private readonly onCell?: (op: string, cell: Cell) => void) {}

  push(text: string): void {
    const lines = (this.rest + text).split('\n');
    this.rest = lines.pop()!;
    for (const line of lines) this.line(line);
  }

  end(): Cells {
    if (this.rest !== '') this.line(this.rest);
    this.rest = '';
    return this.cells;
  }

  private line(line: string): void {
    const m = /^op (\S+) (\S+) (\S+) (\S+) (\d+) (\d+)$/.exec(line);
    if (m) {
      const cell: Cell = { median: Number(m[2]), min: Number(m[3]), max: Number(m[4]), reps: Number(m[5]), iterations: Number(m[6]) };
      this.cells[m[1]!] = cell;
      this.onCell?.(m[1]!, cell);
      return;
    }
    const n = /^na (\S+) (.*)$/.exec(line);
    if (n) {
      const cell: Cell = { na: n[2]! };
      this.cells[n[1]!] = cell;
      this.onCell?.(n[1]!, cell);
    }
  }
}

function programArgs(setup: RunSetup, files: { tmp?: string; host?: string; rom?: string }): string[] {
  const args: string[] = [];
  if (setup.quick) args.push('--quick');
  if (files.tmp) args.push('--tmp', files.tmp);
  if (files.host) args.push('--host', files.host);
  if (files.rom) args.push('--rom', files.rom);
  if (setup.only) args.push('--only', setup.only.join(','));
  if (setup.count !== undefined) args.push('--count', String(setup.count));
  return args;
}

/** A directory for a run's files: in a tmpfs when the host has one (/dev/shm), else the temp dir. */
function scratchDir(kind: 'tmpfs' | 'disk'): string {
  const base = kind === 'tmpfs' && process.platform === 'linux' ? '/dev/shm' : tmpdir();
  try { return mkdtempSync(join(base, 'l4wasm-bench-')); } catch { return mkdtempSync(join(tmpdir(), 'l4wasm-bench-')); }
}

// ---- l4wasm ---------------------------------------------------------------------------------------

/** How an l4wasm run sets up its calls. */
export type L4wasmVariant =
  /** The local path exactly as `l4wasm run` sets it up without --trace (no wrapper). */
  | 'local'
  /** The local path on a machine that never heard of tracing (the trace-off comparison). */
  | 'local-untraced'
  /** Calls sent to the POSIX server by kernel IPC. */
  | 'server'
  /** The local path with --trace on (every line formatted, then discarded). */
  | 'traced'
  /** The program decoupled: in a worker thread, its calls forwarded to the vCPU (those the table marks coreLocal answered there). */
  | 'forwarded';

export async function runL4wasm(wasm: string, variant: L4wasmVariant, setup: RunSetup,
                                log: (t: string) => void): Promise<Cells> {
  const hostDir = scratchDir('disk');
  const rom = new Uint8Array(ROM_SIZE);
  for (let i = 0; i < rom.length; i++) rom[i] = 97 + (i % 26);
  const machine = await Machine.boot({
    mounts: [{ host: hostDir, guest: '/host' }],
    roms: [{ name: 'bench.rom', data: rom }],
    onProgress: log,
  });
  try {
    // Every variant connects to the POSIX server (bench_ipc's channel); only 'server' routes calls
    // there. Connecting returns the import table unchanged: the local path's functions stay as they are.
    const connect = serverPathWrapper(machine, { route: variant === 'server' });
    let wrap: (imports: ImportTable, p: Process) => ImportTable = connect;
    if (variant === 'local') {
      const { wrap: cliWrap } = callWrappers(machine, { syscalls: 'local' });
      if (cliWrap !== undefined) wrap = (imports, p) => cliWrap(connect(imports, p), p);
    } else if (variant === 'traced') {
      const trace = new TraceSession({ mode: 'lines', sink: nullSink() });
      wrap = (imports, p) => trace.wrapImports(connect(imports, p), p);
    }
    // ipc_c: l4_ipc_call from C to a TypeScript server that answers with the request's words.
    machine.l4.serve('bench-echo', { dispatch: (msg) => msgTag(0, msg.words) });
    const parser = new OutputParser(setup.onCell);
    const p = machine.spawn(wasm, {
      args: ['syscalls', ...programArgs(setup, { tmp: '/tmp/bench.dat', host: '/host/bench.dat', rom: '/rom/bench.rom' })],
      wrapImports: wrap,
      name: 'bench/syscalls.c',
      decouple: variant === 'forwarded',
    });
    p.stdoutStream.on('data', (b: Buffer) => parser.push(b.toString()));
    const status = await p.exit;
    if (status.code !== 0) throw new Error(`l4wasm (${variant}): the benchmark program ended with ${status.trap?.message ?? `status ${status.code}`}\n${p.stderr}`);
    return parser.end();
  } finally {
    await machine.shutdown();
    rmSync(hostDir, { recursive: true, force: true });
  }
}

/** Stubs for the l4posix imports a module has: runtimes without them answer -ENOSYS. */
function l4posixStubs(module: WebAssembly.Module): Record<string, () => number> {
  const stubs: Record<string, () => number> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.module === 'l4posix' && imp.kind === 'function') stubs[imp.name] = () => -ERRNO_ENOSYS;
  }
  return stubs;
}

// ---- node:wasi ------------------------------------------------------------------------------------

/** node:wasi's WASI class, loaded without its warning that it is experimental (the benchmarks know). */
export async function quietNodeWasi(): Promise<typeof import('node:wasi').WASI> {
  const emit = process.emitWarning;
  process.emitWarning = ((w: string | Error, ...rest: never[]) => {
    if (!String(w).includes('WASI')) emit.call(process, w, ...rest);
  }) as typeof process.emitWarning;
  try { return (await import('node:wasi')).WASI; } finally { process.emitWarning = emit; }
}

export async function runNodeWasi(wasm: string, setup: RunSetup): Promise<Cells> {
  const NodeWasi = await quietNodeWasi();
  const module = await WebAssembly.compile(readFileSync(wasm));
  const tmp = scratchDir('tmpfs');
  const host = scratchDir('disk');
  const io = mkdtempSync(join(tmpdir(), 'l4wasm-bench-io-'));
  const out = setup.stdoutFd ?? openSync(join(io, 'stdout'), 'w');
  const err = openSync(join(io, 'stderr'), 'w');
  try {
    // '/tmp' is a host tmpfs directory (node:wasi has no in-memory file system), '/dev' the host's.
    const wasi = new NodeWasi({
      version: 'preview1',
      args: ['syscalls', ...programArgs(setup, { tmp: '/tmp/bench.dat', host: '/host/bench.dat' })],
      env: {},
      preopens: { '/tmp': tmp, '/host': host, '/dev': '/dev' },
      returnOnExit: true,
      stdout: out,
      stderr: err,
    });
    const imports = { ...wasi.getImportObject(), l4posix: l4posixStubs(module) } as WebAssembly.Imports;
    const instance = await WebAssembly.instantiate(module, imports);
    const code = wasi.start(instance);
    const parser = new OutputParser(setup.onCell);
    if (setup.stdoutFd === undefined) parser.push(readFileSync(join(io, 'stdout'), 'utf8'));
    if (code !== 0) throw new Error(`node:wasi: the benchmark program exited with ${code}\n${readFileSync(join(io, 'stderr'), 'utf8')}`);
    return parser.end();
  } finally {
    if (setup.stdoutFd === undefined) closeSync(out);
    closeSync(err);
    for (const d of [tmp, host, io]) rmSync(d, { recursive: true, force: true });
  }
}

// ---- @bjorn3/browser_wasi_shim ----------------------------------------------------------------------

export async function runWasiShim(wasm: string, setup: RunSetup): Promise<Cells> {
  let shim: typeof import('@bjorn3/browser_wasi_shim');
  try {
    shim = await import('@bjorn3/browser_wasi_shim');
  } catch {
    throw new Error('@bjorn3/browser_wasi_shim is not installed (npm install --save-dev @bjorn3/browser_wasi_shim)');
  }
  const { WASI, File, OpenFile, ConsoleStdout, PreopenDirectory, Fd, Inode, wasi: defs } = shim;

  /** /dev/null for the shim: an in-memory character device that swallows writes. */
  class NullFd extends Fd {
    constructor(private readonly node: InstanceType<typeof Inode>) { super(); }
    fd_write(data: Uint8Array) { return { ret: 0, nwritten: data.byteLength }; }
    fd_read(_size: number) { return { ret: 0, data: new Uint8Array(0) }; }
    fd_fdstat_get() { return { ret: 0, fdstat: new defs.Fdstat(defs.FILETYPE_CHARACTER_DEVICE, 0) }; }
    fd_filestat_get() { return { ret: 0, filestat: this.node.stat() }; }
  }
  class DevNull extends Inode {
    path_open(_oflags: number, _rights: bigint, _fdflags: number) { return { ret: 0, fd_obj: new NullFd(this) }; }
    stat() { return new defs.Filestat(this.ino, defs.FILETYPE_CHARACTER_DEVICE, 0n); }
  }

  const module = await WebAssembly.compile(readFileSync(wasm));
  const parser = new OutputParser(setup.onCell);
  let stderr = '';
  const fds = [
    new OpenFile(new File([])),
    new ConsoleStdout((b) => parser.push(Buffer.from(b).toString())),
    new ConsoleStdout((b) => { stderr += Buffer.from(b).toString(); }),
    new PreopenDirectory('/tmp', new Map()),
    new PreopenDirectory('/dev', new Map([['null', new DevNull()]])),
  ];
  const wasi = new WASI(['syscalls', ...programArgs(setup, { tmp: '/tmp/bench.dat' })], [], fds, { debug: false });
  const instance = await WebAssembly.instantiate(module, {
    wasi_snapshot_preview1: wasi.wasiImport,
    l4posix: l4posixStubs(module),
  } as WebAssembly.Imports);
  const code = wasi.start(instance as unknown as Parameters<typeof wasi.start>[0]);
  if (code !== 0) throw new Error(`browser_wasi_shim: the benchmark program exited with ${code}\n${stderr}`);
  return parser.end();
}

// ---- @tybys/wasm-util ---------------------------------------------------------------------------------

/** @tybys/wasm-util's WASI with Node's own fs module, the way its README sets it up for Node. */
export async function runWasmUtil(wasm: string, setup: RunSetup): Promise<Cells> {
  let WASI: typeof import('@tybys/wasm-util').WASI;
  try {
    ({ WASI } = await import('@tybys/wasm-util'));
  } catch {
    throw new Error('@tybys/wasm-util is not installed (npm install --save-dev @tybys/wasm-util)');
  }
  const module = await WebAssembly.compile(readFileSync(wasm));
  const tmp = scratchDir('tmpfs');
  const host = scratchDir('disk');
  try {
    const parser = new OutputParser(setup.onCell);
    let stderr = '';
    // Its stdout hands over whole lines, without the newline.
    const wasi = new WASI({
      version: 'preview1',
      args: ['syscalls', ...programArgs(setup, { tmp: '/tmp/bench.dat', host: '/host/bench.dat' })],
      env: {},
      preopens: { '/tmp': tmp, '/host': host, '/dev': '/dev' },
      fs: fs as unknown as NonNullable<ConstructorParameters<typeof WASI>[0]>['fs'],
      returnOnExit: true,
      print: (line) => parser.push(`${line}\n`),
      printErr: (line) => { stderr += `${line}\n`; },
    });
    // Its monotonic clock counts whole milliseconds: too coarse for the program to time itself. Its
    // clock_time_get still does all its work; then a precise time is written over the result (one
    // performance.now() more in the clock_gettime row; see WASM_UTIL_CLOCK).
    let memory: WebAssembly.Memory | undefined;
    const clockTimeGet = wasi.wasiImport.clock_time_get as (id: number, precision: bigint, at: number) => number;
    const preciseClock = (id: number, precision: bigint, at: number): number => {
      const ret = clockTimeGet(id, precision, at);
      if (ret === 0 && id === 1 && memory !== undefined) {
        new DataView(memory.buffer).setBigUint64(at, BigInt(Math.round(performance.now() * 1e6)), true);
      }
      return ret;
    };
    const instance = await WebAssembly.instantiate(module, {
      wasi_snapshot_preview1: { ...wasi.wasiImport, clock_time_get: preciseClock },
      l4posix: l4posixStubs(module),
    } as WebAssembly.Imports);
    memory = instance.exports.memory as WebAssembly.Memory;
    const code = wasi.start(instance);
    if (code !== 0 && code !== undefined) throw new Error(`@tybys/wasm-util: the benchmark program exited with ${String(code)}\n${stderr}`);
    return parser.end();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(host, { recursive: true, force: true });
  }
}

// ---- native -------------------------------------------------------------------------------------------

export async function runNative(binary: string, setup: RunSetup): Promise<Cells> {
  const tmp = scratchDir('tmpfs');
  const host = scratchDir('disk');
  try {
    const parser = new OutputParser(setup.onCell);
    const child = spawn(binary, programArgs(setup, { tmp: join(tmp, 'bench.dat'), host: join(host, 'bench.dat') }),
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => parser.push(b.toString()));
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    const code = await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (c) => resolve(c ?? 1));
    });
    if (code !== 0) throw new Error(`native: the benchmark program exited with ${code}\n${stderr}`);
    return parser.end();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(host, { recursive: true, force: true });
  }
}

// ---- the floor: a bare wasm->JS import call --------------------------------------------------------

/**
 * (module (import "env" "nop" (func)) (func (export "loop") (param i32)
 *   (loop (call 0) (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))))
 */
const FLOOR_MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x08, 0x02, 0x60, 0x00, 0x00, 0x60, 0x01, 0x7f, 0x00,
  0x02, 0x0b, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x03, 0x6e, 0x6f, 0x70, 0x00, 0x00,
  0x03, 0x02, 0x01, 0x01,
  0x07, 0x08, 0x01, 0x04, 0x6c, 0x6f, 0x6f, 0x70, 0x00, 0x01,
  0x0a, 0x12, 0x01, 0x10, 0x00, 0x03, 0x40, 0x10, 0x00, 0x20, 0x00, 0x41, 0x01, 0x6b, 0x22, 0x00,
  0x0d, 0x00, 0x0b, 0x0b,
]);

/** The empty host call: ns per call of an import that does nothing, from a wasm loop. */
export function measureFloor(setup: RunSetup): Cell {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(FLOOR_MODULE), { env: { nop: () => {} } });
  const loop = instance.exports.loop as (n: number) => void;
  const targetMs = setup.quick ? 2 : 20;
  const reps = setup.quick ? 5 : 11;
  // Warm up (the wasm tiers up, the wrapper is compiled), then size a rep to the target time.
  let n = 1000;
  let dt = 0;
  const warmEnd = performance.now() + (setup.quick ? 20 : 60);
  while (performance.now() < warmEnd) {
    const t0 = performance.now();
    loop(n);
    dt = performance.now() - t0;
    if (dt < targetMs / 8) n *= 2;
  }
  n = Math.max(1, Math.round(n * targetMs / Math.max(dt, 1e-3)));
  const samples: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    loop(n);
    samples.push((performance.now() - t0) * 1e6 / n);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[reps >> 1]!, min: samples[0]!, max: samples[reps - 1]!, reps, iterations: n };
}
