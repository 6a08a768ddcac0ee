// Thread fixtures whose whole output is compared with the same program built by gcc/g++ and run on
// Linux (tests/posix/expected/NAME.out): POSIX threads, process-shared locks, the thread attributes
// wasi-libc leaves out, waits on a chosen clock, C11 threads (with memfd_create and secure_getenv),
// thread-local variables in C and C++, SIGEV_THREAD timers, <ucontext.h>'s contexts, asynchronous
// cancellation, robust mutexes and thread-directed signals (pthread_kill, tgkill, raise). Apart
// from compared_with_linux.test.ts so that the two run side by side (each compiles and prepares
// its fixtures).
import { describe, expect, it } from 'vitest';
import { build, itPrintsAsLinux, linuxOutput, run } from './run.js';

const CASES = [
  {
    name: 'pthreads',
    what: 'POSIX threads: mutexes, condition variables, barriers, rwlocks, spin locks, keys, once, cancellation, errno per thread, blocking calls, fork and signals in threads, pthread_exit of main',
  },
  {
    name: 'pthread_shared',
    what: 'process-shared mutex, condition variable and barrier in MAP_SHARED memory between a parent and its forked child',
  },
  {
    name: 'pthread_attrs',
    what: 'what wasi-libc declares and leaves out (scheduling attributes, scope, concurrency, priority ceilings, default attributes, affinity) and the waits on a chosen clock: mutex_clocklock, cond_clockwait, rwlock_clock*lock, sem_clockwait, clockjoin_np',
  },
  {
    name: 'c11_threads',
    what: "C11 threads (thrd_*, mtx_*, cnd_*, tss_*, call_once) on the same threads as pthreads; _setjmp/_longjmp; memfd_create; secure_getenv",
  },
  {
    name: 'thread_local',
    what: '__thread, _Thread_local and thread_local variables are one per thread: each thread starts from their initial values and changes only its own',
  },
  { name: 'timer_thread', what: 'SIGEV_THREAD timers: the function runs in a thread of its own with sigev_value, periodic and one-shot, until timer_delete' },
  {
    name: 'ucontext',
    what: "<ucontext.h> on green threads: makecontext(3)'s example, a generator, int arguments, setcontext back, uc_link chains, uc_sigmask, 20,000 switches, no uc_link ending the process",
  },
  {
    name: 'pthread_cancel_robust',
    what: "asynchronous cancellation of a thread that only computes, a pending cancel acting as it is enabled, open and write as cancellation points; robust mutexes (EOWNERDEAD, consistent, ENOTRECOVERABLE); errorcheck trylock; a CLOCK_MONOTONIC condition variable; pthread_getattr_np's stacks",
  },
  {
    name: 'pthread_kill',
    what: "thread-directed signals: pthread_kill's, tgkill's and raise's handler runs in the targeted thread (sleeping, computing, in sigsuspend, in a read: EINTR or SA_RESTART), the target's sigwait takes one it blocks (its own before the process's), sigpending per thread, ignored ones dropped unless blocked, a fatal default ends the process, a forked child has none pending, kill(getpid()) goes to a thread that does not block it",
  },
];

describe('threads as on Linux', () => {
  it('a decoupled program cannot create threads (EAGAIN: its code runs unprepared in a worker); its mutexes still work', async () => {
    const wasm = await build('tests/posix/fixtures/pthread_decoupled.c');
    const r = await run(wasm, [], { decouple: true });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('pthread_create: EAGAIN\nmutex: 0 16 0\ncond timedwait: ETIMEDOUT\n');
    expect(r.code).toBe(0);
  }, 240_000);

  it('C++ thread_local objects: one per thread, destroyed when their thread ends and, for the main thread, at exit before static objects', async () => {
    const r = await run(await build('tests/posix/fixtures/thread_local_cxx.cpp'), []);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(linuxOutput('thread_local_cxx'));
    expect(r.code).toBe(0);
  }, 240_000);

  it('pthread_kill to a thread that has ended (joined, or detached and done) is ESRCH, as musl answers (glibc answers 0 while it keeps the descriptor)', async () => {
    const r = await run(await build('tests/posix/fixtures/pthread_kill.c'), ['esrch']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('joined: No such process; detached and done: No such process\n');
    expect(r.code).toBe(0);
  }, 240_000);

  for (const c of CASES) itPrintsAsLinux(c);
});
