// The binary interface between kernel.wasm and its TypeScript binding: error codes, enums and the
// memory layout the binding reads without entering the kernel. Mirrors assembly/*.ts; the binding
// checks the layout against the kernel's ABI_* exports when it attaches.

/** Kernel error codes (assembly/errors.ts); kernel calls return them negated. */
export enum KErr {
  Ok = 0,
  InvalidCap = 1,
  WrongType = 2,
  NoRights = 3,
  NoMem = 4,
  Timeout = 5,
  Canceled = 6,
  DeadPartner = 7,
  WouldBlock = 8,
  InvalidArg = 9,
  SlotInUse = 10,
  Overlap = 11,
  OutOfRange = 12,
  NotFound = 13,
  MsgCut = 14,
  Terminated = 15,
  InvalidHandle = 16,
  NoPartner = 17,
  NoSpace = 18,
}

export enum ObjType { None = 0, Task = 1, Thread = 2, Gate = 3, Irq = 4, Factory = 5 }

/** Capability rights: R receive from it / read, W invoke (send, call, trigger), S control. */
export enum Rights { R = 1, W = 2, S = 4, All = 7 }

export enum ThreadState { Inactive = 0, Ready = 1, BlockedOnSend = 2, BlockedOnReceive = 3, Dead = 4 }

export enum TaskState { Alive = 0, Terminated = 1, Destroyed = 2 }

/** Labels of kernel-generated messages (the tag's signed 16-bit label). */
export enum Proto { Irq = -1, Exception = -5 }

/** What an exception handler's reply (MR0, argument in MR1) asks for. */
export enum ResumeAction { Resume = 0, RunHandler = 1, Kill = 2, KillTask = 3 }

export enum RmFlags { Search = 1, ReadOnly = 2 }

/** IPC timeouts in µs; any other positive value is a relative timeout. */
export const Timeout = { Never: -1, Poll: 0 } as const;

/** First word of a map item; the second is the capability slot in the sender's task. */
export const ITEM_MAP = 1;
export function mapItem(rights: number = Rights.All): number { return ITEM_MAP | ((rights & 7) << 4); }

/** First word of the KIP. */
export const KIP_MAGIC = 0x4b57344c;

export const MR_COUNT = 64;
export const BR_COUNT = 16;
export const NUM_PRIOS = 256;
export const MAX_CPUS = 16;

/** Message tag: label (signed 16 bit) << 16 | items << 8 | words. */
export function msgTag(label: number, words = 0, items = 0): number {
  return ((label & 0xffff) << 16) | ((items & 0x1f) << 8) | (words & 0x7f);
}
export function tagLabel(tag: number): number { return tag >> 16; }
export function tagWords(tag: number): number { return tag & 0x7f; }
export function tagItems(tag: number): number { return (tag >> 8) & 0x1f; }

/** Layout of the shared kernel memory (byte offsets). */
export const Layout = {
  KIP_BASE: 0x1000,
  KIP_NCPUS: 8,
  KIP_CLOCK_BASE: 16,
  KIP_LAST_CLOCK: 24,
  KIP_ROOT_TASK: 32,
  KIP_ROOT_FACTORY: 36,
  OBJ_TABLE: 0x30000,
  HANDLE_INDEX_MASK: 0x3fff,
  CPU_BASE: 0x4000,
  CPU_SIZE: 0x1000,
  CPU_WAKESEQ: 0,
  CPU_SLEEPING: 64,
  CPU_STOP: 68,
  CPU_CURRENT: 72,
  CPU_READYCOUNT: 76,
  CPU_DISPATCHAT: 80,
  CPU_BITMAP: 96,
  CPU_SCRATCH: 128,
  TH_STATE: 40,
  TH_PRIO: 41,
  TH_CPU: 42,
  TH_SLICELEFT: 80,
  TH_CPUTIME: 88,
  TH_PARTNER: 60,
  TH_WAITOBJ: 108,
  UTCB_MR: 256,
  UTCB_BR: 512,
  UTCB_TAG: 576,
  UTCB_LABEL: 580,
  UTCB_ERROR: 584,
  UTCB_SENDER: 588,
  UTCB_EXC_ACTION: 592,
  UTCB_EXC_ARG: 596,
  TASK_STATE: 48,
  TASK_EXC: 52,
  FACTORY_LIMIT: 32,
} as const;

/** The kernel's ABI_* exports that must equal Layout (checked on attach). */
export const ABI_EXPORTS: Record<string, number> = {
  ABI_KIP_BASE: Layout.KIP_BASE,
  ABI_OBJ_TABLE: Layout.OBJ_TABLE,
  ABI_CPU_BASE: Layout.CPU_BASE,
  ABI_CPU_SIZE: Layout.CPU_SIZE,
  ABI_CPU_WAKESEQ: Layout.CPU_WAKESEQ,
  ABI_CPU_SLEEPING: Layout.CPU_SLEEPING,
  ABI_CPU_STOP: Layout.CPU_STOP,
  ABI_CPU_CURRENT: Layout.CPU_CURRENT,
  ABI_CPU_READYCOUNT: Layout.CPU_READYCOUNT,
  ABI_CPU_DISPATCHAT: Layout.CPU_DISPATCHAT,
  ABI_CPU_SCRATCH: Layout.CPU_SCRATCH,
  ABI_TH_STATE: Layout.TH_STATE,
  ABI_TH_CPU: Layout.TH_CPU,
  ABI_TH_PRIO: Layout.TH_PRIO,
  ABI_TH_SLICELEFT: Layout.TH_SLICELEFT,
  ABI_TH_CPUTIME: Layout.TH_CPUTIME,
  ABI_TH_PARTNER: Layout.TH_PARTNER,
  ABI_TH_WAITOBJ: Layout.TH_WAITOBJ,
  ABI_CPU_BITMAP: Layout.CPU_BITMAP,
  ABI_UTCB_MR: Layout.UTCB_MR,
  ABI_UTCB_BR: Layout.UTCB_BR,
  ABI_UTCB_TAG: Layout.UTCB_TAG,
  ABI_UTCB_LABEL: Layout.UTCB_LABEL,
  ABI_UTCB_ERROR: Layout.UTCB_ERROR,
  ABI_UTCB_SENDER: Layout.UTCB_SENDER,
  ABI_UTCB_EXC_ACTION: Layout.UTCB_EXC_ACTION,
  ABI_UTCB_EXC_ARG: Layout.UTCB_EXC_ARG,
  ABI_TASK_STATE: Layout.TASK_STATE,
  ABI_TASK_EXC: Layout.TASK_EXC,
  ABI_FACTORY_LIMIT: Layout.FACTORY_LIMIT,
};
