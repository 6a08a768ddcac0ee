import { ClockId } from "./abi.js";
const NS_PER_S = 1e9;
const TWO32 = 4294967296;
function storeU53(view, ptr, n) {
  const lo = n % TWO32;
  view.setUint32(ptr, lo, true);
  view.setUint32(ptr + 4, (n - lo) / TWO32, true);
}
function storeSecNs(view, ptr, sec, ns) {
  const lo = ((Math.imul(sec | 0, NS_PER_S) >>> 0) + ns) % TWO32;
  view.setUint32(ptr, lo, true);
  view.setUint32(ptr + 4, Math.round((sec * NS_PER_S + ns - lo) / TWO32), true);
}
class RealtimeOffset {
  sec;
  nsec;
  constructor(source) {
    this.sec = 0;
    this.nsec = 0;
    this.ns = BigInt(Date.now()) * 1000000n - BigInt(Math.floor(source.nowUs() * 1e3));
  }
  get ns() {
    return BigInt(this.sec) * 1000000000n + BigInt(this.nsec);
  }
  set ns(v) {
    const sec = v >= 0n ? v / 1000000000n : -((-v + 999999999n) / 1000000000n);
    this.sec = Number(sec);
    this.nsec = Number(v - sec * 1000000000n);
  }
}
class KipTime {
  constructor(source, offset, cpuTimeNs) {
    this.source = source;
    this.offset = offset;
    this.cpuTimeNs = cpuTimeNs;
  }
  source;
  offset;
  cpuTimeNs;
  /** The monotonic clock in ns, as an exact double (for 104 days of uptime). */
  monotonic() {
    return Math.floor(this.source.nowUs() * 1e3);
  }
  monotonicNs() {
    return BigInt(this.monotonic());
  }
  realtimeNs() {
    return this.monotonicNs() + this.offset.ns;
  }
  /** clock_settime(CLOCK_REALTIME): only the offset moves; the monotonic clock never jumps. */
  setRealtimeNs(ns) {
    this.offset.ns = ns - this.monotonicNs();
  }
  processCpuNs() {
    return this.cpuTimeNs();
  }
  threadCpuNs() {
    return this.cpuTimeNs();
  }
  store(id, view, ptr) {
    if (id === ClockId.MONOTONIC) {
      storeU53(view, ptr, this.monotonic());
      return true;
    }
    if (id === ClockId.REALTIME) {
      const mono = this.monotonic();
      const monoSec = Math.floor(mono / NS_PER_S);
      let sec = this.offset.sec + monoSec;
      let ns = this.offset.nsec + (mono - monoSec * NS_PER_S);
      if (ns >= NS_PER_S) {
        ns -= NS_PER_S;
        sec++;
      }
      if (sec < 0) sec = ns = 0;
      storeSecNs(view, ptr, sec, ns);
      return true;
    }
    const t = id === ClockId.PROCESS_CPUTIME ? this.processCpuNs() : id === ClockId.THREAD_CPUTIME ? this.threadCpuNs() : void 0;
    if (t === void 0) return false;
    view.setBigUint64(ptr, t, true);
    return true;
  }
}
export {
  KipTime,
  RealtimeOffset,
  storeSecNs,
  storeU53
};
