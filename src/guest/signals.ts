// Signal numbers: WASI's proc_raise enumeration, Linux's numbers (what exit statuses and the
// API report), and each signal's default action as POSIX gives it.

/** Linux signal numbers, by WASI signal number (index). */
const WASI_TO_LINUX = [
  0, 1 /*HUP*/, 2 /*INT*/, 3 /*QUIT*/, 4 /*ILL*/, 5 /*TRAP*/, 6 /*ABRT*/, 7 /*BUS*/, 8 /*FPE*/,
  9 /*KILL*/, 10 /*USR1*/, 11 /*SEGV*/, 12 /*USR2*/, 13 /*PIPE*/, 14 /*ALRM*/, 15 /*TERM*/,
  17 /*CHLD*/, 18 /*CONT*/, 19 /*STOP*/, 20 /*TSTP*/, 21 /*TTIN*/, 22 /*TTOU*/, 23 /*URG*/,
  24 /*XCPU*/, 25 /*XFSZ*/, 26 /*VTALRM*/, 27 /*PROF*/, 28 /*WINCH*/, 29 /*POLL*/, 30 /*PWR*/, 31 /*SYS*/,
];

export const SIGKILL = 9;
export const SIGABRT = 6;

export const enum DefaultAction { Terminate, Core, Ignore, Stop, Continue }

/** The Linux number of a WASI signal, or undefined when out of range. */
export function linuxSignal(wasiSignal: number): number | undefined {
  return wasiSignal > 0 && wasiSignal < WASI_TO_LINUX.length ? WASI_TO_LINUX[wasiSignal] : undefined;
}

/** POSIX default action of a (Linux-numbered) signal. */
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
