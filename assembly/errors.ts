// The kernel's error codes. Every kernel operation returns one of these negated (or a value >= 0).
// src/kernel/abi.ts mirrors this enum (tests/kernel/abi.test.ts keeps the two in step).

export enum Err {
  Ok = 0,
  /** Capability slot out of range or empty. */
  InvalidCap = 1,
  /** The capability names an object of another kind than the operation needs. */
  WrongType = 2,
  /** The capability lacks the right the operation needs. */
  NoRights = 3,
  /** Factory quota or kernel memory exhausted. */
  NoMem = 4,
  /** An IPC timeout expired (also the normal end of a sleep). */
  Timeout = 5,
  /** The blocked operation was canceled (ex_regs). */
  Canceled = 6,
  /** The partner thread is dead or died while we waited for it. */
  DeadPartner = 7,
  /** The operation blocked; its result appears in the UTCB when the thread is ready again. */
  WouldBlock = 8,
  /** A malformed argument (message tag, size, priority, CPU, ...). */
  InvalidArg = 9,
  /** The destination capability slot is already occupied. */
  SlotInUse = 10,
  /** The region overlaps an attached region. */
  Overlap = 11,
  /** The address range lies outside the allowed window. */
  OutOfRange = 12,
  /** Nothing is attached or registered there. */
  NotFound = 13,
  /** A map item could not be delivered: no or occupied receive buffer. */
  MsgCut = 14,
  /** The task was terminated (an exception without handler). */
  Terminated = 15,
  /** A stale or malformed object handle. */
  InvalidHandle = 16,
  /** Nobody to talk to: reply without a caller, unbound gate. */
  NoPartner = 17,
  /** No free range (region search, capability slot search). */
  NoSpace = 18,
}
