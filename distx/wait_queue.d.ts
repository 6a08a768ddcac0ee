export declare class WaitQueue {
    private waiters;
    /** Registers `wake` to be called once at the next wakeAll; returns the cancel function. */
    add(wake: () => void): () => void;
    /** Wakes and drops every current waiter; waiters added by a wake callback wait for the next call. */
    wakeAll(): void;
    get size(): number;
}
