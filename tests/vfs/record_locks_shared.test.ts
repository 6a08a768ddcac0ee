// A file's record locks in a shared slot (record_locks.ts share/unshare, lock_slots.ts): what a
// worker writes there is every owner's view, the locks come back whole when the last lend ends,
// closes still find the locks a worker took, a change too big for the slot is kept on the vCPU, and
// a waiter whose failed set raced a worker's change is woken at once.
import { describe, expect, it } from 'vitest';
import { LockSlots, SLOT_LOCKS } from '../../src/vfs/lock_slots.js';
import { LockType, RecordLocks, withLock } from '../../src/vfs/record_locks.js';

/** What a worker does (decoupled_worker.ts): a change under the slot's mutex, the version bumped. */
function workerSet(table: RecordLocks, slot: number, owner: number, type: LockType, start: number, end: number): void {
  const pool = new LockSlots(table.slots().buffer);
  pool.lock(slot);
  const next = withLock(pool.read(slot)!, owner, type, start, end);
  expect(pool.write(slot, next.locks)).toBe(true);
  pool.bump(slot);
  pool.unlock(slot);
}

describe('record locks in a shared slot', () => {
  it('a worker\'s locks conflict with others, come back at unshare and go at the owner\'s close', () => {
    const t = new RecordLocks();
    expect(t.set('f', 1, LockType.Read, 0, 10)).toBe(true);
    const slot = t.share('f', 2)!;
    expect(slot).toBeDefined();
    expect(t.locksOf('f')).toEqual([{ owner: 1, type: LockType.Read, start: 0, end: 10 }]);
    workerSet(t, slot, 2, LockType.Write, 20, 30);
    expect(t.holdsAny(2)).toBe(true);
    expect(t.set('f', 3, LockType.Write, 25, 26)).toBe(false);
    expect(t.test('f', 3, LockType.Read, 0, Infinity)?.owner).toBe(2);
    t.unshare('f', 2);
    expect(t.locksOf('f')).toEqual([
      { owner: 1, type: LockType.Read, start: 0, end: 10 },
      { owner: 2, type: LockType.Write, start: 20, end: 30 },
    ]);
    expect(t.holdsAny(2)).toBe(true);
    t.releaseFile('f', 2);
    expect(t.holdsAny(2)).toBe(false);
    expect(t.set('f', 3, LockType.Write, 25, 26)).toBe(true);
  });

  it('an owner whose lend ended while another goes on is still found by its close', () => {
    const t = new RecordLocks();
    const slot = t.share('f', 2)!;
    expect(t.share('f', 3)).toBe(slot);
    workerSet(t, slot, 2, LockType.Write, 0, 5);
    t.unshare('f', 2);
    expect(t.holdsAny(2)).toBe(true);
    t.releaseAll(2);
    expect(t.locksOf('f')).toEqual([]);
    t.unshare('f', 3);
  });

  it('more locks than a slot holds stay on the vCPU, all of them', () => {
    const t = new RecordLocks();
    t.share('f', 2);
    for (let i = 0; i <= SLOT_LOCKS; i++) expect(t.set('f', 1, LockType.Write, i * 10, i * 10 + 1)).toBe(true);
    expect(t.locksOf('f')).toHaveLength(SLOT_LOCKS + 1);
    expect(t.set('f', 2, LockType.Write, SLOT_LOCKS * 10, SLOT_LOCKS * 10 + 1)).toBe(false);
    t.unshare('f', 2);
    expect(t.locksOf('f')).toHaveLength(SLOT_LOCKS + 1);
    t.releaseAll(1);
    expect(t.locksOf('f')).toEqual([]);
  });

  it('a waiter is woken when a worker changed the locks between its failed set and its subscribe', () => {
    const t = new RecordLocks();
    const slot = t.share('f', 2)!;
    workerSet(t, slot, 2, LockType.Write, 0, 10);
    expect(t.set('f', 1, LockType.Write, 0, 10)).toBe(false);
    workerSet(t, slot, 2, LockType.Unlock, 0, 10);
    let woken = 0;
    t.subscribe('f', () => { woken++; });
    expect(woken).toBe(1);
    // With no change since, a subscriber waits; the slot tells workers someone does.
    expect(t.set('f', 1, LockType.Write, 0, 10)).toBe(true);
    expect(t.set('f', 3, LockType.Write, 0, 10)).toBe(false);
    const cancel = t.subscribe('f', () => { woken++; });
    expect(woken).toBe(1);
    expect(new LockSlots(t.slots().buffer).waiters(slot)).toBe(1);
    cancel();
    expect(new LockSlots(t.slots().buffer).waiters(slot)).toBe(0);
    t.unshare('f', 2);
  });
});
