// Signal numbers and the constants of the signal ABI: WASI's proc_raise enumeration, Linux's
// numbers (what programs, exit statuses and the API use), the sigaction flags and siginfo codes as
// musl defines them for wasm32, each signal's default action, and how a wasm trap maps to a signal.

/** Linux signal numbers, by WASI signal number (index). */
const WASI_TO_LINUX = [
  0, 1 /*HUP*/, 2 /*INT*/, 3 /*QUIT*/, 4 /*ILL*/, 5 /*TRAP*/, 6 /*ABRT*/, 7 /*BUS*/, 8 /*FPE*/,
  9 /*KILL*/, 10 /*USR1*/, 11 /*SEGV*/, 12 /*USR2*/, 13 /*PIPE*/, 14 /*ALRM*/, 15 /*TERM*/,
  17 /*CHLD*/, 18 /*CONT*/, 19 /*STOP*/, 20 /*TSTP*/, 21 /*TTIN*/, 22 /*TTOU*/, 23 /*URG*/,
  24 /*XCPU*/, 25 /*XFSZ*/, 26 /*VTALRM*/, 27 /*PROF*/, 28 /*WINCH*/, 29 /*POLL*/, 30 /*PWR*/, 31 /*SYS*/,
];

/** Linux signal numbers (musl <bits/signal.h>). */
export const enum Sig {
  HUP = 1, INT = 2, QUIT = 3, ILL = 4, TRAP = 5, ABRT = 6, BUS = 7, FPE = 8, KILL = 9, USR1 = 10,
  SEGV = 11, USR2 = 12, PIPE = 13, ALRM = 14, TERM = 15, STKFLT = 16, CHLD = 17, CONT = 18,
  STOP = 19, TSTP = 20, TTIN = 21, TTOU = 22, URG = 23, XCPU = 24, XFSZ = 25, VTALRM = 26,
  PROF = 27, WINCH = 28, IO = 29, PWR = 30, SYS = 31,
}

export const SIGKILL = 9;
export const SIGABRT = 6;
/** Signals are 1 .. NSIG - 1 (musl's _NSIG is 65). */
export const NSIG = 65;

/** sa_flags bits (musl, Linux generic values). */
export const enum SaFlags {
  NOCLDSTOP = 1, NOCLDWAIT = 2, SIGINFO = 4, RESTORER = 0x04000000, ONSTACK = 0x08000000,
  RESTART = 0x10000000, NODEFER = 0x40000000, RESETHAND = 0x80000000,
}

/** sigprocmask's `how`. */
export const enum SigHow { BLOCK = 0, UNBLOCK = 1, SETMASK = 2 }

/** si_code values: who sent a signal, or what kind of fault raised it. */
export const enum SiCode {
  USER = 0, KERNEL = 0x80, QUEUE = -1, TIMER = -2, TKILL = -6,
  FPE_INTDIV = 1, FPE_INTOVF = 2, FPE_FLTINV = 7,
  SEGV_MAPERR = 1, SEGV_ACCERR = 2,
  BUS_ADRALN = 1,
  ILL_ILLOPC = 1, ILL_ILLOPN = 2,
}

export const enum DefaultAction { Terminate, Core, Ignore, Stop, Continue }

/** Linux signal names by number (1..31), as Node spells them; the one list of names. */
const SIGNAL_NAMES = ['', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE',
  'SIGKILL', 'SIGUSR1', 'SIGSEGV', 'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD',
  'SIGCONT', 'SIGSTOP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM',
  'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS'] as const;

/** A signal's name as Node spells it ('SIGTERM'). */
export type SignalName = Exclude<(typeof SIGNAL_NAMES)[number], ''>;

/** The number of a signal given by number or by name as Node spells it ('SIGTERM'); undefined if unknown. */
export function signalNumber(signal: number | string): number | undefined {
  if (typeof signal === 'number') return signal;
  const i = SIGNAL_NAMES.indexOf(signal as SignalName);
  return i > 0 ? i : undefined;
}

/** The name of a (Linux-numbered) signal ('SIGTERM'), or undefined for one without a name (real-time). */
export function knownSignalName(signal: number): SignalName | undefined {
  return (SIGNAL_NAMES[signal] || undefined) as SignalName | undefined;
}

/** The name of a signal number ('SIGTERM'), or 'SIG<n>' for one without a name (real-time). */
export function signalName(signal: number): string {
  return knownSignalName(signal) ?? `SIG${signal}`;
}

/** The name of WASI signal `wasiSignal` (proc_raise's numbering), or undefined. */
export function wasiSignalName(wasiSignal: number): string | undefined {
  const linux = linuxSignal(wasiSignal);
  return linux === undefined ? undefined : knownSignalName(linux);
}

/** The Linux number of a WASI signal, or undefined when out of range. */
export function linuxSignal(wasiSignal: number): number | undefined {
  return wasiSignal > 0 && wasiSignal < WASI_TO_LINUX.length ? WASI_TO_LINUX[wasiSignal] : undefined;
}

/** POSIX default action of a (Linux-numbered) signal; real-time signals terminate. */
export function defaultAction(sig: number): DefaultAction {
  switch (sig) {
    case 17: case 23: case 28: return DefaultAction.Ignore;            // CHLD URG WINCH
    case 18: return DefaultAction.Continue;                           // CONT
    case 19: case 20: case 21: case 22: return DefaultAction.Stop;    // STOP TSTP TTIN TTOU
    case 3: case 4: case 5: case 6: case 7: case 8: case 11: case 24: case 25: case 31:
      return DefaultAction.Core;                                      // QUIT ILL TRAP ABRT BUS FPE SEGV XCPU XFSZ SYS
    default: return DefaultAction.Terminate;
  }
}

/** A valid signal number (1 .. 64). */
export function validSignal(sig: number): boolean {
  return Number.isInteger(sig) && sig > 0 && sig < NSIG;
}

/** A signal whose disposition cannot be changed and which cannot be blocked. */
export function uncatchable(sig: number): boolean {
  return sig === Sig.KILL || sig === Sig.STOP;
}

/**
 * Kinds of exception the guest reflects to a process's exception handler thread (the `kind` word
 * of the kernel's exception IPC): what the wasm engine reported when the program trapped.
 */
export const enum TrapKind {
  DivideByZero = 1, IntegerOverflow = 2, FloatConversion = 3, OutOfBounds = 4, Unreachable = 5,
  StackExhausted = 6, BadIndirectCall = 7, Unaligned = 8, UncaughtException = 9, Other = 10,
  /** abort() trapped after SIGABRT's handler (if any) ran: always fatal. */
  Abort = 11,
}

/** The kind of trap behind an engine message (V8's wording). */
export function trapKind(message: string): TrapKind {
  if (/divide by zero|remainder by zero/i.test(message)) return TrapKind.DivideByZero;
  if (/divide result unrepresentable|integer overflow/i.test(message)) return TrapKind.IntegerOverflow;
  if (/float unrepresentable|integer result unrepresentable/i.test(message)) return TrapKind.FloatConversion;
  if (/call stack/i.test(message)) return TrapKind.StackExhausted;
  if (/null function|signature mismatch|table index/i.test(message)) return TrapKind.BadIndirectCall;
  if (/unaligned/i.test(message)) return TrapKind.Unaligned;
  if (/out of bounds/i.test(message)) return TrapKind.OutOfBounds;
  if (/unreachable/i.test(message)) return TrapKind.Unreachable;
  if (/uncaught wasm exception/i.test(message)) return TrapKind.UncaughtException;
  return TrapKind.Other;
}

/** The signal and si_code a trap raises, as Linux raises them for the equivalent CPU fault. */
export function trapSignal(kind: TrapKind): { sig: number; code: number } {
  switch (kind) {
    case TrapKind.DivideByZero: return { sig: Sig.FPE, code: SiCode.FPE_INTDIV };
    case TrapKind.IntegerOverflow: return { sig: Sig.FPE, code: SiCode.FPE_INTOVF };
    case TrapKind.FloatConversion: return { sig: Sig.FPE, code: SiCode.FPE_FLTINV };
    case TrapKind.OutOfBounds: return { sig: Sig.SEGV, code: SiCode.SEGV_MAPERR };
    case TrapKind.StackExhausted: return { sig: Sig.SEGV, code: SiCode.SEGV_MAPERR };
    case TrapKind.BadIndirectCall: return { sig: Sig.SEGV, code: SiCode.SEGV_MAPERR };
    case TrapKind.Unaligned: return { sig: Sig.BUS, code: SiCode.BUS_ADRALN };
    case TrapKind.Unreachable: return { sig: Sig.ILL, code: SiCode.ILL_ILLOPC };
    case TrapKind.UncaughtException: return { sig: Sig.ABRT, code: SiCode.TKILL };
    case TrapKind.Abort: return { sig: Sig.ABRT, code: SiCode.TKILL };
    default: return { sig: Sig.ILL, code: SiCode.ILL_ILLOPN };
  }
}
