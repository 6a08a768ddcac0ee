// The identity family: who the process is. Answered at once; the server path routes them (the
// server knows every process), which is what its benchmark measures.
import { family, L4POSIX } from './spec.js';
import { identityCalls } from '../l4posix_identity.js';

const atOnce = { suspends: false, callerOnly: false } as const;
// A process's pid and credentials never change (there is no set*id): a decoupled program's core
// keeps the first answer (its parent may change: getppid is always asked).
const constant = { ...atOnce, coreLocal: true } as const;

export const identityFamily = family('identity', L4POSIX, identityCalls, {
  getpid: ['', constant],
  getppid: ['', atOnce],
  getuid: ['effective:int', constant],
  getgid: ['effective:int', constant],
});
