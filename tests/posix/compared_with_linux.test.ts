// Fixtures whose whole output is compared with the same program built by gcc and run on Linux
// (glibc), kept in tests/posix/expected/NAME.out: poll's hang-up on pipes, MAP_SHARED across fork,
// poll's nfds limit, named pipes, socket pairs, named AF_UNIX sockets, POSIX shared memory and semaphores, waitid,
// pselect, ftw, ppoll, eventfd, epoll, wordexp; timerfd, signalfd, sendfile, copy_file_range, readdir_r;
// and where wasi-libc (musl) answers otherwise than glibc: "." as a path, getopt's order, strtol's
// errno, strerror's messages, strftime/strptime's conversions, fopen "a", PIPE_BUF, pathconf, regerror,
// glob's GNU flags, rand/random's numbers, qsort's order of equal keys, stdout's buffering, strsignal,
// ctype's values, isinf, <limits.h>, a directory's size, d_type's numbers; descriptors numbered from 3;
// exec of a file without execute permission; RLIMIT_FSIZE; <netdb.h>; System V IPC; POSIX
// message queues; <sys/queue.h>; CPU-time interval timers and children's resource usage; a mapping
// and its own process's file I/O; GNU calls and headers; AF_INET sockets on the loopback network;
// EFAULT for null pointers; real-time signals queued and the order of handlers taken together;
// flock's locks of the open file description, sbrk/brk by any number of bytes, getcwd's errors;
// "#!" scripts, glibc's sysconf values, setlocale's names.
// Threads: threads_compared_with_linux.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, itPrintsAsLinux, linuxOutput, run } from './run.js';

const CASES = [
  { name: 'poll_hangup', what: 'poll on a pipe whose other end is closed reports the hang-up (POLLHUP)' },
  { name: 'poll_limits', what: "poll: more descriptors than RLIMIT_NOFILE is EINVAL (200000 crashed the program); a thousand entries; setrlimit's limit" },
  {
    name: 'fork_shared',
    what: 'MAP_SHARED memory (anonymous and file) stays shared with children and grandchildren; MAP_PRIVATE stays private',
  },
  {
    name: 'fifo',
    what: 'named pipes: mkfifo/mknod, O_NONBLOCK opens, opens that wait for the other end, EINTR, O_RDWR',
  },
  {
    name: 'socketpair',
    what: 'socketpair(AF_UNIX): streams and datagrams, recv/send flags, shutdown, close, poll, fork, EINTR, errors',
  },
  {
    name: 'unix_socket',
    what: 'named AF_UNIX sockets: bind/listen/accept/connect and their errors, a forking echo server, abstract names, datagram addresses, SCM_RIGHTS',
  },
  {
    name: 'shm',
    what: 'shm_open/shm_unlink: files in /dev/shm, flags, ftruncate + MAP_SHARED between processes, name errors',
  },
  {
    name: 'semaphores',
    what: 'POSIX semaphores: unnamed and named, trywait/timedwait/post limits, signals, shared between processes',
  },
  { name: 'waitid', what: 'waitid: P_PID, P_PGID, P_ALL; WEXITED, WSTOPPED, WNOHANG, WNOWAIT; the siginfo; errors' },
  { name: 'pselect', what: 'pselect: the signal mask in place for the wait only (EINTR, restored after), the sets rewritten, EBADF, EINVAL' },
  { name: 'ftw', what: 'ftw and nftw: types, levels, FTW_PHYS, FTW_DEPTH, a callback that stops, a missing root; sync' },
  { name: 'ppoll', what: 'ppoll: readiness, timeout, the signal mask swapped for the wait only (EINTR, restored after); hang-ups; errors' },
  { name: 'eventfd', what: 'eventfd: counter and semaphore reads, EAGAIN/EINVAL, overflow, poll readiness, EFD_CLOEXEC, shared with a child' },
  {
    name: 'epoll',
    what: 'epoll: interest-list errors, level-triggered reports, EPOLLONESHOT, hang-ups, eventfd, timeouts, a child waking a wait, dup, EPOLLET, a list shared with a child',
  },
  {
    name: 'fd_objects',
    what: 'timerfd (counts, periodic and absolute timers, poll/epoll, errors), signalfd (records, set updates, a kill from a child), sendfile, copy_file_range, readdir_r',
  },
  {
    name: 'wordexp',
    what: 'wordexp: tilde, parameters, IFS splitting, quotes, globbing, arithmetic, command substitution, WRDE_* flags and errors',
  },
  { name: 'dot_path', what: 'a path that is exactly "." or "./": rmdir EINVAL, rename EBUSY, unlink EISDIR; stat, open, opendir, chdir, realpath reach the directory' },
  { name: 'getopt_permute', what: 'getopt: options after operands, operands moved behind them, "--", "-", a missing argument at the end, optarg cleared' },
  { name: 'strtol_glibc', what: 'strtoll, strtoull, strtoimax: values, end pointers and errno (untouched without digits, ERANGE, EINVAL for a bad base)' },
  { name: 'strerror_text', what: "strerror, strerror_r and %m give glibc's messages" },
  { name: 'time_format', what: "strftime's glibc conversions, flags and widths; strptime's conversions and the date it completes" },
  { name: 'stdio_streams', what: 'streams: "a" at the end from the start, "a+", fgets/getline/getdelim, ungetc, fmemopen, open_memstream, tmpfile, setvbuf' },
  { name: 'limits_regex', what: "PIPE_BUF, pathconf and fpathconf (values and errors), regerror's messages" },
  { name: 'glob_gnu', what: "glob's GLOB_BRACE, GLOB_TILDE, GLOB_TILDE_CHECK, GLOB_NOMAGIC and GLOB_ONLYDIR" },
  { name: 'random_glibc', what: "rand, srand, rand_r, random, srandom, initstate, setstate: glibc's numbers for the same seeds" },
  { name: 'qsort_stable', what: 'qsort keeps equal keys in order (small, large, big elements); qsort_r; bsearch' },
  { name: 'stdout_buffering', what: 'stdout to a pipe is fully buffered from the first byte: a line printed before fork comes out twice; _exit drops the buffer' },
  { name: 'dirent_types', what: "d_type is Linux's number (DT_DIR 4, DT_REG 8, DT_LNK 10): readdir, readdir_r, scandir's filter and result, IFTODT" },
  {
    name: 'file_size_limit',
    what: 'RLIMIT_FSIZE: writes cut at the limit, EFBIG and SIGXFSZ past it (ignored, caught, a child killed), ftruncate, posix_fallocate, O_APPEND, stdio, pipes exempt; inherited by a child',
  },
  {
    name: 'sysv_ipc',
    what: 'System V IPC between processes: shared memory (fork, nattch, keys, removal while attached), semaphore sets (atomic semop, blocking, GETNCNT/GETZCNT, semtimedop, EINTR under SA_RESTART, EIDRM), message queues (types, MSG_EXCEPT, MSG_NOERROR, a blocked receiver, EIDRM)',
  },
  {
    name: 'mqueue',
    what: 'POSIX message queues: names, attributes, priority order, sizes, O_NONBLOCK, timed send and receive, a receiver blocked until another process sends, access modes, mq_notify, unlink and close',
  },
  {
    name: 'rusage_itimers',
    what: 'ITIMER_VIRTUAL and ITIMER_PROF fire while computing, read back and disarm; getrusage ru_utime and ru_maxrss; wait4 rusage of the child; RUSAGE_CHILDREN',
  },
  { name: 'bsd_queue', what: "<sys/queue.h>'s SLIST, STAILQ, SIMPLEQ, LIST and TAILQ as glibc's header has them" },
  {
    name: 'mmap_own_writes',
    what: "a process's own MAP_SHARED mapping and its pwrite/write/pread/ftruncate of the file see each other at once",
  },
  {
    name: 'netdb',
    what: 'netdb.h without a resolver: getaddrinfo (numeric hosts, localhost, services, passive and loopback defaults, v4-mapped, every error and its text), getnameinfo, gethostbyname, services and protocols',
  },
  {
    name: 'glibc_values',
    what: "values glibc's differ in: strsignal's texts and SIGRTMIN, the ctype macros' class bits, isinf's sign, LINE_MAX and the other <limits.h> constants (and sysconf), a directory's size and blocks",
  },
  {
    name: 'gnu_calls',
    what: "GNU/BSD calls: privileged ones refused as for an unprivileged user, prlimit, clock_getcpuclockid, getgrouplist, personality, random_r and drand48_r's numbers, GNU basename, strfry, renameat2, fallocate, splice, preadv2/pwritev2, mremap, mincore, sendmmsg/recvmmsg, xattr calls, getpass",
  },
  {
    name: 'linux_headers',
    what: "glibc's own headers: error/error_at_line's output, mntent tables (escapes, missing fields, addmntent, hasmntopt), shadow entries (fgetspent, sgetspent, putspent), an empty utmp, fcloseall",
  },
  {
    name: 'inet_loopback',
    what: 'AF_INET and AF_INET6 on the loopback network: a TCP server and a forked client, addresses each side sees, errors, UDP with autobind, UDP connected to a port before it is bound (ECONNREFUSED at the next call, POLLERR, SO_ERROR), nonblocking TCP connects (EINPROGRESS, the outcome by poll, SO_ERROR and the next connect), IPv6 and a v4 client of a v6 listener, options, poll/select on a listener, getaddrinfo, the lo interface',
  },
  {
    name: 'signal_queue',
    what: 'real-time signals queue (sigqueue values in order, sigwaitinfo/sigtimedwait one at a time, from a child with its pid, dropped when ignored); signals taken together run nested, the last taken first; SA_RESETHAND keeps the flags',
  },
  {
    name: 'flock_break',
    what: "flock: the open file description's lock (any access mode, dup and fork share it, another open conflicts, apart from fcntl locks, a blocking wait); sbrk/brk by any number of bytes; getcwd's EINVAL and ERANGE; clock_nanosleep on no clock",
  },
  {
    name: 'glibc_edges',
    what: 'execve of "#!" scripts (the interpreter\'s argument, nested interpreters, a missing one), execvp\'s /bin/sh for a file that is no program; posix_spawn\'s addchdir_np; getlogin without a session; unlink of "link/", unknown *at flags and readlink into no bytes are EINVAL, AT_EMPTY_PATH, posix_fallocate\'s EBADF and ESPIPE, getcwd in a removed directory, /dev/full; sysconf\'s glibc values; setlocale\'s names and refusals, MB_CUR_MAX, CODESET; strftime %s; tzname, timezone and daylight after localtime and mktime; atime stamped by a read (relatime); open_memstream\'s size after seeks',
  },
  { name: 'null_pointers', what: 'a null pointer (or a few bytes past it) given to read, write, pread, pwrite, readv, writev, pipe, socketpair, send, recv, getsockname, poll, nanosleep is EFAULT; zero bytes at NULL are no access; a write through NULL is SIGSEGV (a child dies of it, a handler siglongjmps back)' },
];

describe('as on Linux', () => {
  it('a program starts with exactly the envp it was given (posix_spawn, execle: no PWD added), in its parent\'s working directory', async () => {
    const wasm = await build('tests/posix/fixtures/exec_env.c');
    // It spawns and execs itself: given its own path (a ROM), as gcc's build finds it from argv[0].
    const r = await run(wasm, ['/rom/exec_env.wasm'], { roms: [{ name: 'exec_env.wasm', path: wasm }] });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(linuxOutput('exec_env'));
    expect(r.code).toBe(0);
  }, 240_000);

  it('descriptors are numbered from 3 (the preopened directories are out of the way): open, dup, pipe, fopen, opendir; after fork, exec and posix_spawn', async () => {
    const wasm = await build('tests/posix/fixtures/fd_numbers.c');
    // It execs and spawns itself: given its own path (a ROM), as gcc's build finds it from argv[0].
    const r = await run(wasm, ['/rom/fd_numbers.wasm'], { roms: [{ name: 'fd_numbers.wasm', path: wasm }] });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(linuxOutput('fd_numbers'));
    expect(r.code).toBe(0);
  }, 240_000);

  it('exec, fexecve, posix_spawn and posix_spawnp of a file without execute permission fail with EACCES; with an x bit it runs', async () => {
    const wasm = await build('tests/posix/fixtures/exec_perm.c');
    // It copies itself (a ROM, executable as boot modules are) to a file of its own modes.
    const r = await run(wasm, ['/rom/exec_perm.wasm'], { roms: [{ name: 'exec_perm.wasm', path: wasm }] });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(linuxOutput('exec_perm'));
    expect(r.code).toBe(0);
  }, 240_000);

  it('RLIMIT_FSIZE holds for a decoupled program writing a host mount (its writes made on its own core)', async () => {
    const wasm = await build('tests/posix/fixtures/file_size_limit.c');
    const host = mkdtempSync(join(tmpdir(), 'l4wasm-fsize-'));
    try {
      const r = await run(wasm, ['/data', 'nofork'], { decouple: true, mounts: [{ host, guest: '/data' }] });
      expect(r.stderr).toBe('');
      // The same lines as Linux's, but for the child's (a decoupled program does not fork).
      expect(r.stdout).toBe(linuxOutput('file_size_limit').split('\n').filter((l) => !l.startsWith('child:')).join('\n'));
      expect(r.code).toBe(0);
    } finally {
      rmSync(host, { recursive: true, force: true });
    }
  }, 240_000);

  for (const c of CASES) itPrintsAsLinux(c);
});
