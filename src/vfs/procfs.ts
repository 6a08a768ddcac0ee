// procfs: Linux's /proc, read-only, its text made when a file is opened (as Linux makes it when it
// is read). The file system knows no processes (DESIGN.md's layers): what it shows of them and of
// the machine comes from a ProcSource the guest layer gives it. /proc/self is a symbolic link
// whose target is the pid of the process that asks, as on Linux.
import { Errno } from '../errno.js';
import { FileType, type DirEntry, type FileSystem, type OpenFile, type OpenFlags, type Stat } from './types.js';
import { BaseFileSystem } from './filesystem.js';
import { DirectoryFile, PositionedFile } from './file.js';
import { DIRECTORY_SIZE, makeStat, nowNs } from './stat.js';

/** What /proc/PID shows of one process. */
export interface ProcProcess {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly sid: number;
  readonly uid: number;
  readonly gid: number;
  /** Linux's state letter: R running, S sleeping, T stopped, Z a zombie. */
  readonly state: 'R' | 'S' | 'T' | 'Z';
  /** The program's name (comm: at most 15 bytes are shown). */
  readonly name: string;
  /** The program's absolute guest path, when it was started from one (/proc/PID/exe). */
  readonly exe: string | undefined;
  /** Its working directory (/proc/PID/cwd). */
  readonly cwd: string;
  readonly args: readonly string[];
  readonly env: readonly string[];
  readonly threads: number;
  /** The thread ids (/proc/PID/task), the main thread's (the pid) first. */
  readonly tids: readonly number[];
  readonly umask: number;
  /** CPU time used (ns). */
  readonly cpuNs: number;
  /** Monotonic time (ns since the machine booted) at which it started. */
  readonly startNs: bigint;
  /** Its memory (bytes): what its wasm memory has grown to (it never shrinks: also its peak). */
  readonly memoryBytes: number;
  /** Its descriptors and what each names: a guest path, or Linux's "pipe:[N]", "socket:[N]", "anon_inode:[...]". */
  fds(): ReadonlyMap<number, string>;
  /** Its memory's regions, in address order (/proc/PID/maps). */
  maps(): readonly ProcMapping[];
}

/** One line of /proc/PID/maps. */
export interface ProcMapping {
  start: number;
  end: number;
  /** Linux's four letters: r w x and s (shared) or p (private). */
  perms: string;
  offset: number;
  /** The backing file's device and inode (0 for anonymous memory). */
  dev: bigint;
  ino: bigint;
  /** Its path, or Linux's "[heap]"; empty for anonymous memory. */
  path: string;
}

/** What procfs asks the machine. */
export interface ProcSource {
  /** The pid of the process whose call is being served now (/proc/self); undefined when none is. */
  caller(): number | undefined;
  /** The live processes and zombies, by pid. */
  pids(): readonly number[];
  process(pid: number): ProcProcess | undefined;
  /** Nanoseconds since the machine booted. */
  uptimeNs(): bigint;
  /** The memory the machine's processes may have together, and what of it is free (bytes). */
  memory(): { total: number; free: number };
  /** The CPUs (cores) the machine has. */
  readonly cpus: number;
  /** uname's sysname, nodename, release and version. */
  uname(): { sysname: string; nodename: string; release: string; version: string };
  /** The page size mmap works in (statm's and stat's page counts). */
  readonly pageSize: number;
  /** Processes created since the machine booted (/proc/stat's "processes"). */
  processesCreated(): number;
}

/** Linux's clock ticks per second (sysconf(_SC_CLK_TCK)): stat's times are counted in them. */
const CLK_TCK = 100;

type Text = () => string;
type Node =
  | { kind: 'dir'; ino: bigint; mode: number; list: () => DirEntry[] }
  | { kind: 'file'; ino: bigint; mode: number; text: Text }
  | { kind: 'link'; ino: bigint; target: () => string | number };

/** The files of /proc/PID, in Linux's listing order. */
const PID_ENTRIES = ['cmdline', 'comm', 'cwd', 'environ', 'exe', 'fd', 'maps', 'mounts', 'stat', 'statm', 'status', 'task'] as const;
/** The files of /proc/PID/task/TID: a thread's own. */
const TASK_ENTRIES = ['comm', 'stat', 'status'] as const;
const TASK_INO_BASE = 0x200000;
/** The files of /proc itself; the pids and 'self' are listed with them. */
const ROOT_FILES = ['cpuinfo', 'filesystems', 'loadavg', 'meminfo', 'mounts', 'self', 'stat', 'sys', 'uptime', 'version'] as const;
const SYS_KERNEL = ['hostname', 'osrelease', 'ostype', 'pid_max', 'version'] as const;

/** A pid's inode numbers: its directory, its entries and its descriptors (apart from the fixed nodes below 2^32). */
function pidIno(pid: number, k: number): bigint { return (BigInt(pid) << 32n) | BigInt(k); }
const FD_INO_BASE = 0x100000;

export class ProcFs extends BaseFileSystem {
  readonly name = 'proc';
  override readonly readOnly = true;
  private readonly timeNs = nowNs();

  /** `mounts`: the tree it is mounted in, for /proc/mounts. */
  constructor(private readonly source: ProcSource, private readonly mounts: () => { path: string; fs: FileSystem }[]) {
    super();
  }

  statfs(): { type: number; bsize: number; blocks: number; bfree: number; bavail: number; files: number; ffree: number; namemax: number } {
    // Linux's PROC_SUPER_MAGIC; a file system with no blocks.
    return { type: 0x9fa0, bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, namemax: 255 };
  }

  lstat(path: readonly string[]): Stat | number {
    const n = this.find(path);
    return typeof n === 'number' ? n : this.statOf(n);
  }

  override typeOf(path: readonly string[]): FileType | number {
    const n = this.find(path);
    if (typeof n === 'number') return n;
    return n.kind === 'dir' ? FileType.Directory : n.kind === 'link' ? FileType.SymbolicLink : FileType.RegularFile;
  }

  override readlink(path: readonly string[]): string | number {
    const n = this.find(path);
    if (typeof n === 'number') return n;
    return n.kind === 'link' ? n.target() : -Errno.EINVAL;
  }

  open(path: readonly string[], flags: OpenFlags): OpenFile | number {
    const n = this.find(path);
    if (typeof n === 'number') return n; // creating a name here is ENOENT too, as on Linux
    if (n.kind === 'link') return -Errno.ELOOP; // the tree follows links before it opens
    if (flags.create && flags.exclusive) return -Errno.EEXIST;
    // Nothing here is writable, for the unprivileged user every process is.
    if (flags.write || flags.truncate) return n.kind === 'dir' ? -Errno.EISDIR : -Errno.EACCES;
    const stat = this.statOf(n);
    if (n.kind === 'dir') return new ProcDir(stat, n.list());
    if (flags.directory) return -Errno.ENOTDIR;
    let text: string;
    try {
      text = n.text();
    } catch {
      return -Errno.ESRCH; // the process ended while its file was made
    }
    return new ProcFile(stat, Buffer.from(text));
  }

  private statOf(n: Node): Stat {
    const type = n.kind === 'dir' ? FileType.Directory : n.kind === 'link' ? FileType.SymbolicLink : FileType.RegularFile;
    const st = makeStat(type, this.dev, n.ino, n.kind === 'dir' ? DIRECTORY_SIZE : 0n, this.timeNs);
    return { ...st, mode: n.kind === 'link' ? 0o777 : n.mode, size: 0n };
  }

  // ---- the tree ----

  private find(path: readonly string[]): Node | number {
    if (path.length === 0) return { kind: 'dir', ino: 1n, mode: 0o555, list: () => this.rootList() };
    const first = path[0]!;
    const pid = pidName(first);
    if (pid !== undefined) {
      const p = this.source.process(pid);
      return p === undefined ? -Errno.ENOENT : this.inProcess(p, path.slice(1));
    }
    const i = (ROOT_FILES as readonly string[]).indexOf(first);
    if (i < 0) return -Errno.ENOENT;
    const ino = BigInt(2 + i);
    let node: Node;
    switch (first as typeof ROOT_FILES[number]) {
      case 'self': node = { kind: 'link', ino, target: () => this.self() }; break;
      case 'mounts': node = { kind: 'link', ino, target: () => 'self/mounts' }; break;
      case 'sys': return this.inSys(path.slice(1));
      case 'cpuinfo': node = { kind: 'file', ino, mode: 0o444, text: () => this.cpuinfo() }; break;
      case 'filesystems': node = { kind: 'file', ino, mode: 0o444, text: filesystems }; break;
      case 'loadavg': node = { kind: 'file', ino, mode: 0o444, text: () => this.loadavg() }; break;
      case 'meminfo': node = { kind: 'file', ino, mode: 0o444, text: () => this.meminfo() }; break;
      case 'stat': node = { kind: 'file', ino, mode: 0o444, text: () => this.machineStat() }; break;
      case 'uptime': node = { kind: 'file', ino, mode: 0o444, text: () => this.uptime() }; break;
      case 'version': node = { kind: 'file', ino, mode: 0o444, text: () => this.version() }; break;
    }
    return path.length === 1 ? node : -Errno.ENOTDIR;
  }

  private rootList(): DirEntry[] {
    const out: DirEntry[] = ROOT_FILES.map((name, i): DirEntry => ({
      name, ino: BigInt(2 + i),
      type: name === 'self' || name === 'mounts' ? FileType.SymbolicLink : name === 'sys' ? FileType.Directory : FileType.RegularFile,
    }));
    for (const pid of this.source.pids()) out.push({ name: String(pid), ino: pidIno(pid, 0), type: FileType.Directory });
    return out;
  }

  private self(): string | number {
    const pid = this.source.caller();
    return pid === undefined ? -Errno.ENOENT : String(pid);
  }

  /** /proc/sys/kernel: what sysctl kernel.* reads. */
  private inSys(path: readonly string[]): Node | number {
    const sysDir: Node = { kind: 'dir', ino: 64n, mode: 0o555, list: () => [{ name: 'kernel', type: FileType.Directory, ino: 65n }] };
    if (path.length === 0) return sysDir;
    if (path[0] !== 'kernel') return -Errno.ENOENT;
    if (path.length === 1) {
      return {
        kind: 'dir', ino: 65n, mode: 0o555,
        list: () => SYS_KERNEL.map((name, i) => ({ name, type: FileType.RegularFile, ino: BigInt(66 + i) })),
      };
    }
    const i = (SYS_KERNEL as readonly string[]).indexOf(path[1]!);
    if (i < 0) return -Errno.ENOENT;
    if (path.length > 2) return -Errno.ENOTDIR;
    const u = () => this.source.uname();
    const texts: Record<typeof SYS_KERNEL[number], Text> = {
      hostname: () => `${u().nodename}\n`,
      osrelease: () => `${u().release}\n`,
      ostype: () => `${u().sysname}\n`,
      pid_max: () => '4194304\n',
      version: () => `${u().version}\n`,
    };
    return { kind: 'file', ino: BigInt(66 + i), mode: 0o444, text: texts[SYS_KERNEL[i]!] };
  }

  private inProcess(p: ProcProcess, path: readonly string[]): Node | number {
    const pid = p.pid;
    if (path.length === 0) {
      return {
        kind: 'dir', ino: pidIno(pid, 0), mode: 0o555,
        list: () => PID_ENTRIES.map((name, i) => ({
          name, ino: pidIno(pid, 1 + i),
          type: name === 'exe' || name === 'cwd' ? FileType.SymbolicLink : name === 'fd' || name === 'task' ? FileType.Directory : FileType.RegularFile,
        })),
      };
    }
    const i = (PID_ENTRIES as readonly string[]).indexOf(path[0]!);
    if (i < 0) return -Errno.ENOENT;
    const ino = pidIno(pid, 1 + i);
    const name = PID_ENTRIES[i]!;
    if (name === 'fd') return this.inFd(p, ino, path.slice(1));
    if (name === 'task') return this.inTask(p, ino, path.slice(1));
    if (path.length > 1) return -Errno.ENOTDIR;
    const zombie = p.state === 'Z';
    switch (name) {
      // A zombie has no program any more: no exe, an empty command line and environment (as Linux's).
      case 'exe': return { kind: 'link', ino, target: () => (zombie || p.exe === undefined ? -Errno.ENOENT : p.exe) };
      case 'cwd': return { kind: 'link', ino, target: () => (zombie ? -Errno.ENOENT : p.cwd) };
      case 'cmdline': return { kind: 'file', ino, mode: 0o444, text: () => (zombie ? '' : nulList(p.args)) };
      case 'environ': return { kind: 'file', ino, mode: 0o400, text: () => (zombie ? '' : nulList(p.env)) };
      case 'comm': return { kind: 'file', ino, mode: 0o644, text: () => `${comm(p)}\n` };
      case 'mounts': return { kind: 'file', ino, mode: 0o444, text: () => this.mountsText() };
      case 'maps': return { kind: 'file', ino, mode: 0o444, text: () => (zombie ? '' : mapsText(p.maps())) };
      case 'stat': return { kind: 'file', ino, mode: 0o444, text: () => this.statText(p) };
      case 'statm': return { kind: 'file', ino, mode: 0o444, text: () => this.statmText(p) };
      case 'status': return { kind: 'file', ino, mode: 0o444, text: () => this.statusText(p) };
    }
  }

  /** /proc/PID/task: a directory per thread, with its comm, stat and status (Pid: the thread's id). */
  private inTask(p: ProcProcess, ino: bigint, path: readonly string[]): Node | number {
    const pid = p.pid;
    const taskIno = (i: number, k: number) => pidIno(pid, TASK_INO_BASE + i * 8 + k);
    if (path.length === 0) {
      return {
        kind: 'dir', ino, mode: 0o555,
        list: () => p.tids.map((tid, i) => ({ name: String(tid), type: FileType.Directory, ino: taskIno(i, 0) })),
      };
    }
    const tid = pidName(path[0]!);
    const i = tid === undefined ? -1 : p.tids.indexOf(tid);
    if (i < 0) return -Errno.ENOENT;
    if (path.length === 1) {
      return {
        kind: 'dir', ino: taskIno(i, 0), mode: 0o555,
        list: () => TASK_ENTRIES.map((name, k) => ({ name, type: FileType.RegularFile, ino: taskIno(i, 1 + k) })),
      };
    }
    const k = (TASK_ENTRIES as readonly string[]).indexOf(path[1]!);
    if (k < 0) return -Errno.ENOENT;
    if (path.length > 2) return -Errno.ENOTDIR;
    const t: ProcProcess = { ...p, pid: tid! };
    const texts: Record<typeof TASK_ENTRIES[number], Text> = {
      comm: () => `${comm(p)}\n`,
      stat: () => this.statText(t),
      status: () => this.statusText(t, pid),
    };
    return { kind: 'file', ino: taskIno(i, 1 + k), mode: 0o444, text: texts[TASK_ENTRIES[k]!] };
  }

  /** /proc/PID/fd: a symbolic link per descriptor, to what it names. */
  private inFd(p: ProcProcess, ino: bigint, path: readonly string[]): Node | number {
    const pid = p.pid;
    if (path.length === 0) {
      return {
        kind: 'dir', ino, mode: 0o500,
        list: () => [...p.fds().keys()].sort((a, b) => a - b)
          .map((fd) => ({ name: String(fd), type: FileType.SymbolicLink, ino: pidIno(pid, FD_INO_BASE + fd) })),
      };
    }
    const fd = pidName(path[0]!, true);
    if (fd === undefined) return -Errno.ENOENT;
    if (path.length > 1) return -Errno.ENOTDIR;
    const target = p.fds().get(fd);
    if (target === undefined) return -Errno.ENOENT;
    return { kind: 'link', ino: pidIno(pid, FD_INO_BASE + fd), target: () => p.fds().get(fd) ?? -Errno.ENOENT };
  }

  // ---- the texts, in Linux's formats ----

  private mountsText(): string {
    // Mount order: a mount's parent before it (the tree lists the longest paths first).
    const list = this.mounts().slice().reverse();
    return list.map(({ path, fs }) => `${fs.name} ${escapeMountPath(path)} ${fs.name} ${fs.readOnly ? 'ro' : 'rw'},relatime 0 0\n`).join('');
  }

  private statText(p: ProcProcess): string {
    const ticks = (ns: number | bigint) => Math.floor(Number(ns) / (1e9 / CLK_TCK));
    const pages = Math.ceil(p.memoryBytes / this.source.pageSize);
    // The 52 fields of proc(5), those l4wasm does not keep as 0.
    const f: (string | number)[] = [
      p.pid, `(${comm(p)})`, p.state, p.ppid, p.pgid, p.sid, 0, -1, 0x400000 /* PF_RANDOMIZE, as most */,
      0, 0, 0, 0, ticks(p.cpuNs), 0, 0, 0, 20, 0, p.threads, 0, ticks(p.startNs), p.memoryBytes, pages,
      '18446744073709551615', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 17 /* exit signal: SIGCHLD */,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];
    return f.join(' ') + '\n';
  }

  private statmText(p: ProcProcess): string {
    const pages = Math.ceil(p.memoryBytes / this.source.pageSize);
    return `${pages} ${pages} 0 0 0 ${pages} 0\n`;
  }

  /** `tgid`: the thread group's id, when `p` is one of its threads (task/TID/status); else its own pid. */
  private statusText(p: ProcProcess, tgid = p.pid): string {
    const kB = (b: number) => `${String(Math.ceil(b / 1024)).padStart(8)} kB`;
    const state = { R: 'R (running)', S: 'S (sleeping)', T: 'T (stopped)', Z: 'Z (zombie)' }[p.state];
    const lines = [
      `Name:\t${comm(p)}`, `Umask:\t${p.umask.toString(8).padStart(4, '0')}`, `State:\t${state}`,
      `Tgid:\t${tgid}`, 'Ngid:\t0', `Pid:\t${p.pid}`, `PPid:\t${p.ppid}`, 'TracerPid:\t0',
      `Uid:\t${p.uid}\t${p.uid}\t${p.uid}\t${p.uid}`, `Gid:\t${p.gid}\t${p.gid}\t${p.gid}\t${p.gid}`,
    ];
    if (p.state !== 'Z') {
      lines.push(`FDSize:\t${Math.max(64, 2 ** Math.ceil(Math.log2(Math.max(1, p.fds().size))))}`, 'Groups:\t',
        `VmPeak:\t${kB(p.memoryBytes)}`, `VmSize:\t${kB(p.memoryBytes)}`, `VmHWM:\t${kB(p.memoryBytes)}`,
        `VmRSS:\t${kB(p.memoryBytes)}`);
    }
    lines.push(`Threads:\t${p.threads}`);
    return lines.join('\n') + '\n';
  }

  private cpuinfo(): string {
    let s = '';
    for (let i = 0; i < this.source.cpus; i++) {
      s += `processor\t: ${i}\nvendor_id\t: l4wasm\nmodel name\t: wasm32 vCPU\nflags\t\t:\n\n`;
    }
    return s;
  }

  /**
   * /proc/stat: the CPU time the live processes have used (user time; the rest of each core's
   * time since boot idle), the boot time, processes created, running and blocked.
   */
  private machineStat(): string {
    const tick = 1e9 / CLK_TCK;
    const pids = this.source.pids();
    let used = 0, running = 0;
    for (const pid of pids) {
      const p = this.source.process(pid);
      if (p === undefined) continue;
      used += p.cpuNs;
      if (p.state === 'R') running++;
    }
    const cpus = this.source.cpus;
    const upNs = Number(this.source.uptimeNs());
    const user = Math.floor(used / tick);
    const idle = Math.max(0, Math.floor((upNs * cpus - used) / tick));
    const line = (name: string, u: number, i: number) => `${name} ${u} 0 0 ${i} 0 0 0 0 0 0`;
    const lines = [line('cpu ', user, idle)];
    // The per-core split is not kept: each core shows its share.
    for (let c = 0; c < cpus; c++) lines.push(line(`cpu${c}`, Math.floor(user / cpus), Math.floor(idle / cpus)));
    const btime = Math.floor(Number(nowNs()) / 1e9 - upNs / 1e9);
    lines.push('intr 0', 'ctxt 0', `btime ${btime}`, `processes ${this.source.processesCreated()}`,
      `procs_running ${Math.max(1, running)}`, 'procs_blocked 0', 'softirq 0 0 0 0 0 0 0 0 0 0 0');
    return lines.join('\n') + '\n';
  }

  private loadavg(): string {
    // l4wasm measures no load average: 0.00; the running and the existing processes, the last pid.
    const pids = this.source.pids();
    let running = 0;
    for (const pid of pids) if (this.source.process(pid)?.state === 'R') running++;
    return `0.00 0.00 0.00 ${running}/${pids.length} ${pids.length === 0 ? 0 : Math.max(...pids)}\n`;
  }

  private meminfo(): string {
    const m = this.source.memory();
    const kB = (b: number) => `${String(Math.floor(b / 1024)).padStart(8)} kB`;
    return [`MemTotal:       ${kB(m.total)}`, `MemFree:        ${kB(m.free)}`, `MemAvailable:   ${kB(m.free)}`,
      `Buffers:        ${kB(0)}`, `Cached:         ${kB(0)}`, `SwapTotal:      ${kB(0)}`, `SwapFree:       ${kB(0)}`].join('\n') + '\n';
  }

  private uptime(): string {
    const s = Number(this.source.uptimeNs()) / 1e9;
    return `${s.toFixed(2)} 0.00\n`;
  }

  private version(): string {
    const u = this.source.uname();
    return `${u.sysname} version ${u.release} ${u.version}\n`;
  }
}

class ProcDir extends DirectoryFile {
  constructor(private readonly meta: Stat, private readonly list: DirEntry[]) { super(); }
  override stat(): Stat { return this.meta; }
  override readdir(): DirEntry[] { return this.list.slice(); }
}

/** A snapshot of a /proc file's text: what the process read is what was true when it opened it. */
class ProcFile extends PositionedFile {
  constructor(private readonly meta: Stat, private readonly bytes: Uint8Array) { super(); }
  override stat(): Stat { return this.meta; }
  override size(): number { return this.bytes.length; }
  override pread(buf: Uint8Array, position: number): number {
    if (position >= this.bytes.length) return 0;
    const n = Math.min(buf.length, this.bytes.length - position);
    buf.set(this.bytes.subarray(position, position + n));
    return n;
  }
  override pwrite(_buf: Uint8Array, _position: number): number { return -Errno.EBADF; }
  override setSize(_size: number): number { return -Errno.EINVAL; }
  override sync(): number { return -Errno.EINVAL; }
}

/** A canonical decimal number (a pid, a descriptor): no sign, no leading zero; `zero` allows "0". */
function pidName(s: string, zero = false): number | undefined {
  if (s.length === 0 || s.length > 9 || (s.length > 1 && s.charCodeAt(0) === 48)) return undefined;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  return n === 0 && !zero ? undefined : n;
}

/** /proc/PID/maps in Linux's format: the path from column 74, after the inode. */
function mapsText(maps: readonly ProcMapping[]): string {
  const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
  return maps.map((m) => {
    const dev = `${hex(Number((m.dev >> 8n) & 0xfffn), 2)}:${hex(Number(m.dev & 0xffn), 2)}`;
    const head = `${hex(m.start, 8)}-${hex(m.end, 8)} ${m.perms} ${hex(m.offset, 8)} ${dev} ${m.ino}`;
    return (m.path === '' ? head : `${head.padEnd(72)} ${m.path}`) + '\n';
  }).join('');
}

/** comm: the program's name, at most TASK_COMM_LEN - 1 (15) bytes. */
function comm(p: ProcProcess): string {
  return Buffer.from(p.name).subarray(0, 15).toString();
}

/** cmdline and environ: each string ended by a NUL. */
function nulList(list: readonly string[]): string {
  return list.map((s) => `${s}\0`).join('');
}

/** /proc/mounts writes a space, tab, newline or backslash in a path as an octal escape. */
function escapeMountPath(p: string): string {
  return p.replace(/[ \t\n\\]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
}

/** The file system types l4wasm has ("nodev": none lives on a block device). */
function filesystems(): string {
  return ['tmpfs', 'proc', 'devfs', 'rofs', 'hostfs'].map((t) => `nodev\t${t}\n`).join('');
}
