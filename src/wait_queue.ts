// Waiters on an event (a file becoming readable, a child ending): each subscriber is woken once, then
// dropped. Shared vocabulary: files, processes and servers all wait this way.
export class WaitQueue {
  private waiters = new Set<{ wake: () => void }>();

  /** Registers `wake` to be called once at the next wakeAll; returns the cancel function. */
  add(wake: () => void): () => void {
    // A fresh token per subscription, so the same function may be subscribed twice and cancelled once.
    const token = { wake };
    this.waiters.add(token);
    return () => { this.waiters.delete(token); };
  }

  /** Wakes and drops every current waiter; waiters added by a wake callback wait for the next call. */
  wakeAll(): void {
    if (this.waiters.size === 0) return;
    const woken = this.waiters;
    this.waiters = new Set();
    for (const w of woken) w.wake();
  }

  get size(): number { return this.waiters.size; }
}
