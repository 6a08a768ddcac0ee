const WASI_TO_LINUX = [
  0,
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11,
  12,
  13,
  14,
  15,
  17,
  18,
  19,
  20,
  21,
  22,
  23,
  24,
  25,
  26,
  27,
  28,
  29,
  30,
  31
];
var Sig = /* @__PURE__ */ ((Sig2) => {
  Sig2[Sig2["HUP"] = 1] = "HUP";
  Sig2[Sig2["INT"] = 2] = "INT";
  Sig2[Sig2["QUIT"] = 3] = "QUIT";
  Sig2[Sig2["ILL"] = 4] = "ILL";
  Sig2[Sig2["TRAP"] = 5] = "TRAP";
  Sig2[Sig2["ABRT"] = 6] = "ABRT";
  Sig2[Sig2["BUS"] = 7] = "BUS";
  Sig2[Sig2["FPE"] = 8] = "FPE";
  Sig2[Sig2["KILL"] = 9] = "KILL";
  Sig2[Sig2["USR1"] = 10] = "USR1";
  Sig2[Sig2["SEGV"] = 11] = "SEGV";
  Sig2[Sig2["USR2"] = 12] = "USR2";
  Sig2[Sig2["PIPE"] = 13] = "PIPE";
  Sig2[Sig2["ALRM"] = 14] = "ALRM";
  Sig2[Sig2["TERM"] = 15] = "TERM";
  Sig2[Sig2["STKFLT"] = 16] = "STKFLT";
  Sig2[Sig2["CHLD"] = 17] = "CHLD";
  Sig2[Sig2["CONT"] = 18] = "CONT";
  Sig2[Sig2["STOP"] = 19] = "STOP";
  Sig2[Sig2["TSTP"] = 20] = "TSTP";
  Sig2[Sig2["TTIN"] = 21] = "TTIN";
  Sig2[Sig2["TTOU"] = 22] = "TTOU";
  Sig2[Sig2["URG"] = 23] = "URG";
  Sig2[Sig2["XCPU"] = 24] = "XCPU";
  Sig2[Sig2["XFSZ"] = 25] = "XFSZ";
  Sig2[Sig2["VTALRM"] = 26] = "VTALRM";
  Sig2[Sig2["PROF"] = 27] = "PROF";
  Sig2[Sig2["WINCH"] = 28] = "WINCH";
  Sig2[Sig2["IO"] = 29] = "IO";
  Sig2[Sig2["PWR"] = 30] = "PWR";
  Sig2[Sig2["SYS"] = 31] = "SYS";
  return Sig2;
})(Sig || {});
const SIGKILL = 9;
const SIGABRT = 6;
const NSIG = 65;
var SaFlags = /* @__PURE__ */ ((SaFlags2) => {
  SaFlags2[SaFlags2["NOCLDSTOP"] = 1] = "NOCLDSTOP";
  SaFlags2[SaFlags2["NOCLDWAIT"] = 2] = "NOCLDWAIT";
  SaFlags2[SaFlags2["SIGINFO"] = 4] = "SIGINFO";
  SaFlags2[SaFlags2["RESTORER"] = 67108864] = "RESTORER";
  SaFlags2[SaFlags2["ONSTACK"] = 134217728] = "ONSTACK";
  SaFlags2[SaFlags2["RESTART"] = 268435456] = "RESTART";
  SaFlags2[SaFlags2["NODEFER"] = 1073741824] = "NODEFER";
  SaFlags2[SaFlags2["RESETHAND"] = 2147483648] = "RESETHAND";
  return SaFlags2;
})(SaFlags || {});
var SigHow = /* @__PURE__ */ ((SigHow2) => {
  SigHow2[SigHow2["BLOCK"] = 0] = "BLOCK";
  SigHow2[SigHow2["UNBLOCK"] = 1] = "UNBLOCK";
  SigHow2[SigHow2["SETMASK"] = 2] = "SETMASK";
  return SigHow2;
})(SigHow || {});
var SiCode = /* @__PURE__ */ ((SiCode2) => {
  SiCode2[SiCode2["USER"] = 0] = "USER";
  SiCode2[SiCode2["KERNEL"] = 128] = "KERNEL";
  SiCode2[SiCode2["QUEUE"] = -1] = "QUEUE";
  SiCode2[SiCode2["TIMER"] = -2] = "TIMER";
  SiCode2[SiCode2["TKILL"] = -6] = "TKILL";
  SiCode2[SiCode2["FPE_INTDIV"] = 1] = "FPE_INTDIV";
  SiCode2[SiCode2["FPE_INTOVF"] = 2] = "FPE_INTOVF";
  SiCode2[SiCode2["FPE_FLTINV"] = 7] = "FPE_FLTINV";
  SiCode2[SiCode2["SEGV_MAPERR"] = 1] = "SEGV_MAPERR";
  SiCode2[SiCode2["SEGV_ACCERR"] = 2] = "SEGV_ACCERR";
  SiCode2[SiCode2["BUS_ADRALN"] = 1] = "BUS_ADRALN";
  SiCode2[SiCode2["ILL_ILLOPC"] = 1] = "ILL_ILLOPC";
  SiCode2[SiCode2["ILL_ILLOPN"] = 2] = "ILL_ILLOPN";
  return SiCode2;
})(SiCode || {});
var DefaultAction = /* @__PURE__ */ ((DefaultAction2) => {
  DefaultAction2[DefaultAction2["Terminate"] = 0] = "Terminate";
  DefaultAction2[DefaultAction2["Core"] = 1] = "Core";
  DefaultAction2[DefaultAction2["Ignore"] = 2] = "Ignore";
  DefaultAction2[DefaultAction2["Stop"] = 3] = "Stop";
  DefaultAction2[DefaultAction2["Continue"] = 4] = "Continue";
  return DefaultAction2;
})(DefaultAction || {});
const SIGNAL_NAMES = [
  "",
  "SIGHUP",
  "SIGINT",
  "SIGQUIT",
  "SIGILL",
  "SIGTRAP",
  "SIGABRT",
  "SIGBUS",
  "SIGFPE",
  "SIGKILL",
  "SIGUSR1",
  "SIGSEGV",
  "SIGUSR2",
  "SIGPIPE",
  "SIGALRM",
  "SIGTERM",
  "SIGSTKFLT",
  "SIGCHLD",
  "SIGCONT",
  "SIGSTOP",
  "SIGTSTP",
  "SIGTTIN",
  "SIGTTOU",
  "SIGURG",
  "SIGXCPU",
  "SIGXFSZ",
  "SIGVTALRM",
  "SIGPROF",
  "SIGWINCH",
  "SIGIO",
  "SIGPWR",
  "SIGSYS"
];
function signalNumber(signal) {
  if (typeof signal === "number") return signal;
  const i = SIGNAL_NAMES.indexOf(signal);
  return i > 0 ? i : void 0;
}
function knownSignalName(signal) {
  return SIGNAL_NAMES[signal] || void 0;
}
function signalName(signal) {
  return knownSignalName(signal) ?? `SIG${signal}`;
}
function wasiSignalName(wasiSignal) {
  const linux = linuxSignal(wasiSignal);
  return linux === void 0 ? void 0 : knownSignalName(linux);
}
function linuxSignal(wasiSignal) {
  return wasiSignal > 0 && wasiSignal < WASI_TO_LINUX.length ? WASI_TO_LINUX[wasiSignal] : void 0;
}
function defaultAction(sig) {
  switch (sig) {
    case 17:
    case 23:
    case 28:
      return 2 /* Ignore */;
    // CHLD URG WINCH
    case 18:
      return 4 /* Continue */;
    // CONT
    case 19:
    case 20:
    case 21:
    case 22:
      return 3 /* Stop */;
    // STOP TSTP TTIN TTOU
    case 3:
    case 4:
    case 5:
    case 6:
    case 7:
    case 8:
    case 11:
    case 24:
    case 25:
    case 31:
      return 1 /* Core */;
    // QUIT ILL TRAP ABRT BUS FPE SEGV XCPU XFSZ SYS
    default:
      return 0 /* Terminate */;
  }
}
function validSignal(sig) {
  return Number.isInteger(sig) && sig > 0 && sig < NSIG;
}
function uncatchable(sig) {
  return sig === 9 /* KILL */ || sig === 19 /* STOP */;
}
var TrapKind = /* @__PURE__ */ ((TrapKind2) => {
  TrapKind2[TrapKind2["DivideByZero"] = 1] = "DivideByZero";
  TrapKind2[TrapKind2["IntegerOverflow"] = 2] = "IntegerOverflow";
  TrapKind2[TrapKind2["FloatConversion"] = 3] = "FloatConversion";
  TrapKind2[TrapKind2["OutOfBounds"] = 4] = "OutOfBounds";
  TrapKind2[TrapKind2["Unreachable"] = 5] = "Unreachable";
  TrapKind2[TrapKind2["StackExhausted"] = 6] = "StackExhausted";
  TrapKind2[TrapKind2["BadIndirectCall"] = 7] = "BadIndirectCall";
  TrapKind2[TrapKind2["Unaligned"] = 8] = "Unaligned";
  TrapKind2[TrapKind2["UncaughtException"] = 9] = "UncaughtException";
  TrapKind2[TrapKind2["Other"] = 10] = "Other";
  TrapKind2[TrapKind2["Abort"] = 11] = "Abort";
  return TrapKind2;
})(TrapKind || {});
function trapKind(message) {
  if (/divide by zero|remainder by zero/i.test(message)) return 1 /* DivideByZero */;
  if (/divide result unrepresentable|integer overflow/i.test(message)) return 2 /* IntegerOverflow */;
  if (/float unrepresentable|integer result unrepresentable/i.test(message)) return 3 /* FloatConversion */;
  if (/call stack/i.test(message)) return 6 /* StackExhausted */;
  if (/null function|signature mismatch|table index/i.test(message)) return 7 /* BadIndirectCall */;
  if (/unaligned/i.test(message)) return 8 /* Unaligned */;
  if (/out of bounds/i.test(message)) return 4 /* OutOfBounds */;
  if (/unreachable/i.test(message)) return 5 /* Unreachable */;
  if (/uncaught wasm exception/i.test(message)) return 9 /* UncaughtException */;
  return 10 /* Other */;
}
function trapSignal(kind) {
  switch (kind) {
    case 1 /* DivideByZero */:
      return { sig: 8 /* FPE */, code: 1 /* FPE_INTDIV */ };
    case 2 /* IntegerOverflow */:
      return { sig: 8 /* FPE */, code: 2 /* FPE_INTOVF */ };
    case 3 /* FloatConversion */:
      return { sig: 8 /* FPE */, code: 7 /* FPE_FLTINV */ };
    case 4 /* OutOfBounds */:
      return { sig: 11 /* SEGV */, code: 1 /* SEGV_MAPERR */ };
    case 6 /* StackExhausted */:
      return { sig: 11 /* SEGV */, code: 1 /* SEGV_MAPERR */ };
    case 7 /* BadIndirectCall */:
      return { sig: 11 /* SEGV */, code: 1 /* SEGV_MAPERR */ };
    case 8 /* Unaligned */:
      return { sig: 7 /* BUS */, code: 1 /* BUS_ADRALN */ };
    case 5 /* Unreachable */:
      return { sig: 4 /* ILL */, code: 1 /* ILL_ILLOPC */ };
    case 9 /* UncaughtException */:
      return { sig: 6 /* ABRT */, code: -6 /* TKILL */ };
    case 11 /* Abort */:
      return { sig: 6 /* ABRT */, code: -6 /* TKILL */ };
    default:
      return { sig: 4 /* ILL */, code: 2 /* ILL_ILLOPN */ };
  }
}
export {
  DefaultAction,
  NSIG,
  SIGABRT,
  SIGKILL,
  SaFlags,
  SiCode,
  Sig,
  SigHow,
  TrapKind,
  defaultAction,
  knownSignalName,
  linuxSignal,
  signalName,
  signalNumber,
  trapKind,
  trapSignal,
  uncatchable,
  validSignal,
  wasiSignalName
};
