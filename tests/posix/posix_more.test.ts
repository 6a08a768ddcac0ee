// The link probe (tests/posix/fixtures/link_probe.c), and the calls it found missing besides
// eventfd, epoll and wordexp (compared whole with Linux in compared_with_linux.test.ts): dlfcn,
// syslog, utmpx, scheduling, XSI signals, ids, getrandom, ulimit, ptys, message queues, System
// V IPC's and POSIX message queues' presence (sysv_ipc.c and mqueue.c compare them whole with
// Linux), ftok, sysinfo. Several answers are l4wasm's own (dlopen's reason), so the expected
// lines are written here; and wordexp's cases where
// glibc, the comparison's reference, is wrong.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { compileCached, CompileError } from '../../src/toolchain/compile_cache.js';
import { build, lines, ROOT, run } from './run.js';

/** What the link probe may still find undefined: Linux calls l4wasm does not provide. */
const STILL_MISSING = new Set(['getmsg', 'mcheck']);

describe('the link probe', () => {
  it('every POSIX.1-2017 function that makes sense without threads links, except the known list', async () => {
    let diagnostics = '';
    try {
      await compileCached(join(ROOT, 'tests/posix/fixtures/link_probe.c'), ['-O0', '-Wl,--error-limit=0']);
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      diagnostics = e.diagnostics;
    }
    const undefinedSymbols = [...diagnostics.matchAll(/undefined symbol: (\w+)/g)].map((m) => m[1]!);
    expect(undefinedSymbols.filter((s) => !STILL_MISSING.has(s))).toEqual([]);
    for (const s of ['dlopen', 'wordexp', 'eventfd', 'epoll_wait', 'syslog', 'getutxent', 'sched_setscheduler', 'msgget',
      'timerfd_create', 'signalfd', 'sendfile', 'readdir_r', 'fexecve', 'lio_listio', 'inotify_init', 'getauxval',
      'sched_getaffinity', 'prctl', 'socket', 'bind', 'connect', 'listen', 'getaddrinfo', 'freeaddrinfo', 'gai_strerror',
      'getnameinfo', 'gethostbyname', 'if_nametoindex']) {
      expect(undefinedSymbols).not.toContain(s);
    }
  }, 240_000);
});

describe('calls the link probe found missing', () => {
  it('dlfcn fails cleanly, syslog to stderr with LOG_PERROR, empty utmpx, SCHED_OTHER only, XSI signals, ids, getrandom, ptys, message queues, System V IPC, ftok, sysinfo', async () => {
    const r = await run(await build('tests/posix/fixtures/posix_more.c'), []);
    expect(r.stderr).toBe(lines('probe: open failed: No such file or directory (5%)', 'probe: kept'));
    expect(r.stdout).toBe(lines(
      'dlerror with nothing pending is NULL: ok',
      'dlopen fails: ok',
      'dlerror: libm.so: dynamic loading is not supported (l4wasm: programs are single wasm modules)',
      'dlerror is cleared after reading: ok',
      'dlopen(NULL) fails too: ok',
      'dlsym(RTLD_DEFAULT) is NULL: ok',
      'dlsym error: printf: symbol not found (l4wasm has no dynamic symbol table)',
      'dlsym(RTLD_NEXT) is NULL with an error: ok',
      'dlclose(NULL) fails with an error: ok',
      'setlogmask returns the old mask: ok',
      'setlogmask(0) only reads: ok',
      'getutxent is NULL: ok',
      'getutxid is NULL: ok',
      'pututxline: ENOSYS',
      'getscheduler: 0, priority range FIFO 1..99, OTHER 0..0',
      'getparam: ok',
      'setscheduler OTHER 0: ok',
      'setscheduler FIFO 10: EPERM',
      'setparam 10 under OTHER: EINVAL',
      'policy 42: EINVAL',
      'getscheduler of no such process: ESRCH',
      'rr_get_interval: ok',
      'sighold: ok',
      'held: ok',
      'not delivered while held: ok',
      'sigrelse: ok',
      'delivered on release: ok',
      'sigset(SIG_HOLD) returns the handler: ok',
      'sigset while held returns SIG_HOLD and unblocks: ok',
      'sigignore: ok',
      'ignored: ok',
      'sighold(0): EINVAL',
      'ftrylockfile: ok',
      'getresuid: ok',
      'getresuid matches: ok',
      'setreuid(-1, own): ok',
      'setreuid(other): EPERM',
      'setregid(own, own): ok',
      'setgroups(own): ok',
      'setgroups(other): EPERM',
      'getrandom: 600',
      'getrandom filled the buffer: ok',
      'getrandom bad flags: EINVAL',
      'ulimit(UL_GETFSIZE) is positive: ok',
      'ulimit(99): EINVAL',
      'posix_openpt: ENOENT',
      'openpty: ENOENT',
      'grantpt(0): EINVAL',
      'grantpt(bad fd): EBADF',
      'ptsname(0) is NULL: ok',
      'isastream(0): 0',
      'isastream(bad fd): EBADF',
      'mq_open: ok',
      'msgget: ok',
      'semget: ok',
      'shmget: ok',
      'shmat of an unknown id: EINVAL',
      'ftok is Linux\'s: ok',
      'ftok differs by id: ok',
      'ftok(missing): ENOENT',
      'sysinfo: ok',
      'sysinfo memory: ok',
      'getloadavg: 3 0.0 0.0 0.0',
      'get_current_dir_name is getcwd: ok',
      'setpgrp in a session leader: EPERM',
      'setpgrp in a child makes its own group: ok',
      'spawnattr setschedpolicy RR: ok',
      'spawnattr setschedpolicy 42: EINVAL',
      'spawnattr setschedparam: ok',
      'spawnattr sched: policy 2 priority 5',
    ));
    expect(r.code).toBe(0);
  }, 240_000);
});

describe('wordexp where glibc is wrong', () => {
  it('splits at white space around glued expansions, globs expanded fields, "$EMPTY" is one empty word, ${x?} is WRDE_BADVAL, arithmetic with variables', async () => {
    const r = await run(await build('tests/posix/fixtures/wordexp.c'), ['beyond-glibc']);
    expect(r.stderr).toBe(lines('UNSET: message'));
    expect(r.stdout).toBe(lines(
      'x$PADDED.y                   -> ok 5: <x> <lead> <and> <trail> <.y>',
      '$STAR                        -> ok 2: <a.c> <b.c>',
      '"$EMPTY"                     -> ok 1: <>',
      'a"$EMPTY"b "$EMPTY"          -> ok 2: <ab> <>',
      '${UNSET?}                    -> WRDE_BADVAL',
      '${UNSET:?message}            -> WRDE_BADVAL',
      '${EMPTY?} x                  -> ok 1: <x>',
      '${UNSET:?message}            -> WRDE_BADVAL',
      '${UNSET:-ok}                 -> ok 1: <ok>',
      '$((1 + 2 * 3)) $((N * 6)) $(( (2+3) % 3 )) -> ok 3: <7> <42> <2>',
      '$((N > 3 && N < 10)) $((-N)) $((1 << 4)) $((N ? 1 : 2)) -> ok 4: <1> <-7> <16> <1>',
      '$(()) $((  ))                -> ok 2: <0> <0>',
      '$((1/0)) x                   -> WRDE_SYNTAX',
      '$((1 +)) x                   -> WRDE_SYNTAX',
    ));
    expect(r.code).toBe(0);
  }, 240_000);
});

describe('exec of a descriptor, asynchronous I/O, inotify', () => {
  it('fexecve runs the open program (its offset unmoved), aio completes at submission with errors and notifications, lio_listio, inotify is ENOSYS, CPU affinity, getauxval, prctl', async () => {
    const wasm = await build('tests/posix/fixtures/exec_aio.c');
    const r = await run(wasm, ['/rom/exec_aio.wasm'], { roms: [{ name: 'exec_aio.wasm', path: wasm }] });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(lines(
      "exec'd as child, FROM=fexecve",
      "child exit: 7, parent's offset 5",
      'fexecve closed fd: EBADF',
      'fexecve directory: EACCES',
      'aio_write: 0, error ok, return 12',
      'aio_suspend: 0',
      'aio_cancel: AIO_ALLDONE',
      'aio_read: 0, return 16, bytes ok, signals 1',
      'notification: code SI_ASYNCIO, value 77',
      'aio_read closed fd: 0, error EBADF, return -1',
      'aio_read negative offset: 0, error EINVAL',
      'aio_read SIGEV_THREAD: -1 ENOTSUP',
      'aio_fsync bad op: -1 EINVAL',
      'aio_fsync: 0, error ok',
      'aio_cancel closed fd: -1 EBADF',
      'aio_cancel other fd: -1 EINVAL',
      'lio_listio: 0, write 4, read 8 [LISTasyn]',
      'lio_listio with a bad fd: -1 EIO, errors ok EBADF',
      'lio_listio LIO_NOWAIT: 0, signals 1',
      'lio_listio bad mode: -1 EINVAL',
      'sched_getaffinity: 0 ok',
      'CPU_COUNT is the number of CPUs: yes',
      'sched_setaffinity empty: -1 EINVAL',
      'sched_setaffinity CPU 0: 0 ok',
      'after: count 1, CPU 0 set, sched_getcpu 0',
      'sched_getaffinity 3 bytes: -1 EINVAL',
      'sched_getaffinity no such pid: -1 ESRCH',
      'AT_PAGESZ is the page size: yes',
      'AT_UID: uid, AT_RANDOM: set',
      'unknown type: 0 ENOENT',
      'PR_GET_NAME is the file name: yes',
      'PR_SET_NAME: [a-name-longer-t]',
      'PR_SET_PDEATHSIG 99: -1 EINVAL',
      'PR_SET_PDEATHSIG: 0 ok',
      'PR_GET_PDEATHSIG: 12',
      'PR_GET_DUMPABLE: 1 ok',
      'PR_SET_NO_NEW_PRIVS: 0 ok',
      'PR_GET_NO_NEW_PRIVS: 1 ok',
      'unknown option: -1 EINVAL',
      'the grandchild got its parent-death signal: yes',
      'inotify_init: -1 ENOSYS',
      'inotify_init1: -1 ENOSYS',
      'inotify_add_watch: -1 ENOSYS',
    ));
    expect(r.code).toBe(0);
  }, 240_000);
});
