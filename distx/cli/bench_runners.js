import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Machine } from "../guest/machine.js";
import { nullSink, TraceSession } from "../guest/trace.js";
import { serverPathWrapper } from "../guest/posix_server.js";
import { callWrappers } from "./trace_args.js";
import { msgTag } from "../kernel/kernel.js";
const MOUNTS = {
  native: { tmpfs: "a directory in /dev/shm (Linux tmpfs)", hostfs: "a directory in the temp dir (disk)", rom: "none" },
  l4wasm: { tmpfs: "l4wasm's tmpfs (/tmp)", hostfs: "a host directory (temp dir, disk) mounted at /host", rom: "a 64 KiB boot module (/rom)" },
  "node-wasi": { tmpfs: "a host directory in /dev/shm preopened as /tmp (no in-memory file system)", hostfs: "a host directory (temp dir, disk) preopened as /host", rom: "none" },
  "wasi-shim": { tmpfs: "its in-memory PreopenDirectory (/tmp)", hostfs: "none (no host file system)", rom: "none" },
  "wasm-util": { tmpfs: "a host directory in /dev/shm preopened as /tmp through Node's fs (no in-memory file system given)", hostfs: "a host directory (temp dir, disk) preopened as /host through Node's fs", rom: "none" }
};
const WASM_UTIL_CLOCK = "wasm-util's CLOCK_MONOTONIC counts whole milliseconds, too coarse for the program to time itself: its clock_time_get runs as it is, then a precise performance.now() is written over the result, so its clock_gettime row includes one performance.now() more";
const ERRNO_ENOSYS = 52;
const ROM_SIZE = 65536;
class OutputParser {
  constructor(onCell) {
    this.onCell = onCell;
  }
  onCell;
  cells = {};
  rest = "";
  push(text) {
    const lines = (this.rest + text).split("\n");
    this.rest = lines.pop();
    for (const line of lines) this.line(line);
  }
  end() {
    if (this.rest !== "") this.line(this.rest);
    this.rest = "";
    return this.cells;
  }
  line(line) {
    const m = /^op (\S+) (\S+) (\S+) (\S+) (\d+) (\d+)$/.exec(line);
    if (m) {
      const cell = { median: Number(m[2]), min: Number(m[3]), max: Number(m[4]), reps: Number(m[5]), iterations: Number(m[6]) };
      this.cells[m[1]] = cell;
      this.onCell?.(m[1], cell);
      return;
    }
    const n = /^na (\S+) (.*)$/.exec(line);
    if (n) {
      const cell = { na: n[2] };
      this.cells[n[1]] = cell;
      this.onCell?.(n[1], cell);
    }
  }
}
function programArgs(setup, files) {
  const args = [];
  if (setup.quick) args.push("--quick");
  if (files.tmp) args.push("--tmp", files.tmp);
  if (files.host) args.push("--host", files.host);
  if (files.rom) args.push("--rom", files.rom);
  if (setup.only) args.push("--only", setup.only.join(","));
  if (setup.count !== void 0) args.push("--count", String(setup.count));
  return args;
}
function scratchDir(kind) {
  const base = kind === "tmpfs" && process.platform === "linux" ? "/dev/shm" : tmpdir();
  try {
    return mkdtempSync(join(base, "l4wasm-bench-"));
  } catch {
    return mkdtempSync(join(tmpdir(), "l4wasm-bench-"));
  }
}
async function runL4wasm(wasm, variant, setup, log) {
  const hostDir = scratchDir("disk");
  const rom = new Uint8Array(ROM_SIZE);
  for (let i = 0; i < rom.length; i++) rom[i] = 97 + i % 26;
  const machine = await Machine.boot({
    mounts: [{ host: hostDir, guest: "/host" }],
    roms: [{ name: "bench.rom", data: rom }],
    onProgress: log
  });
  try {
    const connect = serverPathWrapper(machine, { route: variant === "server" });
    let wrap = connect;
    if (variant === "local") {
      const { wrap: cliWrap } = callWrappers(machine, { syscalls: "local" });
      if (cliWrap !== void 0) wrap = (imports, p2) => cliWrap(connect(imports, p2), p2);
    } else if (variant === "traced") {
      const trace = new TraceSession({ mode: "lines", sink: nullSink() });
      wrap = (imports, p2) => trace.wrapImports(connect(imports, p2), p2);
    }
    machine.l4.serve("bench-echo", { dispatch: (msg) => msgTag(0, msg.words) });
    const parser = new OutputParser(setup.onCell);
    const p = machine.spawn(wasm, {
      args: ["syscalls", ...programArgs(setup, { tmp: "/tmp/bench.dat", host: "/host/bench.dat", rom: "/rom/bench.rom" })],
      wrapImports: wrap,
      name: "bench/syscalls.c",
      decouple: variant === "forwarded"
    });
    p.stdoutStream.on("data", (b) => parser.push(b.toString()));
    const status = await p.exit;
    if (status.code !== 0) throw new Error(`l4wasm (${variant}): the benchmark program ended with ${status.trap?.message ?? `status ${status.code}`}
${p.stderr}`);
    return parser.end();
  } finally {
    await machine.shutdown();
    rmSync(hostDir, { recursive: true, force: true });
  }
}
function l4posixStubs(module) {
  const stubs = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.module === "l4posix" && imp.kind === "function") stubs[imp.name] = () => -ERRNO_ENOSYS;
  }
  return stubs;
}
async function quietNodeWasi() {
  const emit = process.emitWarning;
  process.emitWarning = ((w, ...rest) => {
    if (!String(w).includes("WASI")) emit.call(process, w, ...rest);
  });
  try {
    return (await import("node:wasi")).WASI;
  } finally {
    process.emitWarning = emit;
  }
}
async function runNodeWasi(wasm, setup) {
  const NodeWasi = await quietNodeWasi();
  const module = await WebAssembly.compile(readFileSync(wasm));
  const tmp = scratchDir("tmpfs");
  const host = scratchDir("disk");
  const io = mkdtempSync(join(tmpdir(), "l4wasm-bench-io-"));
  const out = setup.stdoutFd ?? openSync(join(io, "stdout"), "w");
  const err = openSync(join(io, "stderr"), "w");
  try {
    const wasi = new NodeWasi({
      version: "preview1",
      args: ["syscalls", ...programArgs(setup, { tmp: "/tmp/bench.dat", host: "/host/bench.dat" })],
      env: {},
      preopens: { "/tmp": tmp, "/host": host, "/dev": "/dev" },
      returnOnExit: true,
      stdout: out,
      stderr: err
    });
    const imports = { ...wasi.getImportObject(), l4posix: l4posixStubs(module) };
    const instance = await WebAssembly.instantiate(module, imports);
    const code = wasi.start(instance);
    const parser = new OutputParser(setup.onCell);
    if (setup.stdoutFd === void 0) parser.push(readFileSync(join(io, "stdout"), "utf8"));
    if (code !== 0) throw new Error(`node:wasi: the benchmark program exited with ${code}
${readFileSync(join(io, "stderr"), "utf8")}`);
    return parser.end();
  } finally {
    if (setup.stdoutFd === void 0) closeSync(out);
    closeSync(err);
    for (const d of [tmp, host, io]) rmSync(d, { recursive: true, force: true });
  }
}
async function runWasiShim(wasm, setup) {
  let shim;
  try {
    shim = await import("@bjorn3/browser_wasi_shim");
  } catch {
    throw new Error("@bjorn3/browser_wasi_shim is not installed (npm install --save-dev @bjorn3/browser_wasi_shim)");
  }
  const { WASI, File, OpenFile, ConsoleStdout, PreopenDirectory, Fd, Inode, wasi: defs } = shim;
  class NullFd extends Fd {
    constructor(node) {
      super();
      this.node = node;
    }
    node;
    fd_write(data) {
      return { ret: 0, nwritten: data.byteLength };
    }
    fd_read(_size) {
      return { ret: 0, data: new Uint8Array(0) };
    }
    fd_fdstat_get() {
      return { ret: 0, fdstat: new defs.Fdstat(defs.FILETYPE_CHARACTER_DEVICE, 0) };
    }
    fd_filestat_get() {
      return { ret: 0, filestat: this.node.stat() };
    }
  }
  class DevNull extends Inode {
    path_open(_oflags, _rights, _fdflags) {
      return { ret: 0, fd_obj: new NullFd(this) };
    }
    stat() {
      return new defs.Filestat(this.ino, defs.FILETYPE_CHARACTER_DEVICE, 0n);
    }
  }
  const module = await WebAssembly.compile(readFileSync(wasm));
  const parser = new OutputParser(setup.onCell);
  let stderr = "";
  const fds = [
    new OpenFile(new File([])),
    new ConsoleStdout((b) => parser.push(Buffer.from(b).toString())),
    new ConsoleStdout((b) => {
      stderr += Buffer.from(b).toString();
    }),
    new PreopenDirectory("/tmp", /* @__PURE__ */ new Map()),
    new PreopenDirectory("/dev", /* @__PURE__ */ new Map([["null", new DevNull()]]))
  ];
  const wasi = new WASI(["syscalls", ...programArgs(setup, { tmp: "/tmp/bench.dat" })], [], fds, { debug: false });
  const instance = await WebAssembly.instantiate(module, {
    wasi_snapshot_preview1: wasi.wasiImport,
    l4posix: l4posixStubs(module)
  });
  const code = wasi.start(instance);
  if (code !== 0) throw new Error(`browser_wasi_shim: the benchmark program exited with ${code}
${stderr}`);
  return parser.end();
}
async function runWasmUtil(wasm, setup) {
  let WASI;
  try {
    ({ WASI } = await import("@tybys/wasm-util"));
  } catch {
    throw new Error("@tybys/wasm-util is not installed (npm install --save-dev @tybys/wasm-util)");
  }
  const module = await WebAssembly.compile(readFileSync(wasm));
  const tmp = scratchDir("tmpfs");
  const host = scratchDir("disk");
  try {
    const parser = new OutputParser(setup.onCell);
    let stderr = "";
    const wasi = new WASI({
      version: "preview1",
      args: ["syscalls", ...programArgs(setup, { tmp: "/tmp/bench.dat", host: "/host/bench.dat" })],
      env: {},
      preopens: { "/tmp": tmp, "/host": host, "/dev": "/dev" },
      fs,
      returnOnExit: true,
      print: (line) => parser.push(`${line}
`),
      printErr: (line) => {
        stderr += `${line}
`;
      }
    });
    let memory;
    const clockTimeGet = wasi.wasiImport.clock_time_get;
    const preciseClock = (id, precision, at) => {
      const ret = clockTimeGet(id, precision, at);
      if (ret === 0 && id === 1 && memory !== void 0) {
        new DataView(memory.buffer).setBigUint64(at, BigInt(Math.round(performance.now() * 1e6)), true);
      }
      return ret;
    };
    const instance = await WebAssembly.instantiate(module, {
      wasi_snapshot_preview1: { ...wasi.wasiImport, clock_time_get: preciseClock },
      l4posix: l4posixStubs(module)
    });
    memory = instance.exports.memory;
    const code = wasi.start(instance);
    if (code !== 0 && code !== void 0) throw new Error(`@tybys/wasm-util: the benchmark program exited with ${String(code)}
${stderr}`);
    return parser.end();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(host, { recursive: true, force: true });
  }
}
async function runNative(binary, setup) {
  const tmp = scratchDir("tmpfs");
  const host = scratchDir("disk");
  try {
    const parser = new OutputParser(setup.onCell);
    const child = spawn(
      binary,
      programArgs(setup, { tmp: join(tmp, "bench.dat"), host: join(host, "bench.dat") }),
      { stdio: ["ignore", "pipe", "pipe"] }
    );
    let stderr = "";
    child.stdout.on("data", (b) => parser.push(b.toString()));
    child.stderr.on("data", (b) => {
      stderr += b.toString();
    });
    const code = await new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (c) => resolve(c ?? 1));
    });
    if (code !== 0) throw new Error(`native: the benchmark program exited with ${code}
${stderr}`);
    return parser.end();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(host, { recursive: true, force: true });
  }
}
const FLOOR_MODULE = new Uint8Array([
  0,
  97,
  115,
  109,
  1,
  0,
  0,
  0,
  1,
  8,
  2,
  96,
  0,
  0,
  96,
  1,
  127,
  0,
  2,
  11,
  1,
  3,
  101,
  110,
  118,
  3,
  110,
  111,
  112,
  0,
  0,
  3,
  2,
  1,
  1,
  7,
  8,
  1,
  4,
  108,
  111,
  111,
  112,
  0,
  1,
  10,
  18,
  1,
  16,
  0,
  3,
  64,
  16,
  0,
  32,
  0,
  65,
  1,
  107,
  34,
  0,
  13,
  0,
  11,
  11
]);
function measureFloor(setup) {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(FLOOR_MODULE), { env: { nop: () => {
  } } });
  const loop = instance.exports.loop;
  const targetMs = setup.quick ? 2 : 20;
  const reps = setup.quick ? 5 : 11;
  let n = 1e3;
  let dt = 0;
  const warmEnd = performance.now() + (setup.quick ? 20 : 60);
  while (performance.now() < warmEnd) {
    const t0 = performance.now();
    loop(n);
    dt = performance.now() - t0;
    if (dt < targetMs / 8) n *= 2;
  }
  n = Math.max(1, Math.round(n * targetMs / Math.max(dt, 1e-3)));
  const samples = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    loop(n);
    samples.push((performance.now() - t0) * 1e6 / n);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[reps >> 1], min: samples[0], max: samples[reps - 1], reps, iterations: n };
}
export {
  MOUNTS,
  OutputParser,
  WASM_UTIL_CLOCK,
  measureFloor,
  quietNodeWasi,
  runL4wasm,
  runNative,
  runNodeWasi,
  runWasiShim,
  runWasmUtil
};
