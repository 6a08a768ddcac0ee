import { Errno } from "../errno.js";
import { FdFlags, Rights } from "./abi.js";
import { PAGE_SIZE, Placement, SPACE_END, readFully } from "./address_space.js";
import { MAP_KNOWN, Madv, MapFlag, MsFlag, PROT_RWX, Prot } from "./posix_abi.js";
import { posixState } from "./posix_state.js";
import { coherenceFor } from "./shared_mappings.js";
import { Description } from "./fdtable.js";
import { AnonymousMemory } from "../vfs/anonymous_memory.js";
import { FileType } from "../vfs/types.js";
function pageLength(len) {
  const n = Math.ceil(len / PAGE_SIZE) * PAGE_SIZE;
  return n > SPACE_END ? -1 : n;
}
function range(addr, len) {
  if (addr % PAGE_SIZE !== 0) return -Errno.EINVAL;
  const n = pageLength(len);
  if (n < 0 || addr + n > SPACE_END) return -Errno.ENOMEM;
  return [addr, addr + n];
}
const KNOWN_ADVICE = /* @__PURE__ */ new Set([
  Madv.NORMAL,
  Madv.RANDOM,
  Madv.SEQUENTIAL,
  Madv.WILLNEED,
  Madv.DONTNEED,
  Madv.FREE,
  Madv.REMOVE,
  Madv.DONTFORK,
  Madv.DOFORK,
  Madv.MERGEABLE,
  Madv.UNMERGEABLE,
  Madv.HUGEPAGE,
  Madv.NOHUGEPAGE,
  Madv.DONTDUMP,
  Madv.DODUMP,
  Madv.WIPEONFORK,
  Madv.KEEPONFORK,
  Madv.COLD,
  Madv.PAGEOUT
]);
function mapShared(c, file, ds, req, offset, out) {
  if (!req.shared) return -Errno.EINVAL;
  const port = c.l4;
  const as = c.addressSpace;
  if (port === void 0 || as === void 0) return -Errno.ENOSYS;
  const pos = Number(offset);
  if (pos + req.size > ds.size) return -Errno.ENXIO;
  const at = as.map(
    { placement: req.placement, addr: req.addr, size: req.size, prot: req.prot, backing: { kind: "shared", ds }, offset: pos },
    (dst) => {
      dst.set(ds.bytes.subarray(pos, pos + req.size));
      return 0;
    }
  );
  if (at < 0) return at;
  const w = port.trackWindow(() => c.memory, ds, at, req.size, pos);
  file.addWindow?.(w);
  const mem = posixState(c).mem;
  mem.refresh();
  mem.view.setUint32(out, at, true);
  return 0;
}
const memCalls = {
  /**
   * mmap(addr, len, prot, flags, fd, offset) -> 0 with the address at `out`, or -errno: EINVAL for
   * a zero length, an unaligned offset or MAP_FIXED address, no or both of MAP_SHARED/MAP_PRIVATE;
   * EBADF, EACCES (not open for reading; MAP_SHARED with PROT_WRITE on a descriptor not open for
   * writing or open for appending), ENODEV (not a regular file); ENOMEM when the address space
   * (or RLIMIT_AS) is full.
   */
  mmap(c, addr, len, prot, flags, fd, offset, out) {
    addr >>>= 0;
    len >>>= 0;
    out >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    if (!mem.ok(out, 4)) return -Errno.EFAULT;
    const as = c.addressSpace;
    if (as === void 0) return -Errno.ENOSYS;
    if (len === 0) return -Errno.EINVAL;
    if (offset < 0n || offset % BigInt(PAGE_SIZE) !== 0n) return -Errno.EINVAL;
    const type = flags & MapFlag.TYPE;
    if (type !== MapFlag.SHARED && type !== MapFlag.PRIVATE && type !== MapFlag.SHARED_VALIDATE) return -Errno.EINVAL;
    if (type === MapFlag.SHARED_VALIDATE && (flags & ~MAP_KNOWN) !== 0) return -Errno.ENOTSUP;
    if ((prot & ~PROT_RWX) !== 0) return -Errno.EINVAL;
    const size = pageLength(len);
    if (size < 0) return -Errno.ENOMEM;
    const fixed = (flags & (MapFlag.FIXED | MapFlag.FIXED_NOREPLACE)) !== 0;
    if (fixed && addr % PAGE_SIZE !== 0) return -Errno.EINVAL;
    const placement = (flags & MapFlag.FIXED_NOREPLACE) !== 0 ? Placement.NoReplace : (flags & MapFlag.FIXED) !== 0 ? Placement.Fixed : Placement.Anywhere;
    const shared = type !== MapFlag.PRIVATE;
    let backing;
    let fill;
    let romOffset = 0;
    if ((flags & MapFlag.ANONYMOUS) !== 0 && shared) {
      const desc = new Description(new AnonymousMemory(size), 0);
      backing = { kind: "file", desc, fileOffset: 0, shared: true, writable: true, coherence: coherenceFor(c.vfs, desc) };
    } else if ((flags & MapFlag.ANONYMOUS) !== 0) {
      backing = { kind: "anon" };
    } else {
      const e = c.fds.get(fd);
      if (e === void 0) return -Errno.EBADF;
      const shm = e.file.sharedDataspace?.();
      if (shm !== void 0) return mapShared(c, e.file, shm, { placement, addr, size, prot, shared }, offset, out);
      if (e.file.type !== FileType.RegularFile) return -Errno.ENODEV;
      const writable = (e.rightsBase & Rights.FD_WRITE) !== 0;
      if ((e.rightsBase & Rights.FD_READ) === 0) return -Errno.EACCES;
      if (shared && (prot & Prot.WRITE) !== 0 && (!writable || (e.desc.flags & FdFlags.APPEND) !== 0)) {
        return -Errno.EACCES;
      }
      const pos = Number(offset);
      if (!Number.isSafeInteger(pos + size)) return -Errno.EOVERFLOW;
      const rom = e.file.dataspace?.();
      if (rom !== void 0) {
        if (pos + size > SPACE_END) return -Errno.EOVERFLOW;
        backing = { kind: "rom", ds: rom };
        romOffset = pos;
        fill = (dst) => {
          rom.read(pos, dst);
          return 0;
        };
      } else {
        const desc = e.desc;
        backing = { kind: "file", desc, fileOffset: pos, shared, writable };
        if (shared) backing.coherence = coherenceFor(c.vfs, desc);
        fill = (dst) => {
          const r = readFully(desc, dst, pos);
          return r < 0 ? r : 0;
        };
      }
    }
    const at = as.map({ placement, addr, size, prot, backing, offset: romOffset }, fill);
    if (at < 0) {
      if (backing.kind === "file") backing.coherence?.release();
      return at;
    }
    mem.refresh();
    mem.view.setUint32(out, at, true);
    return 0;
  },
  /** munmap: 0, or -EINVAL (unaligned address, zero length). Unmapped pages in the range are fine. */
  munmap(c, addr, len) {
    addr >>>= 0;
    len >>>= 0;
    const as = c.addressSpace;
    if (as === void 0) return -Errno.ENOSYS;
    if (len === 0) return -Errno.EINVAL;
    const r = range(addr, len);
    if (typeof r === "number") return -Errno.EINVAL;
    as.account();
    as.unmap(r[0], r[1] - r[0]);
    return 0;
  },
  /**
   * mprotect: records the protection (wasm cannot enforce it). -EINVAL for an unaligned address or
   * unknown bits, -ENOMEM when part of the range is not mapped, -EACCES for PROT_WRITE on a shared
   * mapping of a file not open for writing.
   */
  mprotect(c, addr, len, prot) {
    addr >>>= 0;
    len >>>= 0;
    const as = c.addressSpace;
    if (as === void 0) return -Errno.ENOSYS;
    if ((prot & ~(PROT_RWX | Prot.GROWSDOWN | Prot.GROWSUP)) !== 0) return -Errno.EINVAL;
    const r = range(addr, len);
    if (typeof r === "number") return r;
    if (r[0] === r[1]) return 0;
    return as.protect(r[0], r[1] - r[0], prot & PROT_RWX, (prot & Prot.WRITE) !== 0);
  },
  /** msync: writes MAP_SHARED file mappings back. -EINVAL for bad flags or address, -ENOMEM for unmapped pages. */
  msync(c, addr, len, flags) {
    addr >>>= 0;
    len >>>= 0;
    const as = c.addressSpace;
    if (as === void 0) return -Errno.ENOSYS;
    if ((flags & ~(MsFlag.ASYNC | MsFlag.INVALIDATE | MsFlag.SYNC)) !== 0) return -Errno.EINVAL;
    if ((flags & MsFlag.ASYNC) !== 0 && (flags & MsFlag.SYNC) !== 0) return -Errno.EINVAL;
    const r = range(addr, len);
    if (typeof r === "number") return r;
    if (r[0] === r[1]) return 0;
    return as.sync(r[0], r[1] - r[0]);
  },
  /**
   * madvise: MADV_DONTNEED makes the range read afresh (zeros for anonymous memory, the file for
   * file mappings); the other advice is accepted. -EINVAL for unknown advice or an unaligned
   * address, -ENOMEM for unmapped pages.
   */
  madvise(c, addr, len, advice) {
    addr >>>= 0;
    len >>>= 0;
    const as = c.addressSpace;
    if (as === void 0) return -Errno.ENOSYS;
    if (!KNOWN_ADVICE.has(advice)) return -Errno.EINVAL;
    const r = range(addr, len);
    if (typeof r === "number") return r;
    if (r[0] === r[1]) return 0;
    if (advice === Madv.DONTNEED) return as.discard(r[0], r[1] - r[0]);
    return as.mapped(r[0], r[1]) ? 0 : -Errno.ENOMEM;
  }
};
export {
  memCalls
};
