// The identity family: who the process is. Answered at once; the server path routes them (the
// server knows every process), which is what its benchmark measures.
import { family, L4POSIX } from './spec.js';
import { identityCalls } from '../l4posix_identity.js';

const atOnce = { suspends: false, callerOnly: false } as const;

export const identityFamily = family('identity', L4POSIX, identityCalls, {
  getpid: ['', atOnce],
  getppid: ['', atOnce],
  getuid: ['effective:int', atOnce],
  getgid: ['effective:int', atOnce],
});
