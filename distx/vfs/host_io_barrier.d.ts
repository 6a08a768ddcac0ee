/** Installs what hostIoBarrier waits for (once per process, by the write-behind service). */
export declare function setHostIoBarrier(wait: () => void): void;
/** Waits until host writes queued before this call are made (at once when there are none). */
export declare function hostIoBarrier(): void;
