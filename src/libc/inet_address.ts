// Internet socket addresses on the machine's loopback network. The guest has no network interface
// but lo: an internet socket reaches the sockets of this machine's processes through 127.0.0.0/8
// and ::1 (and the any-addresses, which mean this host as on Linux). sockaddr_in and sockaddr_in6
// as wasi-libc lays them out (wasm32): family u16 (its AF_INET 1, AF_INET6 2), the port in network
// order, then the IPv4 address; or flowinfo, the 16 bytes of the IPv6 address and scope_id.
import { Errno } from '../errno.js';
import type { GuestMemory } from './abi.js';
import { writeAddress, writeSockaddr } from './unix_address.js';

export const AF_INET = 1;
export const AF_INET6 = 2;
/** sizeof(struct sockaddr_in), sizeof(struct sockaddr_in6); Linux takes an in6 of 24 bytes (without scope_id). */
export const SOCKADDR_IN = 16;
export const SOCKADDR_IN6 = 28;
const SOCKADDR_IN6_MIN = 24;

export type InetFamily = 'inet' | 'inet6';

/** An address a program gave: its family, the IP address's bytes (4 or 16) and the port. */
export interface InetAddress { family: InetFamily; ip: Uint8Array; port: number }

/** The first port Linux picks for an unbound socket (net.ipv4.ip_local_port_range), and the last. */
const EPHEMERAL_FIRST = 32768;
const EPHEMERAL_LAST = 60999;

/**
 * The address at (ptr, len) for a socket of `family`: -EAFNOSUPPORT for another family (an
 * AF_INET6 socket takes AF_INET's too, as a v4-mapped address), -EINVAL for a short length, -EFAULT.
 */
export function readInet(mem: GuestMemory, ptr: number, len: number, family: InetFamily): InetAddress | number {
  if (len < 2) return -Errno.EINVAL;
  if (!mem.ok(ptr, 2)) return -Errno.EFAULT;
  const af = mem.view.getUint16(ptr, true);
  if (af === AF_INET && family === 'inet') {
    if (len < SOCKADDR_IN) return -Errno.EINVAL;
    if (!mem.ok(ptr, SOCKADDR_IN)) return -Errno.EFAULT;
    return { family: 'inet', ip: mem.u8.slice(ptr + 4, ptr + 8), port: mem.view.getUint16(ptr + 2, false) };
  }
  if (af === AF_INET6 && family === 'inet6') {
    if (len < SOCKADDR_IN6_MIN) return -Errno.EINVAL;
    if (!mem.ok(ptr, SOCKADDR_IN6_MIN)) return -Errno.EFAULT;
    return { family: 'inet6', ip: mem.u8.slice(ptr + 8, ptr + 24), port: mem.view.getUint16(ptr + 2, false) };
  }
  return -Errno.EAFNOSUPPORT;
}

/** The address in `family`: an IPv4 address in an IPv6 socket's is v4-mapped (::ffff:a.b.c.d), and back. */
function ipIn(ip: Uint8Array, family: InetFamily): Uint8Array {
  if (family === 'inet6' && ip.length === 4) return new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...ip]);
  if (family === 'inet' && ip.length === 16) return isV4Mapped(ip) ? ip.slice(12) : new Uint8Array([127, 0, 0, 1]);
  return ip;
}

function isV4Mapped(ip: Uint8Array): boolean {
  return ip.length === 16 && ip.subarray(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff;
}

/** A sockaddr_in / sockaddr_in6 of (ip, port) in `family`. */
export function encodeInet(family: InetFamily, ip: Uint8Array, port: number): Uint8Array {
  const out = new Uint8Array(family === 'inet' ? SOCKADDR_IN : SOCKADDR_IN6);
  const v = new DataView(out.buffer);
  v.setUint16(0, family === 'inet' ? AF_INET : AF_INET6, true);
  v.setUint16(2, port, false);
  out.set(ipIn(ip, family), family === 'inet' ? 4 : 8);
  return out;
}

/** A sockaddr (as encodeInet made it, in either family) seen by a socket of `family`. */
export function inetAs(name: Uint8Array, family: InetFamily): Uint8Array {
  const { ip, port } = decodeInet(name);
  return encodeInet(family, ip, port);
}

function decodeInet(name: Uint8Array): { ip: Uint8Array; port: number } {
  const v = new DataView(name.buffer, name.byteOffset, name.byteLength);
  const v4 = v.getUint16(0, true) === AF_INET;
  return { ip: v4 ? name.slice(4, 8) : name.slice(8, 24), port: v.getUint16(2, false) };
}

/** The port of an encoded address. */
export function portOf(name: Uint8Array): number { return decodeInet(name).port; }

/** This host's loopback address in `family`: 127.0.0.1 or ::1. */
export function loopback(family: InetFamily): Uint8Array {
  return family === 'inet' ? new Uint8Array([127, 0, 0, 1]) : new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
}

/** The any-address (INADDR_ANY, in6addr_any). */
export function isAny(ip: Uint8Array): boolean { return ip.every((b) => b === 0); }

/** An address of this host: the any-address, 127.0.0.0/8, ::1, or a v4-mapped loopback address. */
export function isLocal(ip: Uint8Array): boolean {
  if (isAny(ip)) return true;
  if (ip.length === 4) return ip[0] === 127;
  if (isV4Mapped(ip)) return ip[12] === 127;
  return ip.subarray(0, 15).every((b) => b === 0) && ip[15] === 1;
}

/** Where a connection to `ip` arrives: the address itself, the any-address meaning loopback (Linux). */
export function destination(ip: Uint8Array, family: InetFamily): Uint8Array {
  return isAny(ip) ? loopback(family) : ip;
}

/** The ports table's key of a port. */
export function portKey(stream: boolean, port: number): string { return `${stream ? 'tcp' : 'udp'}:${port}`; }

/** The next free ephemeral port for `stream` (TCP) or datagram (UDP) sockets, or -EADDRINUSE. */
let nextEphemeral = EPHEMERAL_FIRST;
export function ephemeralPort(ports: ReadonlyMap<string, object>, stream: boolean): number {
  const span = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
  for (let i = 0; i < span; i++) {
    const port = EPHEMERAL_FIRST + ((nextEphemeral - EPHEMERAL_FIRST + i) % span);
    if (!ports.has(portKey(stream, port))) {
      nextEphemeral = port + 1 > EPHEMERAL_LAST ? EPHEMERAL_FIRST : port + 1;
      return port;
    }
  }
  return -Errno.EADDRINUSE;
}

/**
 * A socket's name as getsockname, getpeername, accept and recvfrom report it (at most *lenPtr
 * bytes at addrPtr, *lenPtr its whole length): AF_UNIX's form, or an internet socket's sockaddr
 * in its own family (unbound: the any-address and port 0, as Linux). -EINVAL, -EFAULT.
 */
export function writeName(mem: GuestMemory, addrPtr: number, lenPtr: number, family: 'unix' | InetFamily, name: Uint8Array | undefined): number {
  if (family === 'unix') return writeAddress(mem, addrPtr, lenPtr, name);
  return writeSockaddr(mem, addrPtr, lenPtr, name === undefined ? encodeInet(family, new Uint8Array(family === 'inet' ? 4 : 16), 0) : inetAs(name, family));
}
