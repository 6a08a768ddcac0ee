// How the tracer shows a call: each parameter decoded by its kind (paths read from the program's
// memory, flags as names, buffers as their size and first bytes), and what the call wrote back
// (the "→ name=value" part) once it has completed.
import { knownSignalName, wasiSignalName } from './signals.js';
import { errnoName } from '../errno.js';
import { WASI_SPECS, type ParamKind } from '../libc/syscalls/index.js';

/** How a parameter is shown: its kind in the call's description (libc/syscalls). */
type Kind = ParamKind;

const RIGHTS = [
  'FD_DATASYNC', 'FD_READ', 'FD_SEEK', 'FD_FDSTAT_SET_FLAGS', 'FD_SYNC', 'FD_TELL', 'FD_WRITE',
  'FD_ADVISE', 'FD_ALLOCATE', 'PATH_CREATE_DIRECTORY', 'PATH_CREATE_FILE', 'PATH_LINK_SOURCE',
  'PATH_LINK_TARGET', 'PATH_OPEN', 'FD_READDIR', 'PATH_READLINK', 'PATH_RENAME_SOURCE',
  'PATH_RENAME_TARGET', 'PATH_FILESTAT_GET', 'PATH_FILESTAT_SET_SIZE', 'PATH_FILESTAT_SET_TIMES',
  'FD_FILESTAT_GET', 'FD_FILESTAT_SET_SIZE', 'FD_FILESTAT_SET_TIMES', 'PATH_SYMLINK',
  'PATH_REMOVE_DIRECTORY', 'PATH_UNLINK_FILE', 'POLL_FD_READWRITE', 'SOCK_SHUTDOWN', 'SOCK_ACCEPT',
];
const OFLAGS = ['CREAT', 'DIRECTORY', 'EXCL', 'TRUNC'];
const FDFLAGS = ['APPEND', 'DSYNC', 'NONBLOCK', 'RSYNC', 'SYNC'];
const FSTFLAGS = ['ATIM', 'ATIM_NOW', 'MTIM', 'MTIM_NOW'];
const LOOKUP = ['SYMLINK_FOLLOW'];
const RIFLAGS = ['RECV_PEEK', 'RECV_WAITALL'];
const SDFLAGS = ['RD', 'WR'];
const WHENCE = ['SET', 'CUR', 'END'];
const ADVICE = ['NORMAL', 'SEQUENTIAL', 'RANDOM', 'WILLNEED', 'DONTNEED', 'NOREUSE'];
const CLOCKS = ['REALTIME', 'MONOTONIC', 'PROCESS_CPUTIME_ID', 'THREAD_CPUTIME_ID'];
const FILETYPES = ['UNKNOWN', 'BLOCK_DEVICE', 'CHARACTER_DEVICE', 'DIRECTORY', 'REGULAR_FILE',
  'SOCKET_DGRAM', 'SOCKET_STREAM', 'SYMBOLIC_LINK'];
const EVENTTYPES = ['CLOCK', 'FD_READ', 'FD_WRITE'];
/** WASI's signal enumeration (proc_raise), by number. */

/** Bytes of a buffer shown in a trace line. */
export const SHOWN_BYTES = 32;
/** Bytes of a path shown. */
const PATH_SHOWN = 256;

/** `a|b|c` for the set bits of `v`; unknown bits in hex; 0 for none. */
export function flagNames(v: number, names: readonly string[]): string {
  v >>>= 0;
  if (v === 0) return '0';
  const out: string[] = [];
  for (let i = 0; i < names.length; i++) if (v & (1 << i)) out.push(names[i]!);
  const unknown = v & ~((2 ** names.length - 1) >>> 0);
  if (unknown !== 0) out.push(`0x${(unknown >>> 0).toString(16)}`);
  return out.join('|');
}

/** Rights as names; a set with most rights is shown as what it lacks (ALL&~(...)). */
export function rightsNames(v: bigint | number): string {
  const big = BigInt.asUintN(64, BigInt(v));
  const all = (1n << BigInt(RIGHTS.length)) - 1n;
  const extra = big & ~all;
  const known = Number(big & all);
  let text: string;
  if (known === Number(all)) text = 'ALL';
  else if (popcount(known) > RIGHTS.length / 2) text = `ALL&~(${flagNames(~known & Number(all), RIGHTS)})`;
  else text = flagNames(known, RIGHTS);
  return extra === 0n ? text : `${text}|0x${extra.toString(16)}`;
}

function popcount(v: number): number {
  let n = 0;
  for (; v !== 0; v &= v - 1) n++;
  return n;
}

function enumName(v: number, names: readonly string[]): string {
  return names[v] ?? String(v);
}

/** Bytes as a C string literal: printable ASCII kept, the rest escaped; cut after `limit` bytes. */
export function escapeBytes(b: Uint8Array, total = b.length, limit = SHOWN_BYTES): string {
  let s = '"';
  const n = Math.min(b.length, limit);
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0x22) s += '\\"';
    else if (c === 0x5c) s += '\\\\';
    else if (c === 0x0a) s += '\\n';
    else if (c === 0x09) s += '\\t';
    else if (c === 0x0d) s += '\\r';
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return s + (total > n ? '"...' : '"');
}

/** The program's memory as the tracer reads it: every read is checked, nothing here can throw. */
export class TraceMemory {
  private view: DataView;
  private u8: Uint8Array;
  constructor(memory: WebAssembly.Memory | undefined) {
    const b = memory?.buffer ?? new ArrayBuffer(0);
    this.view = new DataView(b);
    this.u8 = new Uint8Array(b);
  }
  ok(ptr: number, len: number): boolean { return ptr >= 0 && len >= 0 && ptr + len <= this.u8.length; }
  u32(ptr: number): number | undefined { return this.ok(ptr, 4) ? this.view.getUint32(ptr, true) : undefined; }
  u64(ptr: number): bigint | undefined { return this.ok(ptr, 8) ? this.view.getBigUint64(ptr, true) : undefined; }
  u8at(ptr: number): number | undefined { return this.ok(ptr, 1) ? this.u8[ptr] : undefined; }
  bytes(ptr: number, len: number): Uint8Array | undefined { return this.ok(ptr, len) ? this.u8.subarray(ptr, ptr + len) : undefined; }

  /** Up to `limit` bytes gathered from an iovec array (and the total length it describes). */
  gather(iovs: number, n: number, limit: number): { total: number; head: Uint8Array } | undefined {
    if (n > 1024 || !this.ok(iovs, n * 8)) return undefined;
    let total = 0;
    const head: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = this.view.getUint32(iovs + i * 8, true);
      const l = this.view.getUint32(iovs + i * 8 + 4, true);
      total += l;
      const b = this.bytes(p, Math.min(l, Math.max(0, limit - head.length)));
      if (b === undefined) return undefined;
      for (const c of b) head.push(c);
    }
    return { total, head: Uint8Array.from(head) };
  }
}

const hex = (v: number) => `0x${(v >>> 0).toString(16)}`;

/** One parameter before the call; undefined: not shown before (an output, or a pair's length). */
function showIn(kind: Kind, m: TraceMemory, a: readonly any[], i: number): string | undefined {
  const v = a[i];
  switch (kind) {
    case 'fd': case 'int': return String(v);
    case 'ptr': return hex(v);
    case 'i64': case 'ns': return String(v);
    case 'len': case 'out32': case 'out64': case 'outfd': case 'filestat': case 'fdstat': case 'prestat':
    case 'pathout': case 'events':
      return undefined;
    case 'path': {
      const len = a[i + 1] >>> 0;
      const b = m.bytes(v >>> 0, Math.min(len, PATH_SHOWN));
      return b === undefined ? `${hex(v)} (bad address)` : escapeBytes(b, len, PATH_SHOWN);
    }
    case 'ciovs': {
      const g = m.gather(v >>> 0, a[i + 1] >>> 0, SHOWN_BYTES);
      if (g === undefined) return `${hex(v)} (bad address)`;
      return `[${g.total} ${escapeBytes(g.head, g.total)}]`;
    }
    case 'iovs': {
      const g = m.gather(v >>> 0, a[i + 1] >>> 0, 0);
      return g === undefined ? `${hex(v)} (bad address)` : `[${g.total}]`;
    }
    case 'buf': return `[${a[i + 1] >>> 0}]`;
    case 'lookup': return flagNames(v, LOOKUP);
    case 'oflags': return flagNames(v, OFLAGS);
    case 'fdflags': return flagNames(v, FDFLAGS);
    case 'rights': return rightsNames(v);
    case 'whence': return enumName(v, WHENCE);
    case 'advice': return enumName(v, ADVICE);
    case 'fst': return flagNames(v, FSTFLAGS);
    case 'clock': return enumName(v, CLOCKS);
    case 'signal': return wasiSignalName(v) ?? String(v);
    case 'riflags': return flagNames(v, RIFLAGS);
    case 'siflags': return String(v);
    case 'sdflags': return flagNames(v, SDFLAGS);
    case 'subs': return subscriptions(m, v >>> 0, a[i + 2] >>> 0);
  }
}

/** poll_oneoff's subscriptions, briefly: [CLOCK MONOTONIC 1000000ns, FD_READ 0]. */
function subscriptions(m: TraceMemory, ptr: number, n: number): string {
  const out: string[] = [];
  for (let k = 0; k < Math.min(n, 8); k++) {
    const p = ptr + k * 48;
    const tag = m.u8at(p + 8);
    if (tag === undefined) return `${hex(ptr)} (bad address)`;
    if (tag === 0) {
      const flags = m.bytes(p + 40, 2);
      const abs = flags !== undefined && (flags[0]! & 1) !== 0 ? ' ABSTIME' : '';
      out.push(`CLOCK ${enumName(m.u32(p + 16)!, CLOCKS)} ${m.u64(p + 24)}ns${abs}`);
    } else {
      out.push(`${enumName(tag, EVENTTYPES)} ${m.u32(p + 16)}`);
    }
  }
  return `[${out.join(', ')}${n > 8 ? ', ...' : ''}]`;
}

/** One output parameter after a successful call; undefined: nothing to show. */
function showOut(kind: Kind, m: TraceMemory, a: readonly any[], i: number, name: string, outs: Map<string, unknown>): string | undefined {
  const v = typeof a[i] === 'number' ? a[i] >>> 0 : -1;
  switch (kind) {
    case 'out32': {
      const x = m.u32(v);
      outs.set(name, x);
      return `${name}=${x ?? '?'}`;
    }
    case 'out64': return `${name}=${m.u64(v) ?? '?'}`;
    case 'outfd': return `${name}=${m.u32(v) ?? '?'}`;
    case 'fdstat': {
      const type = m.u8at(v);
      const flags = m.bytes(v + 2, 2);
      if (type === undefined || flags === undefined) return undefined;
      return `{${enumName(type, FILETYPES)}, flags=${flagNames(flags[0]! | (flags[1]! << 8), FDFLAGS)}}`;
    }
    case 'filestat': {
      const type = m.u8at(v + 16);
      const size = m.u64(v + 32);
      if (type === undefined) return undefined;
      return `{${enumName(type, FILETYPES)}, size=${size}, ino=${m.u64(v + 8)}}`;
    }
    case 'prestat': return `{dir, name_len=${m.u32(v + 4) ?? '?'}}`;
    case 'pathout': {
      const b = m.bytes(v, a[i + 1] >>> 0);
      return b === undefined ? undefined : `${name}=${escapeBytes(b)}`;
    }
    case 'events': {
      const x = m.u32(v);
      return `${name}=${x ?? '?'}`;
    }
    default: return undefined;
  }
}

/** The text of a WASI call's parameters, before the call. */
export function formatWasiArgs(name: string, m: TraceMemory, args: readonly any[]): string {
  const params = WASI_SPECS.get(name)?.params ?? [];
  const parts: string[] = [];
  for (let i = 0; i < params.length; i++) {
    const s = showIn(params[i]!.kind, m, args, i);
    if (s !== undefined) parts.push(`${params[i]!.name}=${s}`);
  }
  return parts.join(', ');
}

/** What a WASI call wrote back (shown after "→"), for a call that succeeded. */
export function formatWasiOutputs(name: string, m: TraceMemory, args: readonly any[]): string {
  const params = WASI_SPECS.get(name)?.params ?? [];
  const parts: string[] = [];
  const outs = new Map<string, unknown>();
  for (let i = 0; i < params.length; i++) {
    const s = showOut(params[i]!.kind, m, args, i, params[i]!.name, outs);
    if (s !== undefined) parts.push(s);
  }
  // Data that arrived: the first bytes of what was read, or of the link a readlink returned.
  if (name === 'fd_read' || name === 'fd_pread' || name === 'sock_recv') {
    const n = outs.get(name === 'sock_recv' ? 'ro_datalen' : 'nread');
    if (typeof n === 'number' && n > 0) {
      const g = m.gather(args[1] >>> 0, args[2] >>> 0, Math.min(n, SHOWN_BYTES));
      if (g !== undefined) parts.push(escapeBytes(g.head, n));
    }
  } else if (name === 'path_readlink') {
    const n = outs.get('bufused');
    const b = typeof n === 'number' ? m.bytes(args[3] >>> 0, n) : undefined;
    if (b !== undefined) parts.push(escapeBytes(b));
  }
  return parts.join(', ');
}

/** A WASI result: 0 or the errno's name. */
export function formatWasiResult(r: number): string {
  return r === 0 ? '0' : `${errnoName(r)} (${r})`;
}

/** An l4posix call: its arguments as numbers (these calls take scalars) and its result. */
export function formatL4posixCall(args: readonly any[]): string {
  return args.map((a) => String(a)).join(', ');
}

/** An l4posix result: a value, or for a negative errno -1 and the errno's name. */
export function formatL4posixResult(r: number): string {
  return r < 0 && r >= -76 ? `-1 ${errnoName(-r)}` : String(r);
}

/** A duration in a unit that keeps it short. */
export function formatDuration(ms: number): string {
  const us = ms * 1000;
  if (us < 10) return `${us.toFixed(1)}µs`;
  if (us < 10_000) return `${Math.round(us)}µs`;
  if (us < 10_000_000) return `${(us / 1000).toFixed(1)}ms`;
  return `${(us / 1e6).toFixed(2)}s`;
}

/** The Linux-style name of a (Linux-numbered) signal, for exit lines. */
export function linuxSignalName(sig: number): string {
  return knownSignalName(sig) ?? `signal ${sig}`;
}
