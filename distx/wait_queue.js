class WaitQueue {
  waiters = /* @__PURE__ */ new Set();
  /** Registers `wake` to be called once at the next wakeAll; returns the cancel function. */
  add(wake) {
    const token = { wake };
    this.waiters.add(token);
    return () => {
      this.waiters.delete(token);
    };
  }
  /** Wakes and drops every current waiter; waiters added by a wake callback wait for the next call. */
  wakeAll() {
    if (this.waiters.size === 0) return;
    const woken = this.waiters;
    this.waiters = /* @__PURE__ */ new Set();
    for (const w of woken) w.wake();
  }
  get size() {
    return this.waiters.size;
  }
}
export {
  WaitQueue
};
