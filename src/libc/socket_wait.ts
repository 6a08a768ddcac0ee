// How a blocking socket call waits: for ever, or under SO_RCVTIMEO (receiving, accept) and
// SO_SNDTIMEO (sending, connect) until a deadline, after which the call fails with EAGAIN as on
// Linux. The deadline is kept across the call's re-runs (restart.ts 'socket-timeout'), and a
// signal during a timed wait is EINTR, never a restart (Linux: a timed socket call does not restart).
import { Errno } from '../errno.js';
import type { SyscallContext, WaitSpec } from './context.js';
import { SocketEnd } from '../vfs/socket_pair.js';
import type { OpenFile } from '../vfs/types.js';

/**
 * Suspends the call until `file` is ready for `events` (or `sources` wake it); with the socket's
 * timeout for that direction, -EAGAIN once it has passed. `timeoutOf` names the socket whose
 * timeout counts when it is not `file` (connect: the connecting socket waits on its listener).
 */
export function waitOn(
  ctx: SyscallContext, file: OpenFile | undefined, events: 'read' | 'write',
  sources?: WaitSpec['sources'], timeoutOf: OpenFile | undefined = file,
): number {
  const spec: WaitSpec = file !== undefined ? { files: [{ file, events }] } : {};
  if (sources !== undefined) spec.sources = sources;
  const timeout = timeoutOf instanceof SocketEnd ? (events === 'read' ? timeoutOf.receiveTimeoutNs : timeoutOf.sendTimeoutNs) : undefined;
  if (timeout === undefined) return ctx.wait(spec);
  const now = ctx.clock.monotonicNs();
  const deadlineNs = ctx.restart?.kind === 'socket-timeout' ? ctx.restart.deadlineNs : now + timeout;
  if (now >= deadlineNs) return -Errno.EAGAIN;
  ctx.restart = { kind: 'socket-timeout', deadlineNs };
  return ctx.wait({ ...spec, deadlineNs });
}
