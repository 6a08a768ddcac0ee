// An epoll instance's interest list, kept by the host beside the instance's descriptor object (an
// EventFd marked epoll), so that every descriptor of the instance (dup'ed, or inherited across
// fork) reaches the one list, as on Linux. Entries hold the open file description they were added
// with: one stays while that description is open anywhere, and goes with its last descriptor.
// Edge-triggered entries report a readiness once, then again only after the file changed: a
// subscription to the file counts its changes. The instance's descriptor is readable while an
// entry has an event to report, so poll sees it and another instance may watch it.
import type { OpenFile } from '../vfs/types.js';
import type { EpollEvents } from '../vfs/eventfd.js';
import type { Description } from './fdtable.js';
import { Poll, pollEvents } from './l4posix_ppoll.js';

/** <sys/epoll.h>'s bits. */
export const enum Epoll {
  IN = 0x001, PRI = 0x002, OUT = 0x004, ERR = 0x008, HUP = 0x010, RDNORM = 0x040, RDBAND = 0x080,
  WRNORM = 0x100, WRBAND = 0x200, RDHUP = 0x2000, EXCLUSIVE = 1 << 28, WAKEUP = 1 << 29, ONESHOT = 1 << 30, ET = 1 << 31,
}
/** The events that mean the same for epoll and poll, and those reported whether asked for or not. */
const POLLABLE = Epoll.IN | Epoll.PRI | Epoll.OUT | Epoll.RDNORM | Epoll.RDBAND | Epoll.WRNORM | Epoll.WRBAND | Epoll.RDHUP;
const ALWAYS = Epoll.ERR | Epoll.HUP;

export interface Interest {
  readonly fd: number;
  readonly desc: Description;
  readonly rightsBase: number;
  events: number;
  /** epoll_data_t, as its two 32-bit halves. */
  dataLo: number;
  dataHi: number;
  /** EPOLLONESHOT reported, until EPOLL_CTL_MOD. */
  disabled: boolean;
  /** Changes of the file counted (edge-triggered entries), and the count at the last report (-1: none yet). */
  changes: number;
  reportedAt: number;
  cancel: (() => void) | undefined;
}

/** epoll's request bits as poll's. */
function toPoll(ev: number): number {
  let p = 0;
  if ((ev & (Epoll.IN | Epoll.RDNORM)) !== 0) p |= Poll.IN;
  if ((ev & (Epoll.OUT | Epoll.WRNORM)) !== 0) p |= Poll.OUT;
  if ((ev & (Epoll.PRI | Epoll.RDBAND)) !== 0) p |= Poll.PRI;
  return p;
}

/** What poll found, as the epoll bits the entry asked for (errors and hang-ups always). */
function fromPoll(r: number, asked: number): number {
  let e = 0;
  if ((r & Poll.IN) !== 0) e |= Epoll.IN | Epoll.RDNORM;
  if ((r & Poll.OUT) !== 0) e |= Epoll.OUT | Epoll.WRNORM;
  if ((r & Poll.PRI) !== 0) e |= Epoll.PRI | Epoll.RDBAND;
  if ((r & Poll.HUP) !== 0) e |= Epoll.HUP | Epoll.RDHUP;
  if ((r & Poll.ERR) !== 0) e |= Epoll.ERR;
  return e & ((asked & POLLABLE) | ALWAYS);
}

export class EpollInstance implements EpollEvents {
  readonly interests: Interest[] = [];
  /** Where the next wait starts looking, so that no ready entry starves. */
  private next = 0;

  find(fd: number, desc: Description): Interest | undefined {
    return this.interests.find((i) => i.fd === fd && i.desc === desc);
  }

  add(fd: number, desc: Description, rightsBase: number, events: number, dataLo: number, dataHi: number): void {
    this.interests.push({
      fd, desc, rightsBase, events, dataLo, dataHi, disabled: false, changes: 0, reportedAt: -1, cancel: undefined,
    });
  }

  /** EPOLL_CTL_MOD: the new events and data; the entry is armed again and reports a present readiness anew. */
  modify(i: Interest, events: number, dataLo: number, dataHi: number): void {
    i.events = events;
    i.dataLo = dataLo;
    i.dataHi = dataHi;
    i.disabled = false;
    i.reportedAt = -1;
  }

  remove(i: Interest): void {
    i.cancel?.();
    this.interests.splice(this.interests.indexOf(i), 1);
    this.next = 0;
  }

  /** Drops the entries whose open file description was closed everywhere (Linux: with its last descriptor). */
  private dropClosed(): void {
    for (let k = this.interests.length - 1; k >= 0; k--) {
      if (this.interests[k]!.desc.refs <= 0) this.remove(this.interests[k]!);
    }
  }

  /**
   * Up to `max` ready entries in round-robin order, handed to `report` (events, data halves); an
   * EPOLLONESHOT entry is disabled once reported. Returns the count and the files to wait on
   * when it is 0.
   */
  collect(max: number, report: (events: number, dataLo: number, dataHi: number) => void):
    { count: number; files: { file: OpenFile; events: 'read' | 'write' }[] } {
    this.dropClosed();
    const n = this.interests.length;
    const files: { file: OpenFile; events: 'read' | 'write' }[] = [];
    let count = 0;
    let last = -1;
    for (let k = 0; k < n && count < max; k++) {
      const i = this.interests[(this.next + k) % n]!;
      if (i.disabled) continue;
      const file = i.desc.file;
      const edge = (i.events & Epoll.ET) !== 0;
      if (edge) this.watch(i);
      const asked = toPoll(i.events);
      const ev = fromPoll(pollEvents(file, i.rightsBase, asked), i.events);
      if (ev === 0 || (edge && !this.changedSinceReport(i))) {
        if ((asked & Poll.IN) !== 0) files.push({ file, events: 'read' });
        if ((asked & Poll.OUT) !== 0) files.push({ file, events: 'write' });
        continue;
      }
      report(ev, i.dataLo, i.dataHi);
      count++;
      last = k;
      if (edge) i.reportedAt = i.changes;
      if ((i.events & Epoll.ONESHOT) !== 0) i.disabled = true;
    }
    if (last >= 0 && n > 0) this.next = (this.next + last + 1) % n;
    return { count, files };
  }

  /** An entry has an event to report (poll on the instance's descriptor; an instance nested in another). */
  ready(): boolean {
    this.dropClosed();
    for (const i of this.interests) {
      if (i.disabled) continue;
      const edge = (i.events & Epoll.ET) !== 0;
      if (edge) this.watch(i);
      const ev = fromPoll(pollEvents(i.desc.file, i.rightsBase, toPoll(i.events)), i.events);
      if (ev !== 0 && (!edge || this.changedSinceReport(i))) return true;
    }
    return false;
  }

  subscribe(wake: () => void): () => void {
    const cancels = this.interests.filter((i) => !i.disabled).map((i) => i.desc.file.subscribe(wake));
    return () => { for (const c of cancels) c(); };
  }

  readyAtNs(): bigint | undefined {
    let at: bigint | undefined;
    for (const i of this.interests) {
      const t = i.disabled ? undefined : i.desc.file.readyAtNs?.();
      if (t !== undefined && (at === undefined || t < at)) at = t;
    }
    return at;
  }

  /** The instances this one watches, directly or through others, include `other` (a loop if added). */
  reaches(other: EpollInstance, seen = new Set<EpollInstance>()): boolean {
    if (this === other) return true;
    if (seen.has(this)) return false;
    seen.add(this);
    for (const i of this.interests) {
      const inner = nestedInstance(i.desc.file);
      if (inner !== undefined && inner.reaches(other, seen)) return true;
    }
    return false;
  }

  /** Counts the file's changes from now on (one subscription at a time; renewed at each look). */
  private watch(i: Interest): void {
    if (i.cancel !== undefined) return;
    i.cancel = i.desc.file.subscribe(() => {
      i.changes++;
      i.cancel = undefined;
    });
  }

  /**
   * An edge-triggered entry that is ready reports again only after its file changed (what wakes
   * the file's waiters: data or space arriving, the peer going; the back ends keep readers' and
   * writers' wake-ups apart, as Linux's wait queues do).
   */
  private changedSinceReport(i: Interest): boolean {
    return i.reportedAt < 0 || i.changes !== i.reportedAt;
  }
}

/** The instance whose descriptor object `file` is, if it is one with an interest list. */
function nestedInstance(file: OpenFile): EpollInstance | undefined {
  const events = (file as { epollEvents?: EpollEvents }).epollEvents;
  return events instanceof EpollInstance ? events : undefined;
}
