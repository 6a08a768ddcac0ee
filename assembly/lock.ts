// The kernel lock: one mutex serializing every kernel entry from every CPU.
// States: 0 free, 1 held, 2 held and somebody may sleep on it (futex style, after Drepper).
// A waiter spins first: kernel sections are short, and a futex wake costs tens of microseconds here.
import { G_LOCK } from './config';

@inline const SPINS: i32 = 4000;

@inline export function lockKernel(): void {
  if (atomic.cmpxchg<i32>(G_LOCK, 0, 1) != 0) lockKernelSlow();
}

function lockKernelSlow(): void {
  for (let i = 0; i < SPINS; i++) {
    if (atomic.load<i32>(G_LOCK) == 0 && atomic.cmpxchg<i32>(G_LOCK, 0, 1) == 0) return;
  }
  // Mark contended; whoever unlocks from state 2 wakes one sleeper.
  let c = atomic.xchg<i32>(G_LOCK, 2);
  while (c != 0) {
    atomic.wait<i32>(G_LOCK, 2, 1000000);
    c = atomic.xchg<i32>(G_LOCK, 2);
  }
}

@inline export function unlockKernel(): void {
  if (atomic.xchg<i32>(G_LOCK, 0) == 2) atomic.notify(G_LOCK, 1);
}
