// What a suspended call keeps across its re-executions. A call that returns SUSPEND is run again
// from the start once its thread runs (the asyncify rewind re-enters the import), so the first
// run records here what it has already done and every later run checks this before it changes
// any state. Cleared when the call completes (CallHooks.callCompleted); a signal handler that
// interrupts the call saves and restores it (signal_process.ts).

/** A program being prepared for posix_spawn/exec (the guest's PendingImage adds the image). */
export interface PendingLoad {
  readonly promise: Promise<unknown>;
  /** Set once settled with a failure (not a WebAssembly command: ENOEXEC). */
  readonly failed?: boolean;
}

/**
 * One variant per kind of call that suspends with state of its own:
 * - `poll`: poll_oneoff's absolute deadline per clock subscription. The re-run waits for the same
 *   deadlines; it must not start relative timeouts anew.
 * - `yielded`: the call gave up the CPU once (sched_yield, a time slice's end). The re-run
 *   completes; it must not yield again.
 * - `sigsuspend`: the mask the caller had before sigsuspend installed its own. The re-run waits
 *   on; it must not take the installed mask for the caller's.
 * - `timer`: a setitimer/getitimer request to the signal thread blocked. The re-run reads the
 *   reply from the thread's registers; it must not send the request again.
 * - `fork-pending`: fork unwinds the parent to copy it. The copy is made once the stack is saved.
 * - `fork-result`: fork's result once the copy is made (the child's pid, 0 in the child, -errno).
 *   The re-run returns it; it must not fork again.
 * - `load`: posix_spawn/exec waits for its program to be prepared. The re-run takes the same
 *   pending image (and argument vector: a script's interpreter's); it must not look the program up and prepare it again.
 * - `decouple`: l4_decouple unwinds the program to move it to a worker. Once unwound it moves.
 * - `l4-ipc`: an L4 IPC from C blocked in the kernel. The re-run reads the outcome from the
 *   thread's kernel UTCB; it must not send again.
 * - `ppoll`: ppoll's deadline and the mask it replaced (l4posix_ppoll.ts). The re-run waits for
 *   the same deadline under the same mask; it must not install the mask again.
 * - `fifo-open`: a FIFO's open waits for its other end (the descriptor is already in the table, so
 *   exit closes it). The re-run takes that descriptor; it must not open again.
 * - `socket-timeout`: a socket call waits under SO_RCVTIMEO/SO_SNDTIMEO (socket_wait.ts). The
 *   re-run waits for the same deadline (EAGAIN once it passed); it must not start the timeout anew.
 * - `sysv-wait`: semop, msgsnd or msgrcv waits on a System V object (l4posix_sysv.ts). The re-run
 *   waits for the same deadline; an object gone meanwhile is EIDRM; a signal is EINTR, never a restart.
 */
export type Restart<P extends PendingLoad = PendingLoad> =
  | { readonly kind: 'poll'; readonly deadlines: (bigint | undefined)[] }
  | { readonly kind: 'yielded' }
  | { readonly kind: 'sigsuspend'; readonly lo: number; readonly hi: number }
  | { readonly kind: 'timer' }
  | { readonly kind: 'fork-pending' }
  | { readonly kind: 'fork-result'; readonly pid: number }
  | { readonly kind: 'load'; readonly pending: P; readonly path: string; readonly argv?: string[] }
  | { readonly kind: 'decouple' }
  | { readonly kind: 'l4-ipc' }
  | { readonly kind: 'fifo-open'; readonly fd: number; readonly peerOpens: number }
  | { readonly kind: 'socket-timeout'; readonly deadlineNs: bigint }
  | { readonly kind: 'sysv-wait'; readonly object: 'sem' | 'msg'; readonly id: number; readonly deadlineNs: bigint | undefined }
  | { readonly kind: 'ppoll'; readonly deadlineNs: bigint | undefined; readonly saved: readonly [number, number] | undefined };
