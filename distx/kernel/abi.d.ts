/** Kernel error codes (assembly/errors.ts); kernel calls return them negated. */
export declare enum KErr {
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
    NoSpace = 18
}
export declare enum ObjType {
    None = 0,
    Task = 1,
    Thread = 2,
    Gate = 3,
    Irq = 4,
    Factory = 5
}
/** Capability rights: R receive from it / read, W invoke (send, call, trigger), S control. */
export declare enum Rights {
    R = 1,
    W = 2,
    S = 4,
    All = 7
}
export declare enum ThreadState {
    Inactive = 0,
    Ready = 1,
    BlockedOnSend = 2,
    BlockedOnReceive = 3,
    Dead = 4
}
export declare enum TaskState {
    Alive = 0,
    Terminated = 1,
    Destroyed = 2
}
/** Labels of kernel-generated messages (the tag's signed 16-bit label). */
export declare enum Proto {
    Irq = -1,
    Exception = -5
}
/** What an exception handler's reply (MR0, argument in MR1) asks for. */
export declare enum ResumeAction {
    Resume = 0,
    RunHandler = 1,
    Kill = 2,
    KillTask = 3
}
export declare enum RmFlags {
    Search = 1,
    ReadOnly = 2
}
/** IPC timeouts in µs; any other positive value is a relative timeout. */
export declare const Timeout: {
    readonly Never: -1;
    readonly Poll: 0;
};
/** First word of a map item; the second is the capability slot in the sender's task. */
export declare const ITEM_MAP = 1;
export declare function mapItem(rights?: number): number;
/** First word of the KIP. */
export declare const KIP_MAGIC = 1264006220;
export declare const MR_COUNT = 64;
export declare const BR_COUNT = 16;
export declare const NUM_PRIOS = 256;
export declare const MAX_CPUS = 16;
/** Message tag: label (signed 16 bit) << 16 | items << 8 | words. */
export declare function msgTag(label: number, words?: number, items?: number): number;
export declare function tagLabel(tag: number): number;
export declare function tagWords(tag: number): number;
export declare function tagItems(tag: number): number;
/** Layout of the shared kernel memory (byte offsets). */
export declare const Layout: {
    readonly KIP_BASE: 4096;
    readonly KIP_NCPUS: 8;
    readonly KIP_CLOCK_BASE: 16;
    readonly KIP_LAST_CLOCK: 24;
    readonly KIP_ROOT_TASK: 32;
    readonly KIP_ROOT_FACTORY: 36;
    readonly OBJ_TABLE: 196608;
    readonly HANDLE_INDEX_MASK: 16383;
    readonly CPU_BASE: 16384;
    readonly CPU_SIZE: 4096;
    readonly CPU_WAKESEQ: 0;
    readonly CPU_SLEEPING: 64;
    readonly CPU_STOP: 68;
    readonly CPU_CURRENT: 72;
    readonly CPU_READYCOUNT: 76;
    readonly CPU_DISPATCHAT: 80;
    readonly CPU_BITMAP: 96;
    readonly CPU_SCRATCH: 128;
    readonly TH_STATE: 40;
    readonly TH_PRIO: 41;
    readonly TH_CPU: 42;
    readonly TH_SLICELEFT: 80;
    readonly TH_CPUTIME: 88;
    readonly TH_PARTNER: 60;
    readonly TH_WAITOBJ: 108;
    readonly UTCB_MR: 256;
    readonly UTCB_BR: 512;
    readonly UTCB_TAG: 576;
    readonly UTCB_LABEL: 580;
    readonly UTCB_ERROR: 584;
    readonly UTCB_SENDER: 588;
    readonly UTCB_EXC_ACTION: 592;
    readonly UTCB_EXC_ARG: 596;
    readonly TASK_STATE: 48;
    readonly TASK_EXC: 52;
    readonly FACTORY_LIMIT: 32;
};
/** The kernel's ABI_* exports that must equal Layout (checked on attach). */
export declare const ABI_EXPORTS: Record<string, number>;
