import { accessSync, constants, readFileSync, statSync } from "node:fs";
import { totalmem } from "node:os";
import { basename, posix as posixPath, resolve } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { Cpu } from "../kernel/cpu.js";
import { Kernel, KernelError, KErr } from "../kernel/kernel.js";
import { RealtimeOffset } from "../libc/time.js";
import { PROVIDED_IMPORTS } from "../libc/syscalls/index.js";
import { RootTask } from "../l4re/root_task.js";
import { ServerLoop } from "../l4re/server_loop.js";
import { L4Namespace } from "../l4re/l4_namespace.js";
import { L4ShmFs } from "../vfs/l4shm.js";
import { L4Task } from "./l4_task.js";
import { ConsoleInput, ConsoleOutput, createDefaultTree, HostFileBudget, TmpFs } from "../vfs/index.js";
import { hostClosesSettled } from "../vfs/hostfs.js";
import { WaitQueue } from "../wait_queue.js";
import { LoadError } from "./program.js";
import { IMAGE_CACHE, ImageLoader } from "./image_loader.js";
import {
  Process
} from "./process.js";
import { ProcessTable } from "./process_table.js";
import { mountZoneinfo } from "./zoneinfo.js";
import { phase } from "./start_phases.js";
import { dropSpare, prewarmDecoupledWorker } from "./decoupled.js";
import { readProgramFile } from "./program_file.js";
import { builtinShell } from "./shell.js";
import { createHash } from "node:crypto";
import { NSIG, SIGKILL } from "./signals.js";
import { Errno, errnoName } from "../errno.js";
import { CorePinning } from "./core_pinning.js";
import { FileType } from "../vfs/types.js";
import {
  MachineFs,
  checkEmbedderImports,
  providedWith,
  signalName,
  signalNumber,
  withEmbedderImports
} from "./node_api.js";
import { Rlimit } from "../libc/posix_abi.js";
import { signalfdsForChild } from "../libc/l4posix_signalfd.js";
function defaultMemoryLimit() {
  return Math.min(4 * 1024 ** 3, Math.floor(totalmem() / 2 / 65536) * 65536);
}
const PROVIDED = PROVIDED_IMPORTS;
class GuestProcess {
  constructor(pid, input, run) {
    this.pid = pid;
    this.input = input;
    this.exit = run(this).finally(() => {
      this.stdoutStream.end();
      this.stderrStream.end();
    });
    this.exit.catch(() => {
    });
  }
  pid;
  input;
  /** Resolves with the exit status; rejects with LoadError when the program cannot be loaded. */
  exit;
  stdoutStream = new PassThrough();
  stderrStream = new PassThrough();
  out = [];
  err = [];
  /** Bytes kept of stdout and stderr ([1], [2]); collect() keeps at most maxBuffer of each. */
  kept = [0, 0, 0];
  /** @internal Set by spawn (SpawnOptions.maxBuffer). */
  maxBuffer = DEFAULT_MAX_BUFFER;
  /** The kernel-side process once loaded. */
  process;
  pendingSignals = [];
  /** Everything the program wrote to stdout so far (with stdio 'pipe'). */
  get stdout() {
    return Buffer.concat(this.out).toString("utf8");
  }
  get stderr() {
    return Buffer.concat(this.err).toString("utf8");
  }
  /** Feeds the program's standard input; end() closes it. */
  write(data) {
    this.input.push(typeof data === "string" ? Buffer.from(data) : data);
  }
  end() {
    this.input.end();
  }
  stdinStream;
  /** The program's standard input as a writable stream (spawn with stdin: 'pipe'); end() closes it. */
  get stdin() {
    this.stdinStream ??= new Writable({
      write: (chunk, _enc, done) => {
        this.input.push(chunk);
        done();
      },
      final: (done) => {
        this.input.end();
        done();
      }
    });
    return this.stdinStream;
  }
  /**
   * Resolves once the program has ended, with its status and everything it wrote, as
   * child_process users expect; rejects with LoadError when it could not be loaded.
   */
  async wait() {
    const s = await this.exit;
    return { code: s.code, signal: s.signal === void 0 ? null : signalName(s.signal), stdout: this.stdout, stderr: this.stderr };
  }
  /** The program's linear memory while it runs (for the embedder's imports); undefined before and after. */
  get memory() {
    const p = this.process;
    return p === void 0 || p.ended ? void 0 : p.memory;
  }
  /**
   * Sends the program a signal (SIGKILL by default), as kill(2) would; a handler may catch it.
   * A signal sent while the program is still loading is delivered as soon as it exists.
   */
  kill(signal = SIGKILL) {
    if (typeof signal === "string") {
      const n = signalNumber(signal);
      if (n === void 0) throw new RangeError(`kill: ${signal} is not a signal (a name such as 'SIGTERM', or a number 1 to ${NSIG - 1})`);
      signal = n;
    }
    if (typeof signal !== "number" || !Number.isInteger(signal) || signal < 0 || signal >= NSIG) {
      throw new RangeError(`kill: ${String(signal)} is not a signal (1 to ${NSIG - 1}, or 0 to test nothing)`);
    }
    if (signal === 0) return;
    if (this.process !== void 0) this.process.kill(signal);
    else this.pendingSignals.push(signal);
  }
  /** @internal The process exists now: it gets the signals sent while it was loading. */
  attach(process2) {
    this.process = process2;
    for (const sig of this.pendingSignals.splice(0)) process2.kill(sig);
  }
  /** @internal */
  collect(which, bytes) {
    const stream = which === 1 ? this.stdoutStream : this.stderrStream;
    if (stream.writableEnded) return;
    const room = this.maxBuffer - this.kept[which];
    const fits = bytes.length <= room;
    if (!fits) bytes = bytes.subarray(0, room);
    if (bytes.length > 0) {
      this.kept[which] += bytes.length;
      (which === 1 ? this.out : this.err).push(bytes);
      stream.write(bytes);
    }
    if (fits) return;
    if (this.overflow === void 0) {
      const error = `its ${which === 1 ? "stdout" : "stderr"} exceeded maxBuffer (${this.maxBuffer} bytes)`;
      this.overflow = error;
      setImmediate(() => this.process?.terminate(SIGKILL, { error }));
    }
    return -Errno.EPIPE;
  }
  /** @internal Why the output was cut (maxBuffer), once it was. */
  overflow;
}
function writeHostOutput(which, bytes) {
  const stream = which === 1 ? process.stdout : process.stderr;
  watchHostOutput(stream);
  if (hostOutputErrors.has(stream) || stream.destroyed || stream.writableEnded) {
    return -(hostOutputErrors.get(stream) ?? Errno.EPIPE);
  }
  stream.write(bytes);
}
const hostOutputErrors = /* @__PURE__ */ new Map();
const watchedHostOutput = /* @__PURE__ */ new Set();
function watchHostOutput(stream) {
  if (watchedHostOutput.has(stream)) return;
  watchedHostOutput.add(stream);
  stream.on("error", (e) => {
    hostOutputErrors.set(stream, e.code === "EPIPE" || e.code === "ERR_STREAM_DESTROYED" ? Errno.EPIPE : Errno.EIO);
  });
}
function hostOutput(out, stream) {
  if (stream === void 0) return out;
  const w = stream;
  let drained = drainQueues.get(stream);
  if (drained === void 0) {
    const d2 = { queue: new WaitQueue(), ended: false };
    drained = d2;
    drainQueues.set(stream, d2);
    const wake = () => d2.queue.wakeAll();
    const end = () => {
      d2.ended = true;
      wake();
    };
    stream.on("drain", wake).on("close", end).on("error", end);
  }
  const d = drained;
  return out.setBackpressure({
    full: () => !d.ended && w.writableNeedDrain === true && w.destroyed !== true && w.writableEnded !== true && !w.errored,
    onDrain: (wake) => d.queue.add(wake)
  });
}
const drainQueues = /* @__PURE__ */ new WeakMap();
class HostStdin {
  stopFn;
  start(input) {
    if (this.stopFn !== void 0) return;
    if (process.stdin.readableEnded) {
      input.end();
      this.stopFn = () => {
      };
      return;
    }
    const onData = (b) => input.push(b);
    const onEnd = () => input.end();
    process.stdin.on("data", onData).on("end", onEnd);
    process.stdin.resume();
    this.stopFn = () => {
      process.stdin.off("data", onData).off("end", onEnd);
      process.stdin.pause();
      process.stdin.unref?.();
    };
  }
  stop() {
    this.stopFn?.();
  }
}
const PREWARM_AFTER_START_MS = 100;
class Machine {
  constructor(kernel, rootTask, options, loader, preparations) {
    this.kernel = kernel;
    this.rootTask = rootTask;
    this.options = options;
    this.loader = loader;
    this.preparations = preparations;
    this.cpu = new Cpu(kernel, { onError: (t, e) => this.hostThreadFailed(t, e) });
    this.realtime = new RealtimeOffset(kernel);
    const server = ServerLoop.start(kernel, this.cpu);
    this.serverThread = server.thread;
    server.registry.onError = (obj, e) => this.reportInternalError({ where: `server ${obj.constructor.name}`, error: e, fatal: false });
    this.rootGate = server.registry.register(rootTask).cap;
    this.console = { input: new ConsoleInput(), output: new ConsoleOutput(options.console ?? (() => {
    })) };
    this.hostFiles = new HostFileBudget(options.hostFileLimit);
    this.writeBehind = options.writeBehind !== false;
    this.tmpfsBudget = { limit: rootTask.memoryLimit, used: 0 };
    this.vfs = createDefaultTree({
      roms: rootTask.bootModules(),
      dirs: options.mounts ?? [],
      console: this.console,
      hostFiles: this.hostFiles,
      created: this.hostMounts,
      tmpfsBudget: this.tmpfsBudget
    });
    if (options.zoneinfo !== false) mountZoneinfo(this.vfs, this.hostFiles, options.zoneinfo);
    this.l4 = new L4Namespace(
      kernel,
      rootTask,
      server.registry,
      this.cpu,
      () => {
        this.vfs.mount("/dev/l4shm", new L4ShmFs(this.l4));
      }
    );
    this.table = new ProcessTable(options.processLimit);
    this.memory = { limit: rootTask.memoryLimit, used: 0 };
    this.defaultLimits = {};
    if (options.processMemoryLimit !== void 0 && options.processMemoryLimit < 2 ** 32) {
      const as = BigInt(Math.max(0, Math.floor(options.processMemoryLimit)));
      this.defaultLimits[Rlimit.AS] = { cur: as, max: as };
    }
    if (options.cpuLimit !== void 0) {
      const sec = BigInt(Math.max(1, Math.ceil(options.cpuLimit)));
      this.defaultLimits[Rlimit.CPU] = { cur: sec, max: sec + 1n };
    }
  }
  kernel;
  rootTask;
  options;
  loader;
  preparations;
  cpu;
  vfs;
  /** The host directories mounted for this machine (MachineOptions.mounts): closed at shutdown. */
  hostMounts = [];
  /** What the machine's tmpfs mounts hold together, within memoryLimit. */
  tmpfsBudget;
  realtime;
  rootGate;
  /** The machine console behind /dev/tty: feed console.input, its output goes to options.console. */
  console;
  /** Every process, zombies included; the machine is init (it reaps its own children and orphans). */
  table;
  /** The machine's memory limit and what its processes' memories take of it. */
  memory;
  /** The resource limits a process spawned through the API starts with (RLIMIT_AS, RLIMIT_CPU). */
  defaultLimits;
  /** The host descriptors the machine's host mounts hold (see MachineOptions.hostFileLimit). */
  hostFiles;
  writeBehind;
  /** Program images by content hash: every spawn of the same program shares its module. */
  images = /* @__PURE__ */ new Map();
  loop;
  shuttingDown = false;
  /** isolateCores: which threads have cores of their own (made at the first decoupled program). */
  pinning;
  pinningNoticed = false;
  serverThread;
  /** Ends a spawn that has not started yet (shutdown). */
  starting = /* @__PURE__ */ new Set();
  /** The internal errors reported so far (each distinct one is reported once). */
  reported = /* @__PURE__ */ new Set();
  /** Named channels, IRQs and shared dataspaces for the L4 API (l4re_env_get_cap). */
  l4;
  /** The native L4 tasks running beside the guest. */
  tasks = /* @__PURE__ */ new Set();
  /** The machine offers the process calls (spawn, wait, groups) to its programs. */
  get control() {
    return this;
  }
  /** Boots the kernel, the root task with the boot modules, and the file systems. */
  static async boot(options = {}) {
    const preparations = new AbortController();
    const loader = new ImageLoader(options, preparations.signal, PROVIDED);
    for (const path of options.preload ?? []) loader.preload(path);
    try {
      return await Machine.bootWith(options, loader, preparations);
    } catch (e) {
      preparations.abort();
      throw e;
    }
  }
  static async bootWith(options, loader, preparations) {
    const kernel = await Kernel.boot();
    phase("kernel");
    const root = new RootTask(options.memoryLimit ?? defaultMemoryLimit());
    for (const rom of options.roms ?? []) {
      if ("path" in rom) {
        let data;
        try {
          data = readFileSync(rom.path);
        } catch (e) {
          throw new Error(`boot module ${rom.path}: ${e.message}`);
        }
        root.addBootModule(rom.name ?? basename(rom.path), data);
      } else {
        root.addBootModule(rom.name, typeof rom.data === "string" ? Buffer.from(rom.data) : rom.data);
      }
    }
    phase("roms");
    const m = new Machine(kernel, root, options, loader, preparations);
    phase("tree");
    const programs = m.withShell(options.programs ?? {}, options.shell);
    m.programsInMemory(Object.keys(programs));
    for (const [path, program] of Object.entries(programs)) {
      try {
        if (typeof program === "string") m.installFile(path, program);
        else m.install(path, program);
      } catch (e) {
        throw new Error(`program ${path}: ${e.message}`);
      }
    }
    phase("bin");
    return m;
  }
  /**
   * Makes a program spawned from a host file reachable in the guest tree at /bin/NAME, so that
   * its argv[0] names it: installed there when nothing is, kept when the same program is there
   * already. Returns that path, or undefined when /bin/NAME holds another program, /bin is not
   * the machine's memory (a host directory), or the file cannot be read (the load reports that).
   */
  installSpawned(hostPath) {
    const path = `/bin/${basename(hostPath).replace(/\.wasm$/, "")}`;
    let file;
    try {
      file = readProgramFile(hostPath);
    } catch {
      return void 0;
    }
    const bytes = file.bytes;
    this.loader.keepRead(hostPath, file);
    const st = this.vfs.stat(path);
    if (typeof st !== "number") return st.type === FileType.RegularFile && st.size === BigInt(bytes.length) && this.sameFile(path, bytes) ? path : void 0;
    const holder = this.vfs.mounts().filter((mt) => mt.path === "/" || mt.path === "/bin").sort((a, b) => b.path.length - a.path.length)[0];
    if (!(holder?.fs instanceof TmpFs)) return void 0;
    try {
      this.install(path, bytes);
    } catch {
      return void 0;
    }
    return path;
  }
  /** Whether the guest file at `path` holds exactly `bytes`. */
  sameFile(path, bytes) {
    const f = this.vfs.open(path, { read: true, write: false });
    if (typeof f === "number") return false;
    try {
      const chunk = new Uint8Array(1 << 16);
      let done = 0;
      for (; ; ) {
        const n = f.read(chunk);
        if (n < 0) return false;
        if (n === 0) return done === bytes.length;
        if (done + n > bytes.length || Buffer.compare(chunk.subarray(0, n), bytes.subarray(done, done + n)) !== 0) return false;
        done += n;
      }
    } finally {
      f.close();
    }
  }
  /** `programs` and the shell at /bin/sh (MachineOptions.shell). */
  withShell(programs, shell) {
    if (shell === false || programs["/bin/sh"] !== void 0) return programs;
    const inMemory = Object.keys(programs).some((p) => posixPath.dirname(posixPath.normalize("/" + p)) === "/bin") || this.vfs.mounts().filter((mt) => mt.path === "/" || mt.path === "/bin").sort((a, b) => b.path.length - a.path.length)[0]?.fs instanceof TmpFs;
    const sh = shell ?? (inMemory ? builtinShell() : void 0);
    return sh === void 0 ? programs : { ...programs, "/bin/sh": sh };
  }
  /**
   * Programs given at boot live in memory, never in a host directory: a directory they go to that
   * a host mount (or any file system but tmpfs) holds gets a tmpfs of its own mounted over it,
   * e.g. /bin over a host directory mounted at '/' (whose own bin/ it then hides).
   */
  programsInMemory(paths) {
    const dirs = new Set(paths.map((p) => posixPath.dirname(posixPath.normalize("/" + p))));
    for (const dir of dirs) {
      const holder = this.vfs.mounts().find((mt) => mt.path === dir || dir.startsWith(mt.path === "/" ? "/" : mt.path + "/"));
      if (holder === void 0 || holder.fs instanceof TmpFs) continue;
      if (holder.path === dir) {
        throw new Error(`cannot install programs into ${dir}: ${holder.fs.name} is mounted there, and programs are only installed into memory; choose another directory for them`);
      }
      const r = this.vfs.mount(dir, new TmpFs(void 0, { budget: this.tmpfsBudget }));
      if (r < 0) throw new Error(`cannot mount memory for programs at ${dir} (errno ${-r})`);
    }
  }
  /**
   * Installs the host file `hostPath` at `path` as install does, but reads it only when the guest
   * first reads (or executes) it: a run's program is loaded from its head and the preparation
   * cache, and copying its tens of MB into memory cost more than the rest of its start. The
   * guest then sees the host file as it is at that first read. A file that cannot be read (then)
   * reads as empty; one that is not a regular file (a pipe) is read now.
   */
  installFile(path, hostPath) {
    const abs = resolve(hostPath);
    const st = statSync(abs);
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${hostPath}'`), { code: "EISDIR" });
    accessSync(abs, constants.R_OK);
    const holder = st.isFile() ? this.tmpfsAt(path) : void 0;
    if (holder === void 0) {
      this.install(path, readFileSync(abs));
      return;
    }
    this.install(path, new Uint8Array(0));
    const r = holder.fs.deferContent(holder.rel, st.size, () => {
      try {
        return readFileSync(abs);
      } catch {
        return new Uint8Array(0);
      }
    });
    if (r < 0) this.install(path, readFileSync(abs));
  }
  /** The tmpfs that holds guest path `path` and the path inside it, when a tmpfs holds it. */
  tmpfsAt(path) {
    const abs = posixPath.normalize("/" + path);
    const mt = this.vfs.mounts().filter((m) => m.path === "/" || abs === m.path || abs.startsWith(m.path + "/")).sort((a, b) => b.path.length - a.path.length)[0];
    if (!(mt?.fs instanceof TmpFs)) return void 0;
    return { fs: mt.fs, rel: abs.slice(mt.path.length).split("/").filter(Boolean) };
  }
  /** Writes a program into the guest tree (creating its directories), executable. */
  install(path, bytes) {
    const parts = path.split("/").filter(Boolean);
    for (let i = 1; i < parts.length; i++) this.vfs.mkdir("/" + parts.slice(0, i).join("/"), 493);
    const f = this.vfs.open(path, { read: false, write: true, create: true, truncate: true, mode: 493 });
    if (typeof f === "number") throw new Error(`install ${path}: cannot create it (errno ${-f})`);
    const limit = this.tmpfsBudget.limit;
    this.tmpfsBudget.limit = Infinity;
    try {
      for (let done = 0; done < bytes.length; ) {
        const n = f.write(bytes.subarray(done));
        if (n <= 0) throw new Error(`install ${path}: write failed (errno ${-n})`);
        done += n;
      }
    } finally {
      this.tmpfsBudget.limit = limit;
      f.close();
    }
  }
  get hostname() {
    return this.options.hostname;
  }
  /**
   * A decoupled program's worker is running. The next one's is booted soon (see
   * decoupledProgramEnded): a program that ends within the ~40 ms a worker takes to boot here would
   * otherwise leave the next spawn waiting for it. Not at once: programs started together (a
   * pipeline) would boot it while their own workers boot, on the same cores. isolateCores: the
   * thread gets a core of its own, if one is left.
   */
  decoupledThreadStarted(p, tid) {
    if (this.shuttingDown) return;
    setTimeout(() => {
      if (!this.shuttingDown) prewarmDecoupledWorker();
    }, PREWARM_AFTER_START_MS).unref();
    if (this.options.isolateCores !== true) return;
    this.pinning ??= new CorePinning();
    const core = this.pinning.isolate(tid);
    if (typeof core === "string" && !this.pinningNoticed) {
      this.pinningNoticed = true;
      this.options.onProgress?.(`l4wasm: ${p.image.name}: runs decoupled without a core of its own: ${core}
`);
    }
  }
  decoupledThreadEnded(tid) {
    this.pinning?.release(tid);
  }
  /**
   * A worker is booted for the next decoupled program as one ends: a machine that has run one is
   * likely to run another (a shell's loop, a build), and Node's start of a worker (~25 ms here)
   * then overlaps what comes between instead of delaying that program's start. Unused, it ends
   * after a few seconds, or with the machine.
   */
  decoupledProgramEnded() {
    if (!this.shuttingDown) prewarmDecoupledWorker();
  }
  /**
   * The guest file tree for embedding, node:fs/promises style (readFile, writeFile, readdir, stat,
   * mkdir, rm...; errors carry `code`): write files before spawning, read results after. The
   * errno-returning synchronous tree is `vfs`.
   */
  get fs() {
    return this.machineFs ??= new MachineFs(this.vfs);
  }
  machineFs;
  /** Loads a program (a path on the host, or its bytes) and starts it as a new process. */
  spawn(program, options = {}) {
    if (this.shuttingDown) throw new Error("machine is shut down");
    checkSpawnArguments(program, options);
    const name = options.name ?? (typeof program === "string" ? program : "program.wasm");
    checkEmbedderImports(options.imports);
    if (options.imports !== void 0 && options.decouple) throw new TypeError("spawn: imports cannot be given to a decoupled program");
    if (options.cwd !== void 0) {
      const st = typeof options.cwd === "string" && options.cwd.startsWith("/") ? this.vfs.stat(options.cwd) : -Errno.EINVAL;
      if (typeof st === "number" || st.type !== FileType.Directory) {
        throw Object.assign(
          new Error(`spawn: cwd ${JSON.stringify(options.cwd)} is not a directory of the guest tree (an absolute guest path)`),
          { code: typeof st === "number" ? errnoName(st) : "ENOTDIR" }
        );
      }
    }
    const argv0 = options.args === void 0 && typeof program === "string" ? this.installSpawned(program) : void 0;
    const pid = this.table.allocate();
    if (pid < 0) throw processLimitError(`${name}: the machine's process limit (${this.table.limit}) is reached`);
    let abort;
    const aborted = new Promise((resolve2) => {
      abort = () => resolve2(void 0);
    });
    this.starting.add(abort);
    const hostStdin = options.stdin === "inherit" ? new HostStdin() : void 0;
    const input = new ConsoleInput({
      isTerminal: hostStdin !== void 0 && process.stdin.isTTY === true,
      onDemand: hostStdin && (() => hostStdin.start(input))
    });
    return new GuestProcess(pid, input, async (gp) => {
      let image;
      try {
        image = await Promise.race([this.loader.loadCached(program, name, options.decouple ? "decoupled" : void 0, providedWith(PROVIDED, options.imports)), aborted]);
      } catch (e) {
        this.table.cancel(pid);
        throw e;
      } finally {
        this.starting.delete(abort);
      }
      if (image === void 0 || this.shuttingDown) {
        this.table.cancel(pid);
        return { code: 128 + SIGKILL, signal: SIGKILL };
      }
      const inherit = options.stdio === "inherit";
      if (options.maxBuffer !== void 0) gp.maxBuffer = options.maxBuffer;
      const sink = (which) => (bytes) => {
        if (inherit) return writeHostOutput(which, bytes);
        return gp.collect(which, bytes);
      };
      if (hostStdin === void 0 && options.stdin !== "pipe") {
        const data = options.stdin;
        if (data !== void 0) input.push(typeof data === "string" ? Buffer.from(data) : data);
        input.end();
      }
      const env = { ...this.options.env ?? {}, ...options.env ?? {}, ...options.cwd !== void 0 ? { PWD: options.cwd } : {} };
      const embedder = options.imports;
      let proc;
      try {
        proc = new Process(this, image, {
          pid,
          ppid: 0,
          args: options.args ?? [argv0 ?? basename(name)],
          env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
          stdio: [
            input,
            hostOutput(new ConsoleOutput(sink(1), { isTerminal: inherit && process.stdout.isTTY === true }), inherit ? process.stdout : void 0),
            hostOutput(new ConsoleOutput(sink(2), { isTerminal: inherit && process.stderr.isTTY === true }), inherit ? process.stderr : void 0)
          ],
          preopens: (this.options.mounts ?? []).map((m) => m.preopenName === void 0 ? m.guest : { path: m.guest, name: m.preopenName }),
          rootPreopen: this.options.rootPreopen ?? true,
          wrapImports: composeWrappers(composeWrappers(embedder && ((t) => withEmbedderImports(t, embedder)), this.options.wrapImports), options.wrapImports),
          childWrapImports: composeWrappers(this.options.wrapImports, options.wrapImports),
          limits: this.defaultLimits,
          ...options.cwd !== void 0 ? { cwd: options.cwd } : {}
        });
      } catch (e) {
        this.table.cancel(pid);
        if (e instanceof KernelError && e.code === KErr.NoSpace) {
          throw processLimitError(`${name}: the kernel has no room for another process (${this.table.liveCount} live)`);
        }
        throw e;
      }
      this.table.add(proc);
      gp.attach(proc);
      options.onStart?.();
      const release = this.cpu.hold();
      this.ensureLoop();
      const timer = options.timeout === void 0 ? void 0 : setTimeout(() => {
        proc.terminate(SIGKILL, { error: `timed out after ${options.timeout / 1e3} s`, limit: "time" });
      }, Math.min(options.timeout, 2147483647));
      try {
        const status = await proc.exit;
        if (proc.failure instanceof LoadError) throw proc.failure;
        if (gp.overflow !== void 0 && status.error === void 0 && status.signal !== void 0) return { ...status, error: gp.overflow };
        return status;
      } finally {
        clearTimeout(timer);
        release();
        hostStdin?.stop();
      }
    });
  }
  /** Starts the CPU loop if it is not running (it ends when nothing can run any more). */
  ensureLoop() {
    if (this.loop !== void 0) {
      this.cpu.wake();
      return;
    }
    this.loop = this.cpu.run().catch((e) => this.loopFailed(e)).finally(() => {
      this.loop = void 0;
    });
  }
  /**
   * An exception inside l4wasm, met by a program's activity: reported once per distinct error
   * (a back end that fails on every call must not flood the host's output).
   */
  reportInternalError(report) {
    const message = report.error instanceof Error ? report.error.message : String(report.error);
    const key = `${report.fatal}\0${report.where}\0${message}`;
    if (this.reported.has(key)) return;
    if (this.reported.size >= MAX_REPORTED) {
      if (this.reported.size > MAX_REPORTED) return;
      report = { where: "l4wasm", error: new Error(`${MAX_REPORTED} distinct internal errors reported; no more will be`), fatal: false };
    }
    this.reported.add(key);
    if (this.options.onInternalError !== void 0) {
      this.options.onInternalError(report);
      return;
    }
    const who = report.program === void 0 ? "" : ` ${report.program}:`;
    process.emitWarning(`l4wasm:${who} internal error in ${report.where}${report.fatal ? " (the process ended)" : ""}: ${report.error?.stack ?? report.error}`);
  }
  /** A host thread threw (the CPU killed its thread): the process it belongs to ends, nothing else. */
  hostThreadFailed(thread, error) {
    for (const p of this.table.map.values()) {
      if (p.thread.id !== thread && p.signals.handler.thread.id !== thread) continue;
      if (!(error instanceof LoadError)) this.reportInternalError({ pid: p.pid, program: p.image.name, where: "its run", error, fatal: true });
      p.fail(error);
      return;
    }
    this.reportInternalError({ where: thread === this.serverThread ? "the root server" : `host thread ${thread}`, error, fatal: true });
    if (thread === this.serverThread) this.loopFailed(error);
  }
  /** The CPU loop itself failed: no process can run on; each ends with an error status. */
  loopFailed(error) {
    this.reportInternalError({ where: "the CPU loop", error, fatal: true });
    for (const p of [...this.table.map.values()]) p.fail(error);
  }
  processExited(p) {
    this.table.exited(p);
  }
  /** Processes by pid (zombies included until reaped). */
  get running() {
    return this.table.map;
  }
  prepareImage(bytes, name) {
    const key = createHash("sha256").update(bytes).digest("hex");
    let pending = this.images.get(key);
    if (pending === void 0) {
      const p = { promise: Promise.resolve() };
      p.promise = this.loader.load(bytes, name).then(
        (image) => {
          p.image = image;
        },
        (e) => {
          p.failed = true;
          this.images.delete(key);
          if (!(e instanceof LoadError)) this.options.onProgress?.(`l4wasm: ${name}: ${e.message}
`);
        }
      );
      pending = p;
      this.images.set(key, pending);
      while (this.images.size > IMAGE_CACHE) this.images.delete(this.images.keys().next().value);
    }
    return pending;
  }
  startChild(parent, spec) {
    if (this.shuttingDown) return -Errno.EAGAIN;
    const pid = this.table.allocate();
    if (pid < 0) return pid;
    let child;
    try {
      child = new Process(this, spec.image, {
        pid,
        ppid: parent.pid,
        args: spec.args,
        env: spec.env,
        fds: spec.fds,
        cwd: spec.cwd,
        pgid: spec.newSession ? pid : spec.pgid === void 0 ? parent.identity.pgid : spec.pgid === 0 ? pid : spec.pgid,
        sid: spec.newSession ? pid : parent.identity.sid,
        sigmask: spec.sigmask,
        ignored: spec.ignored,
        limits: parent.inheritedLimits(),
        wrapImports: parent.childWrapImports,
        umask: parent.files.umask
      });
    } catch (e) {
      this.table.cancel(pid);
      if (e instanceof LoadError) return -Errno.ENOEXEC;
      if (e instanceof KernelError && e.code === KErr.NoSpace) return -Errno.EAGAIN;
      return -Errno.ENOMEM;
    }
    this.table.add(child, parent);
    const release = this.cpu.hold();
    void child.exit.finally(release);
    this.ensureLoop();
    return pid;
  }
  forkChild(parent) {
    if (this.shuttingDown) return -Errno.EAGAIN;
    const pid = this.table.allocate();
    if (pid < 0) return pid;
    const st = parent.signals.state;
    let child;
    const fds = parent.fds.clone();
    try {
      child = new Process(this, parent.image, {
        pid,
        ppid: parent.pid,
        args: parent.args,
        env: parent.env,
        fds,
        cwd: parent.initialCwd,
        pgid: parent.identity.pgid,
        sid: parent.identity.sid,
        sigmask: [st.blockedLo, st.blockedHi],
        forkOf: parent,
        wrapImports: parent.childWrapImports,
        limits: parent.inheritedLimits(),
        umask: parent.files.umask
      });
    } catch (e) {
      this.table.cancel(pid);
      fds.closeAll();
      return e instanceof KernelError && e.code === KErr.NoSpace ? -Errno.EAGAIN : -Errno.ENOMEM;
    }
    signalfdsForChild(fds, child.signals);
    this.table.add(child, parent);
    const release = this.cpu.hold();
    void child.exit.finally(release);
    this.ensureLoop();
    return pid;
  }
  /**
   * Starts a native L4 task beside the guest: `program` (a C program using only the L4 API) with
   * the capabilities `options.caps` names from the machine's L4 namespace (see src/guest/l4_task.ts);
   * with `decouple` its code runs on a core of its own, its calls forwarded to the vCPU.
   */
  async startTask(program, options = {}) {
    const name = options.name ?? (typeof program === "string" ? basename(program) : "task");
    const image = await this.loader.loadCached(program, name, options.decouple ? "decoupled" : "multiplexed");
    const task = new L4Task(this, image, { args: [name], ...options });
    this.tasks.add(task);
    const release = this.cpu.hold();
    void task.exit.finally(() => {
      this.tasks.delete(task);
      release();
    });
    this.ensureLoop();
    return task;
  }
  /** Ends every process (SIGKILL) and task, and stops the CPU. */
  async shutdown() {
    this.shuttingDown = true;
    this.preparations.abort();
    dropSpare();
    for (const abort of [...this.starting]) abort();
    for (const t of [...this.tasks]) t.kill("the machine shut down");
    for (const p of [...this.table.map.values()]) p.terminate(SIGKILL);
    if (this.loop !== void 0) {
      this.cpu.stop();
      await this.loop;
    }
    await hostClosesSettled();
    for (const fs of this.hostMounts) fs.close?.();
  }
}
const DEFAULT_MAX_BUFFER = 64 * 1024 * 1024;
const MAX_BUFFER_LIMIT = 536870888;
function processLimitError(message) {
  const e = new Error(message);
  e.code = "EAGAIN";
  e.errno = -Errno.EAGAIN;
  return e;
}
function checkSpawnArguments(program, options) {
  if (typeof program !== "string" && !(program instanceof Uint8Array)) {
    throw new TypeError(`spawn: the program must be a path (string) or the module's bytes (Uint8Array), not ${describe(program)}`);
  }
  if (options === null || typeof options !== "object") throw new TypeError(`spawn: options must be an object, not ${describe(options)}`);
  const { args, env, stdin, stdio } = options;
  if (args !== void 0) {
    if (!Array.isArray(args)) throw new TypeError(`spawn: args must be an array of strings (argv, including argv[0]), not ${describe(args)}`);
    const i = args.findIndex((a) => typeof a !== "string");
    if (i >= 0) throw new TypeError(`spawn: args[${i}] must be a string, not ${describe(args[i])}`);
    const nul = args.findIndex((a) => a.includes("\0"));
    if (nul >= 0) throw new TypeError(`spawn: args[${nul}] must be a string without null bytes`);
  }
  if (env !== void 0) {
    if (env === null || typeof env !== "object" || Array.isArray(env)) {
      throw new TypeError(`spawn: env must be an object of strings ({ NAME: 'value' }), not ${describe(env)}`);
    }
    for (const [k, v] of Object.entries(env)) {
      if (typeof v !== "string") throw new TypeError(`spawn: env.${k} must be a string, not ${describe(v)}`);
      if (k === "" || k.includes("=") || k.includes("\0")) throw new TypeError(`spawn: env name ${JSON.stringify(k)} is not a valid variable name`);
      if (v.includes("\0")) throw new TypeError(`spawn: env.${k} must be a string without null bytes`);
    }
  }
  if (stdin !== void 0 && typeof stdin !== "string" && !(stdin instanceof Uint8Array)) {
    throw new TypeError(`spawn: stdin must be its contents (string or Uint8Array), 'pipe' (then p.write() and p.end()) or 'inherit', not ${describe(stdin)}`);
  }
  if (stdio !== void 0 && stdio !== "pipe" && stdio !== "inherit") {
    throw new TypeError(`spawn: stdio must be 'pipe' or 'inherit', not ${describe(stdio)}`);
  }
  const { timeout, maxBuffer } = options;
  if (timeout !== void 0 && (typeof timeout !== "number" || !(timeout > 0))) {
    throw new TypeError(`spawn: timeout must be a number of milliseconds > 0, not ${describe(timeout)}`);
  }
  if (maxBuffer !== void 0 && (typeof maxBuffer !== "number" || !(maxBuffer > 0) || !(maxBuffer <= MAX_BUFFER_LIMIT || maxBuffer === Infinity))) {
    throw new TypeError(`spawn: maxBuffer must be a number of bytes > 0 and at most ${MAX_BUFFER_LIMIT} (what p.stdout can hold), or Infinity, not ${describe(maxBuffer)}`);
  }
}
function describe(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return `an object (${v.constructor?.name ?? "Object"})`;
  if (typeof v === "string") return JSON.stringify(v);
  return `${typeof v} ${String(v)}`;
}
const MAX_REPORTED = 1e3;
function composeWrappers(first, second) {
  if (!first || !second) return first ?? second;
  return (imports, p) => second(first(imports, p), p);
}
export {
  GuestProcess,
  LoadError,
  Machine,
  defaultMemoryLimit
};
