import { Poll, pollEvents } from "./l4posix_ppoll.js";
var Epoll = /* @__PURE__ */ ((Epoll2) => {
  Epoll2[Epoll2["IN"] = 1] = "IN";
  Epoll2[Epoll2["PRI"] = 2] = "PRI";
  Epoll2[Epoll2["OUT"] = 4] = "OUT";
  Epoll2[Epoll2["ERR"] = 8] = "ERR";
  Epoll2[Epoll2["HUP"] = 16] = "HUP";
  Epoll2[Epoll2["RDNORM"] = 64] = "RDNORM";
  Epoll2[Epoll2["RDBAND"] = 128] = "RDBAND";
  Epoll2[Epoll2["WRNORM"] = 256] = "WRNORM";
  Epoll2[Epoll2["WRBAND"] = 512] = "WRBAND";
  Epoll2[Epoll2["RDHUP"] = 8192] = "RDHUP";
  Epoll2[Epoll2["EXCLUSIVE"] = 268435456] = "EXCLUSIVE";
  Epoll2[Epoll2["WAKEUP"] = 536870912] = "WAKEUP";
  Epoll2[Epoll2["ONESHOT"] = 1073741824] = "ONESHOT";
  Epoll2[Epoll2["ET"] = -2147483648] = "ET";
  return Epoll2;
})(Epoll || {});
const POLLABLE = 1 /* IN */ | 2 /* PRI */ | 4 /* OUT */ | 64 /* RDNORM */ | 128 /* RDBAND */ | 256 /* WRNORM */ | 512 /* WRBAND */ | 8192 /* RDHUP */;
const ALWAYS = 8 /* ERR */ | 16 /* HUP */;
function toPoll(ev) {
  let p = 0;
  if ((ev & (1 /* IN */ | 64 /* RDNORM */)) !== 0) p |= Poll.IN;
  if ((ev & (4 /* OUT */ | 256 /* WRNORM */)) !== 0) p |= Poll.OUT;
  if ((ev & (2 /* PRI */ | 128 /* RDBAND */)) !== 0) p |= Poll.PRI;
  return p;
}
function fromPoll(r, asked) {
  let e = 0;
  if ((r & Poll.IN) !== 0) e |= 1 /* IN */ | 64 /* RDNORM */;
  if ((r & Poll.OUT) !== 0) e |= 4 /* OUT */ | 256 /* WRNORM */;
  if ((r & Poll.PRI) !== 0) e |= 2 /* PRI */ | 128 /* RDBAND */;
  if ((r & Poll.HUP) !== 0) e |= 16 /* HUP */ | 8192 /* RDHUP */;
  if ((r & Poll.ERR) !== 0) e |= 8 /* ERR */;
  return e & (asked & POLLABLE | ALWAYS);
}
class EpollInstance {
  interests = [];
  /** Where the next wait starts looking, so that no ready entry starves. */
  next = 0;
  find(fd, desc) {
    return this.interests.find((i) => i.fd === fd && i.desc === desc);
  }
  add(fd, desc, rightsBase, events, dataLo, dataHi) {
    this.interests.push({
      fd,
      desc,
      rightsBase,
      events,
      dataLo,
      dataHi,
      disabled: false,
      changes: 0,
      reportedAt: -1,
      cancel: void 0
    });
  }
  /** EPOLL_CTL_MOD: the new events and data; the entry is armed again and reports a present readiness anew. */
  modify(i, events, dataLo, dataHi) {
    i.events = events;
    i.dataLo = dataLo;
    i.dataHi = dataHi;
    i.disabled = false;
    i.reportedAt = -1;
  }
  remove(i) {
    i.cancel?.();
    this.interests.splice(this.interests.indexOf(i), 1);
    this.next = 0;
  }
  /** Drops the entries whose open file description was closed everywhere (Linux: with its last descriptor). */
  dropClosed() {
    for (let k = this.interests.length - 1; k >= 0; k--) {
      if (this.interests[k].desc.refs <= 0) this.remove(this.interests[k]);
    }
  }
  /**
   * Up to `max` ready entries in round-robin order, handed to `report` (events, data halves); an
   * EPOLLONESHOT entry is disabled once reported. Returns the count and the files to wait on
   * when it is 0.
   */
  collect(max, report) {
    this.dropClosed();
    const n = this.interests.length;
    const files = [];
    let count = 0;
    let last = -1;
    for (let k = 0; k < n && count < max; k++) {
      const i = this.interests[(this.next + k) % n];
      if (i.disabled) continue;
      const file = i.desc.file;
      const edge = (i.events & -2147483648 /* ET */) !== 0;
      if (edge) this.watch(i);
      const asked = toPoll(i.events);
      const ev = fromPoll(pollEvents(file, i.rightsBase, asked), i.events);
      if (ev === 0 || edge && !this.changedSinceReport(i)) {
        if ((asked & Poll.IN) !== 0) files.push({ file, events: "read" });
        if ((asked & Poll.OUT) !== 0) files.push({ file, events: "write" });
        continue;
      }
      report(ev, i.dataLo, i.dataHi);
      count++;
      last = k;
      if (edge) i.reportedAt = i.changes;
      if ((i.events & 1073741824 /* ONESHOT */) !== 0) i.disabled = true;
    }
    if (last >= 0 && n > 0) this.next = (this.next + last + 1) % n;
    return { count, files };
  }
  /** An entry has an event to report (poll on the instance's descriptor; an instance nested in another). */
  ready() {
    this.dropClosed();
    for (const i of this.interests) {
      if (i.disabled) continue;
      const edge = (i.events & -2147483648 /* ET */) !== 0;
      if (edge) this.watch(i);
      const ev = fromPoll(pollEvents(i.desc.file, i.rightsBase, toPoll(i.events)), i.events);
      if (ev !== 0 && (!edge || this.changedSinceReport(i))) return true;
    }
    return false;
  }
  subscribe(wake) {
    const cancels = this.interests.filter((i) => !i.disabled).map((i) => i.desc.file.subscribe(wake));
    return () => {
      for (const c of cancels) c();
    };
  }
  readyAtNs() {
    let at;
    for (const i of this.interests) {
      const t = i.disabled ? void 0 : i.desc.file.readyAtNs?.();
      if (t !== void 0 && (at === void 0 || t < at)) at = t;
    }
    return at;
  }
  /** The instances this one watches, directly or through others, include `other` (a loop if added). */
  reaches(other, seen = /* @__PURE__ */ new Set()) {
    if (this === other) return true;
    if (seen.has(this)) return false;
    seen.add(this);
    for (const i of this.interests) {
      const inner = nestedInstance(i.desc.file);
      if (inner !== void 0 && inner.reaches(other, seen)) return true;
    }
    return false;
  }
  /** Counts the file's changes from now on (one subscription at a time; renewed at each look). */
  watch(i) {
    if (i.cancel !== void 0) return;
    i.cancel = i.desc.file.subscribe(() => {
      i.changes++;
      i.cancel = void 0;
    });
  }
  /**
   * An edge-triggered entry that is ready reports again only after its file changed (what wakes
   * the file's waiters: data or space arriving, the peer going; the back ends keep readers' and
   * writers' wake-ups apart, as Linux's wait queues do).
   */
  changedSinceReport(i) {
    return i.reportedAt < 0 || i.changes !== i.reportedAt;
  }
}
function nestedInstance(file) {
  const events = file.epollEvents;
  return events instanceof EpollInstance ? events : void 0;
}
export {
  Epoll,
  EpollInstance
};
