// A counter the mount tree advances at the start of every path walk. A back end that carries
// what one lookup observed into the next call (hostfs keeps the directory descriptor it walked to)
// trusts that observation only within the same walk, so nothing seen in one system call is
// relied on in the next.
let epoch = 0;

/** Called by the mount tree when a walk starts. */
export function nextWalk(): void {
  epoch = (epoch + 1) | 0;
}

/** The current walk's number. */
export function currentWalk(): number {
  return epoch;
}
