import { knownSignalName, wasiSignalName } from "./signals.js";
import { errnoName } from "../errno.js";
import { WASI_SPECS } from "../libc/syscalls/index.js";
const RIGHTS = [
  "FD_DATASYNC",
  "FD_READ",
  "FD_SEEK",
  "FD_FDSTAT_SET_FLAGS",
  "FD_SYNC",
  "FD_TELL",
  "FD_WRITE",
  "FD_ADVISE",
  "FD_ALLOCATE",
  "PATH_CREATE_DIRECTORY",
  "PATH_CREATE_FILE",
  "PATH_LINK_SOURCE",
  "PATH_LINK_TARGET",
  "PATH_OPEN",
  "FD_READDIR",
  "PATH_READLINK",
  "PATH_RENAME_SOURCE",
  "PATH_RENAME_TARGET",
  "PATH_FILESTAT_GET",
  "PATH_FILESTAT_SET_SIZE",
  "PATH_FILESTAT_SET_TIMES",
  "FD_FILESTAT_GET",
  "FD_FILESTAT_SET_SIZE",
  "FD_FILESTAT_SET_TIMES",
  "PATH_SYMLINK",
  "PATH_REMOVE_DIRECTORY",
  "PATH_UNLINK_FILE",
  "POLL_FD_READWRITE",
  "SOCK_SHUTDOWN",
  "SOCK_ACCEPT"
];
const OFLAGS = ["CREAT", "DIRECTORY", "EXCL", "TRUNC"];
const FDFLAGS = ["APPEND", "DSYNC", "NONBLOCK", "RSYNC", "SYNC"];
const FSTFLAGS = ["ATIM", "ATIM_NOW", "MTIM", "MTIM_NOW"];
const LOOKUP = ["SYMLINK_FOLLOW"];
const RIFLAGS = ["RECV_PEEK", "RECV_WAITALL"];
const SDFLAGS = ["RD", "WR"];
const WHENCE = ["SET", "CUR", "END"];
const ADVICE = ["NORMAL", "SEQUENTIAL", "RANDOM", "WILLNEED", "DONTNEED", "NOREUSE"];
const CLOCKS = ["REALTIME", "MONOTONIC", "PROCESS_CPUTIME_ID", "THREAD_CPUTIME_ID"];
const FILETYPES = [
  "UNKNOWN",
  "BLOCK_DEVICE",
  "CHARACTER_DEVICE",
  "DIRECTORY",
  "REGULAR_FILE",
  "SOCKET_DGRAM",
  "SOCKET_STREAM",
  "SYMBOLIC_LINK"
];
const EVENTTYPES = ["CLOCK", "FD_READ", "FD_WRITE"];
const SHOWN_BYTES = 32;
const PATH_SHOWN = 256;
function flagNames(v, names) {
  v >>>= 0;
  if (v === 0) return "0";
  const out = [];
  for (let i = 0; i < names.length; i++) if (v & 1 << i) out.push(names[i]);
  const unknown = v & ~(2 ** names.length - 1 >>> 0);
  if (unknown !== 0) out.push(`0x${(unknown >>> 0).toString(16)}`);
  return out.join("|");
}
function rightsNames(v) {
  const big = BigInt.asUintN(64, BigInt(v));
  const all = (1n << BigInt(RIGHTS.length)) - 1n;
  const extra = big & ~all;
  const known = Number(big & all);
  let text;
  if (known === Number(all)) text = "ALL";
  else if (popcount(known) > RIGHTS.length / 2) text = `ALL&~(${flagNames(~known & Number(all), RIGHTS)})`;
  else text = flagNames(known, RIGHTS);
  return extra === 0n ? text : `${text}|0x${extra.toString(16)}`;
}
function popcount(v) {
  let n = 0;
  for (; v !== 0; v &= v - 1) n++;
  return n;
}
function enumName(v, names) {
  return names[v] ?? String(v);
}
function escapeBytes(b, total = b.length, limit = SHOWN_BYTES) {
  let s = '"';
  const n = Math.min(b.length, limit);
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 34) s += '\\"';
    else if (c === 92) s += "\\\\";
    else if (c === 10) s += "\\n";
    else if (c === 9) s += "\\t";
    else if (c === 13) s += "\\r";
    else if (c >= 32 && c < 127) s += String.fromCharCode(c);
    else s += `\\x${c.toString(16).padStart(2, "0")}`;
  }
  return s + (total > n ? '"...' : '"');
}
class TraceMemory {
  view;
  u8;
  constructor(memory) {
    const b = memory?.buffer ?? new ArrayBuffer(0);
    this.view = new DataView(b);
    this.u8 = new Uint8Array(b);
  }
  ok(ptr, len) {
    return ptr >= 0 && len >= 0 && ptr + len <= this.u8.length;
  }
  u32(ptr) {
    return this.ok(ptr, 4) ? this.view.getUint32(ptr, true) : void 0;
  }
  u64(ptr) {
    return this.ok(ptr, 8) ? this.view.getBigUint64(ptr, true) : void 0;
  }
  u8at(ptr) {
    return this.ok(ptr, 1) ? this.u8[ptr] : void 0;
  }
  bytes(ptr, len) {
    return this.ok(ptr, len) ? this.u8.subarray(ptr, ptr + len) : void 0;
  }
  /** Up to `limit` bytes gathered from an iovec array (and the total length it describes). */
  gather(iovs, n, limit) {
    if (n > 1024 || !this.ok(iovs, n * 8)) return void 0;
    let total = 0;
    const head = [];
    for (let i = 0; i < n; i++) {
      const p = this.view.getUint32(iovs + i * 8, true);
      const l = this.view.getUint32(iovs + i * 8 + 4, true);
      total += l;
      const b = this.bytes(p, Math.min(l, Math.max(0, limit - head.length)));
      if (b === void 0) return void 0;
      for (const c of b) head.push(c);
    }
    return { total, head: Uint8Array.from(head) };
  }
}
const hex = (v) => `0x${(v >>> 0).toString(16)}`;
function showIn(kind, m, a, i) {
  const v = a[i];
  switch (kind) {
    case "fd":
    case "int":
      return String(v);
    case "ptr":
      return hex(v);
    case "i64":
    case "ns":
      return String(v);
    case "len":
    case "out32":
    case "out64":
    case "outfd":
    case "filestat":
    case "fdstat":
    case "prestat":
    case "pathout":
    case "events":
      return void 0;
    case "path": {
      const len = a[i + 1] >>> 0;
      const b = m.bytes(v >>> 0, Math.min(len, PATH_SHOWN));
      return b === void 0 ? `${hex(v)} (bad address)` : escapeBytes(b, len, PATH_SHOWN);
    }
    case "ciovs": {
      const g = m.gather(v >>> 0, a[i + 1] >>> 0, SHOWN_BYTES);
      if (g === void 0) return `${hex(v)} (bad address)`;
      return `[${g.total} ${escapeBytes(g.head, g.total)}]`;
    }
    case "iovs": {
      const g = m.gather(v >>> 0, a[i + 1] >>> 0, 0);
      return g === void 0 ? `${hex(v)} (bad address)` : `[${g.total}]`;
    }
    case "buf":
      return `[${a[i + 1] >>> 0}]`;
    case "lookup":
      return flagNames(v, LOOKUP);
    case "oflags":
      return flagNames(v, OFLAGS);
    case "fdflags":
      return flagNames(v, FDFLAGS);
    case "rights":
      return rightsNames(v);
    case "whence":
      return enumName(v, WHENCE);
    case "advice":
      return enumName(v, ADVICE);
    case "fst":
      return flagNames(v, FSTFLAGS);
    case "clock":
      return enumName(v, CLOCKS);
    case "signal":
      return wasiSignalName(v) ?? String(v);
    case "riflags":
      return flagNames(v, RIFLAGS);
    case "siflags":
      return String(v);
    case "sdflags":
      return flagNames(v, SDFLAGS);
    case "subs":
      return subscriptions(m, v >>> 0, a[i + 2] >>> 0);
  }
}
function subscriptions(m, ptr, n) {
  const out = [];
  for (let k = 0; k < Math.min(n, 8); k++) {
    const p = ptr + k * 48;
    const tag = m.u8at(p + 8);
    if (tag === void 0) return `${hex(ptr)} (bad address)`;
    if (tag === 0) {
      const flags = m.bytes(p + 40, 2);
      const abs = flags !== void 0 && (flags[0] & 1) !== 0 ? " ABSTIME" : "";
      out.push(`CLOCK ${enumName(m.u32(p + 16), CLOCKS)} ${m.u64(p + 24)}ns${abs}`);
    } else {
      out.push(`${enumName(tag, EVENTTYPES)} ${m.u32(p + 16)}`);
    }
  }
  return `[${out.join(", ")}${n > 8 ? ", ..." : ""}]`;
}
function showOut(kind, m, a, i, name, outs) {
  const v = typeof a[i] === "number" ? a[i] >>> 0 : -1;
  switch (kind) {
    case "out32": {
      const x = m.u32(v);
      outs.set(name, x);
      return `${name}=${x ?? "?"}`;
    }
    case "out64":
      return `${name}=${m.u64(v) ?? "?"}`;
    case "outfd":
      return `${name}=${m.u32(v) ?? "?"}`;
    case "fdstat": {
      const type = m.u8at(v);
      const flags = m.bytes(v + 2, 2);
      if (type === void 0 || flags === void 0) return void 0;
      return `{${enumName(type, FILETYPES)}, flags=${flagNames(flags[0] | flags[1] << 8, FDFLAGS)}}`;
    }
    case "filestat": {
      const type = m.u8at(v + 16);
      const size = m.u64(v + 32);
      if (type === void 0) return void 0;
      return `{${enumName(type, FILETYPES)}, size=${size}, ino=${m.u64(v + 8)}}`;
    }
    case "prestat":
      return `{dir, name_len=${m.u32(v + 4) ?? "?"}}`;
    case "pathout": {
      const b = m.bytes(v, a[i + 1] >>> 0);
      return b === void 0 ? void 0 : `${name}=${escapeBytes(b)}`;
    }
    case "events": {
      const x = m.u32(v);
      return `${name}=${x ?? "?"}`;
    }
    default:
      return void 0;
  }
}
function formatWasiArgs(name, m, args) {
  const params = WASI_SPECS.get(name)?.params ?? [];
  const parts = [];
  for (let i = 0; i < params.length; i++) {
    const s = showIn(params[i].kind, m, args, i);
    if (s !== void 0) parts.push(`${params[i].name}=${s}`);
  }
  return parts.join(", ");
}
function formatWasiOutputs(name, m, args) {
  const params = WASI_SPECS.get(name)?.params ?? [];
  const parts = [];
  const outs = /* @__PURE__ */ new Map();
  for (let i = 0; i < params.length; i++) {
    const s = showOut(params[i].kind, m, args, i, params[i].name, outs);
    if (s !== void 0) parts.push(s);
  }
  if (name === "fd_read" || name === "fd_pread" || name === "sock_recv") {
    const n = outs.get(name === "sock_recv" ? "ro_datalen" : "nread");
    if (typeof n === "number" && n > 0) {
      const g = m.gather(args[1] >>> 0, args[2] >>> 0, Math.min(n, SHOWN_BYTES));
      if (g !== void 0) parts.push(escapeBytes(g.head, n));
    }
  } else if (name === "path_readlink") {
    const n = outs.get("bufused");
    const b = typeof n === "number" ? m.bytes(args[3] >>> 0, n) : void 0;
    if (b !== void 0) parts.push(escapeBytes(b));
  }
  return parts.join(", ");
}
function formatWasiResult(r) {
  return r === 0 ? "0" : `${errnoName(r)} (${r})`;
}
function formatL4posixCall(args) {
  return args.map((a) => String(a)).join(", ");
}
function formatL4posixResult(r) {
  return r < 0 && r >= -76 ? `-1 ${errnoName(-r)}` : String(r);
}
function formatDuration(ms) {
  const us = ms * 1e3;
  if (us < 10) return `${us.toFixed(1)}\xB5s`;
  if (us < 1e4) return `${Math.round(us)}\xB5s`;
  if (us < 1e7) return `${(us / 1e3).toFixed(1)}ms`;
  return `${(us / 1e6).toFixed(2)}s`;
}
function linuxSignalName(sig) {
  return knownSignalName(sig) ?? `signal ${sig}`;
}
export {
  SHOWN_BYTES,
  TraceMemory,
  escapeBytes,
  flagNames,
  formatDuration,
  formatL4posixCall,
  formatL4posixResult,
  formatWasiArgs,
  formatWasiOutputs,
  formatWasiResult,
  linuxSignalName,
  rightsNames
};
