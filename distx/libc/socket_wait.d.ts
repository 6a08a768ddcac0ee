import type { SyscallContext, WaitSpec } from './context.js';
import type { OpenFile } from '../vfs/types.js';
/**
 * Suspends the call until `file` is ready for `events` (or `sources` wake it); with the socket's
 * timeout for that direction, -EAGAIN once it has passed. `timeoutOf` names the socket whose
 * timeout counts when it is not `file` (connect: the connecting socket waits on its listener).
 */
export declare function waitOn(ctx: SyscallContext, file: OpenFile | undefined, events: 'read' | 'write', sources?: WaitSpec['sources'], timeoutOf?: OpenFile | undefined): number;
