/** Linux signal numbers (musl <bits/signal.h>). */
export declare const enum Sig {
    HUP = 1,
    INT = 2,
    QUIT = 3,
    ILL = 4,
    TRAP = 5,
    ABRT = 6,
    BUS = 7,
    FPE = 8,
    KILL = 9,
    USR1 = 10,
    SEGV = 11,
    USR2 = 12,
    PIPE = 13,
    ALRM = 14,
    TERM = 15,
    STKFLT = 16,
    CHLD = 17,
    CONT = 18,
    STOP = 19,
    TSTP = 20,
    TTIN = 21,
    TTOU = 22,
    URG = 23,
    XCPU = 24,
    XFSZ = 25,
    VTALRM = 26,
    PROF = 27,
    WINCH = 28,
    IO = 29,
    PWR = 30,
    SYS = 31
}
export declare const SIGKILL = 9;
export declare const SIGABRT = 6;
/** Signals are 1 .. NSIG - 1 (musl's _NSIG is 65). */
export declare const NSIG = 65;
/** sa_flags bits (musl, Linux generic values). */
export declare const enum SaFlags {
    NOCLDSTOP = 1,
    NOCLDWAIT = 2,
    SIGINFO = 4,
    RESTORER = 67108864,
    ONSTACK = 134217728,
    RESTART = 268435456,
    NODEFER = 1073741824,
    RESETHAND = 2147483648
}
/** sigprocmask's `how`. */
export declare const enum SigHow {
    BLOCK = 0,
    UNBLOCK = 1,
    SETMASK = 2
}
/** si_code values: who sent a signal, or what kind of fault raised it. */
export declare const enum SiCode {
    USER = 0,
    KERNEL = 128,
    QUEUE = -1,
    TIMER = -2,
    TKILL = -6,
    FPE_INTDIV = 1,
    FPE_INTOVF = 2,
    FPE_FLTINV = 7,
    SEGV_MAPERR = 1,
    SEGV_ACCERR = 2,
    BUS_ADRALN = 1,
    ILL_ILLOPC = 1,
    ILL_ILLOPN = 2
}
export declare const enum DefaultAction {
    Terminate = 0,
    Core = 1,
    Ignore = 2,
    Stop = 3,
    Continue = 4
}
/** Linux signal names by number (1..31), as Node spells them; the one list of names. */
declare const SIGNAL_NAMES: readonly ["", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"];
/** A signal's name as Node spells it ('SIGTERM'). */
export type SignalName = Exclude<(typeof SIGNAL_NAMES)[number], ''>;
/** The number of a signal given by number or by name as Node spells it ('SIGTERM'); undefined if unknown. */
export declare function signalNumber(signal: number | string): number | undefined;
/** The name of a (Linux-numbered) signal ('SIGTERM'), or undefined for one without a name (real-time). */
export declare function knownSignalName(signal: number): SignalName | undefined;
/** The name of a signal number ('SIGTERM'), or 'SIG<n>' for one without a name (real-time). */
export declare function signalName(signal: number): string;
/** The name of WASI signal `wasiSignal` (proc_raise's numbering), or undefined. */
export declare function wasiSignalName(wasiSignal: number): string | undefined;
/** The Linux number of a WASI signal, or undefined when out of range. */
export declare function linuxSignal(wasiSignal: number): number | undefined;
/** POSIX default action of a (Linux-numbered) signal; real-time signals terminate. */
export declare function defaultAction(sig: number): DefaultAction;
/** A valid signal number (1 .. 64). */
export declare function validSignal(sig: number): boolean;
/** A signal whose disposition cannot be changed and which cannot be blocked. */
export declare function uncatchable(sig: number): boolean;
/**
 * Kinds of exception the guest reflects to a process's exception handler thread (the `kind` word
 * of the kernel's exception IPC): what the wasm engine reported when the program trapped.
 */
export declare const enum TrapKind {
    DivideByZero = 1,
    IntegerOverflow = 2,
    FloatConversion = 3,
    OutOfBounds = 4,
    Unreachable = 5,
    StackExhausted = 6,
    BadIndirectCall = 7,
    Unaligned = 8,
    UncaughtException = 9,
    Other = 10,
    /** abort() trapped after SIGABRT's handler (if any) ran: always fatal. */
    Abort = 11
}
/** The kind of trap behind an engine message (V8's wording). */
export declare function trapKind(message: string): TrapKind;
/** The signal and si_code a trap raises, as Linux raises them for the equivalent CPU fault. */
export declare function trapSignal(kind: TrapKind): {
    sig: number;
    code: number;
};
export {};
