// The signal family: raising, handling, masking and timers that signal.
import { family, L4POSIX, WASI } from './spec.js';
import { procCalls as wasiProc } from '../wasi_proc.js';
import { signalCalls } from '../l4posix_signal.js';
import { timerCalls } from '../l4posix_timer.js';
import { signalfdCalls } from '../l4posix_signalfd.js';

export const signalFamily = [
  ...family('signal', WASI, { proc_raise: wasiProc.proc_raise }, {
    // May end the caller: it stays in the caller's backend on the server path.
    proc_raise: ['sig:signal', { callerOnly: true }],
  }),
  ...family('signal', L4POSIX, signalCalls, {
    sigaction: ['sig:int act:ptr old:ptr'],
    // The mask is the caller's own and changes at once.
    sigprocmask: ['how:int set:ptr old:ptr', { suspends: false }],
    sigpending: ['set:ptr', { suspends: false }],
    sigsuspend: ['set:ptr'],
    pause: [''],
    kill: ['pid:int sig:int'],
    sigqueue: ['pid:int sig:int value:int code:int'],
    pdeathsig: ['set:int sig:int', { suspends: false }],
    raise: ['sig:int'],
    // A signal for one thread (pthread_kill): pending for it alone.
    tgkill: ['pid:int tid:int sig:int'],
    // The loops' preemption check (instrument.ts): the call boundary where a time slice ends.
    preempt: [''],
    // The division helpers' question before a trap (instrument.ts): may end the caller.
    fault: ['returned:int', { suspends: false, callerOnly: true }],
    setitimer: ['which:int new:ptr old:ptr'],
    getitimer: ['which:int cur:ptr'],
  }),
  ...family('signal', L4POSIX, timerCalls, {
    timer_create: ['clock:int sevp:ptr id:ptr'],
    timer_settime: ['id:int flags:int new:ptr old:ptr'],
    timer_gettime: ['id:int cur:ptr'],
    timer_getoverrun: ['id:int'],
    timer_delete: ['id:int'],
    timer_notification: ['out:ptr'],
  }),
  // Reading the process's pending signals through a descriptor (sysroot/src/signalfd.c).
  ...family('signal', L4POSIX, signalfdCalls, {
    signalfd: ['fd:int mask:ptr flags:int', { suspends: false }],
  }),
];
