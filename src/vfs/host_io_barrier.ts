// Host file operations of the vCPU first wait for writes queued elsewhere (a decoupled program's
// write-behind, guest/write_behind.ts): no guest sees a host file without them. The VFS only
// knows the hook; the guest installs what it waits for.

let barrier: (() => void) | undefined;

/** Installs what hostIoBarrier waits for (once per process, by the write-behind service). */
export function setHostIoBarrier(wait: () => void): void {
  barrier = wait;
}

/** Waits until host writes queued before this call are made (at once when there are none). */
export function hostIoBarrier(): void {
  if (barrier !== undefined) barrier();
}
