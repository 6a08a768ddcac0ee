// The proc family: arguments and environment, exit, the CPU, and processes (spawn, fork, exec,
// wait, groups, sessions), and moving a program between the vCPU and a core of its own.
import { family, L4POSIX, WASI } from './spec.js';
import { procCalls as wasiProc } from '../wasi_proc.js';
import { procCalls } from '../l4posix_proc.js';
import { decoupleCalls } from '../l4posix_decouple.js';
import { waitidCalls } from '../l4posix_waitid.js';
import { threadCalls } from '../l4posix_thread.js';

const { args_get, args_sizes_get, environ_get, environ_sizes_get, proc_exit, sched_yield } = wasiProc;

export const procFamily = [
  ...family('proc', WASI, { args_get, args_sizes_get, environ_get, environ_sizes_get, proc_exit, sched_yield }, {
    // coreLocal: a decoupled program's core answers them from the lists it was given (guest/startup_lending.ts).
    args_get: ['argv:ptr argv_buf:ptr', { suspends: false, coreLocal: true }],
    args_sizes_get: ['argc:out32 argv_buf_size:out32', { suspends: false, coreLocal: true }],
    environ_get: ['environ:ptr environ_buf:ptr', { suspends: false, coreLocal: true }],
    environ_sizes_get: ['environc:out32 environ_buf_size:out32', { suspends: false, coreLocal: true }],
    // Ends the caller; never returns.
    proc_exit: ['rval:int', { suspends: false, callerOnly: true, returns: false }],
    // Gives up the caller's CPU: the caller does that itself.
    sched_yield: ['', { callerOnly: true }],
  }),
  ...family('proc', L4POSIX, { ...procCalls, ...decoupleCalls }, {
    spawn: ['request:ptr pid:ptr'],
    fork: [''],
    exec: ['request:ptr'],
    fexec: ['fd:fd request:ptr'],
    waitpid: ['pid:int status:ptr options:int'],
    child_usage: ['which:int buf:ptr', { suspends: false }],
    setpgid: ['pid:int pgid:int'],
    getpgid: ['pid:int'],
    setsid: [''],
    getsid: ['pid:int'],
    decouple: [''],
    recouple: [''],
  }),
  // POSIX threads: green threads of a multiplexed program (l4posix_thread.ts, sysroot/src/pthread.c).
  ...family('proc', L4POSIX, threadCalls, {
    thread_create: ['arg:ptr stack_top:ptr errno:ptr self:ptr', { suspends: false }],
    thread_exit: [''],
    futex_wait: ['addr:ptr expected:int clock:int deadline:i64'],
    futex_wake: ['addr:ptr count:int', { suspends: false }],
    thread_cancel: ['tid:int', { suspends: false }],
  }),
  ...family('proc', L4POSIX, waitidCalls, {
    waitid: ['idtype:int id:int info:ptr options:int'],
  }),
];
