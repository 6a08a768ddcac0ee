// What /proc shows (src/vfs/procfs.ts), taken from the machine: its processes (the process table,
// zombies included), the process whose call is being served (the one on the vCPU: /proc/self),
// its memory budget, cores and uname.
import { readlinkSync } from 'node:fs';
import type { ProcMapping, ProcProcess, ProcSource } from '../vfs/procfs.js';
import { FileType, type FileSystem, type OpenFile } from '../vfs/types.js';
import { lendableHostFile } from '../vfs/hostfs.js';
import { ConsoleInput, ConsoleOutput, ConsoleTerminal } from '../vfs/console.js';
import { PAGE_SIZE } from '../libc/address_space.js';
import { unameFields } from '../libc/l4posix_sys.js';
import type { Process } from './process.js';

export interface ProcMachine {
  /** The processes by pid, zombies included. */
  readonly running: ReadonlyMap<number, Process>;
  readonly hostname: string | undefined;
  readonly cpus: number;
  /** Monotonic ns of the machine's clock (0 at its boot). */
  uptimeNs(): bigint;
  /** The machine's memory limit and what of it is in use (bytes). */
  memory(): { total: number; free: number };
  /** The guest tree's mounts. */
  mounts(): { path: string; fs: FileSystem }[];
  /** Processes created since boot. */
  processesCreated(): number;
}

export function procSource(m: ProcMachine): ProcSource {
  return {
    cpus: m.cpus,
    pageSize: PAGE_SIZE,
    caller() {
      // The vCPU serves one process's call at a time: a multiplexed program's, a decoupled one's
      // forwarded call, or the POSIX server's answer inside its client's call.
      for (const p of m.running.values()) if (p.onCpu) return p.pid;
      return undefined;
    },
    pids: () => [...m.running.keys()].sort((a, b) => a - b),
    process(pid) {
      const p = m.running.get(pid);
      return p === undefined ? undefined : procProcess(p, () => m.mounts());
    },
    uptimeNs: () => m.uptimeNs(),
    processesCreated: () => m.processesCreated(),
    memory: () => m.memory(),
    uname() {
      const [sysname, nodename, release, version] = unameFields(m.hostname);
      return { sysname: sysname!, nodename: nodename!, release: release!, version: version! };
    },
  };
}

function procProcess(p: Process, mounts: ProcMachine['mounts']): ProcProcess {
  const id = p.identity;
  const ended = p.exitStatus !== undefined;
  return {
    pid: p.pid, ppid: id.ppid, pgid: id.pgid, sid: id.sid, uid: id.uid, gid: id.gid,
    state: ended ? 'Z' : p.stopped ? 'T' : p.onCpu ? 'R' : 'S',
    name: programName(p), exe: p.exe, cwd: p.cwd, args: p.args, env: p.env,
    threads: p.threadGroup?.count ?? 1,
    tids: p.threadGroup?.tids() ?? [p.pid],
    umask: p.files.umask,
    cpuNs: p.cpuUsedNs,
    startNs: p.startNs,
    memoryBytes: p.memoryBytes,
    fds() {
      const out = new Map<number, string>();
      if (ended) return out;
      for (const fd of p.fds.fds()) {
        const e = p.fds.get(fd)!;
        out.set(fd, e.desc.name ?? hostFileGuestPath(e.desc.file, mounts) ?? unnamed(e.desc.file));
      }
      return out;
    },
    maps: () => (ended ? [] : procMaps(p)),
  };
}

/**
 * /proc/PID/maps from the process's address space: its linear memory's first region (data, stack
 * and the heap it started with) under the program's path, what it grew by as [heap], mappings of
 * files under their paths.
 */
function procMaps(p: Process): ProcMapping[] {
  const out: ProcMapping[] = [];
  for (const m of p.addressSpace.mappings()) {
    const b = m.backing;
    let path = '', dev = 0n, ino = 0n, shared = false;
    if (m.heap) {
      path = m.start === 0 ? p.exe ?? '' : '[heap]';
    } else if (b?.kind === 'file') {
      shared = b.shared;
      path = b.desc.name ?? b.desc.file.procName ?? '';
      const st = b.desc.file.stat();
      if (typeof st !== 'number') { dev = st.dev; ino = st.ino; }
    } else if (b?.kind === 'rom') {
      path = `/rom/${b.ds.name}`;
    } else if (b?.kind === 'shared') {
      shared = true;
      path = `/dev/l4shm/${b.ds.name}`;
    }
    const perms = `${m.prot & 1 ? 'r' : '-'}${m.prot & 2 ? 'w' : '-'}${m.prot & 4 ? 'x' : '-'}${shared ? 's' : 'p'}`;
    const last = out[out.length - 1];
    // Adjacent anonymous regions alike are one line, as Linux merges its areas.
    if (last !== undefined && last.end === m.start && last.perms === perms && last.path === path && ino === 0n && last.ino === 0n) {
      last.end = m.end;
      continue;
    }
    out.push({ start: m.start, end: m.end, perms, offset: m.offset, dev, ino, path });
  }
  return out;
}

/** comm: the last component of the program's path (or of argv[0]), as Linux takes it from exec. */
function programName(p: Process): string {
  const path = p.exe ?? p.args[0] ?? p.image.name;
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The guest path of a host mount's file that has no name here (a decoupled program's core opened
 * it): where the host says its descriptor is, under the root of the mount it belongs to.
 */
function hostFileGuestPath(f: OpenFile, mounts: ProcMachine['mounts']): string | undefined {
  const lent = lendableHostFile(f);
  if (lent === undefined || process.platform !== 'linux') return undefined;
  let host: string;
  try { host = readlinkSync(`/proc/self/fd/${lent.hostFd}`); } catch { return undefined; }
  for (const m of mounts()) {
    const root = (m.fs as { root?: unknown }).root;
    if (m.fs.dev !== lent.dev || typeof root !== 'string') continue;
    if (host === root) return m.path;
    if (host.startsWith(root + '/')) return (m.path === '/' ? '' : m.path) + host.slice(root.length);
  }
  return undefined;
}

/** What Linux's /proc/PID/fd shows for an object without a path: "pipe:[ino]", "socket:[ino]", ... */
function unnamed(f: OpenFile): string {
  if (f.procName !== undefined) return f.procName;
  // The machine's console is l4wasm's terminal, /dev/tty.
  if (f instanceof ConsoleInput || f instanceof ConsoleOutput || f instanceof ConsoleTerminal) return '/dev/tty';
  const st = f.stat();
  const ino = typeof st === 'number' ? 0n : st.ino;
  switch (f.type) {
    case FileType.Fifo: return `pipe:[${ino}]`;
    case FileType.SocketStream: case FileType.SocketDgram: return `socket:[${ino}]`;
    default: return `anon_inode:[${ino}]`;
  }
}
