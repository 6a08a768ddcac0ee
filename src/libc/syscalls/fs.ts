// The fs family: descriptors, paths, sockets (WASI) and what POSIX adds to descriptors (l4posix).
import { family, L4POSIX, WASI, type SpecEntry } from './spec.js';
import { fdCalls } from '../wasi_fd.js';
import { pathCalls } from '../wasi_path.js';
import { sockCalls } from '../wasi_sock.js';
import { descriptorCalls } from '../l4posix_fd.js';
import { fileModeCalls } from '../l4posix_fs.js';
import { socketCalls } from '../l4posix_socket.js';
import { unixSocketCalls } from '../l4posix_unix.js';
import { tcpgrpCalls } from '../l4posix_tcpgrp.js';
import { syncCalls } from '../l4posix_sync.js';
import { eventfdCalls } from '../l4posix_eventfd.js';
import { timerfdCalls } from '../l4posix_timerfd.js';
import { epollCalls } from '../l4posix_epoll.js';
import { mqueueCalls } from '../l4posix_mqueue.js';

// coreLocal fd_pread/fd_pwrite/fd_read/fd_write/fd_seek/fd_tell/fd_sync/fd_datasync: a decoupled program answers them on its own core for a
// host file the vCPU lent it (guest/decoupled.ts), and forwards the rest.
const wasi: Record<string, SpecEntry> = {
  fd_advise: ['fd:fd offset:i64 len:i64 advice:advice'],
  fd_allocate: ['fd:fd offset:i64 len:i64'],
  fd_close: ['fd:fd', { cancelPoint: true }],
  fd_datasync: ['fd:fd', { coreLocal: true, cancelPoint: true }],
  // coreLocal: answered on a decoupled program's core from the copy the vCPU keeps there (only this process can change it).
  fd_fdstat_get: ['fd:fd stat:fdstat', { coreLocal: true }],
  fd_fdstat_set_flags: ['fd:fd flags:fdflags'],
  fd_fdstat_set_rights: ['fd:fd fs_rights_base:rights fs_rights_inheriting:rights'],
  // coreLocal: answered on a decoupled program's core for a lent host file (guest/decoupled.ts).
  fd_filestat_get: ['fd:fd buf:filestat', { coreLocal: true }],
  fd_filestat_set_size: ['fd:fd size:i64'],
  fd_filestat_set_times: ['fd:fd atim:ns mtim:ns fst_flags:fst'],
  fd_pread: ['fd:fd iovs:iovs iovs_len:len offset:i64 nread:out32', { coreLocal: true, cancelPoint: true }],
  // coreLocal: a decoupled program's core answers them from the preopens the vCPU publishes (guest/startup_lending.ts).
  fd_prestat_get: ['fd:fd buf:prestat', { coreLocal: true }],
  fd_prestat_dir_name: ['fd:fd path:pathout path_len:len', { coreLocal: true }],
  fd_pwrite: ['fd:fd iovs:ciovs iovs_len:len offset:i64 nwritten:out32', { coreLocal: true, cancelPoint: true }],
  fd_read: ['fd:fd iovs:iovs iovs_len:len nread:out32', { coreLocal: true, cancelPoint: true }],
  fd_readdir: ['fd:fd buf:buf buf_len:len cookie:i64 bufused:out32'],
  fd_renumber: ['fd:fd to:fd'],
  // coreLocal: a decoupled program's core moves a lent host file's offset (guest/decoupled.ts).
  fd_seek: ['fd:fd offset:i64 whence:whence newoffset:out64', { coreLocal: true }],
  fd_sync: ['fd:fd', { coreLocal: true, cancelPoint: true }],
  fd_tell: ['fd:fd offset:out64', { coreLocal: true }],
  // coreLocal: a decoupled program's writes to a console output go into its output ring (guest/output_ring.ts).
  fd_write: ['fd:fd iovs:ciovs iovs_len:len nwritten:out32', { coreLocal: true, cancelPoint: true }],
  path_create_directory: ['fd:fd path:path path_len:len'],
  // coreLocal: a name in a host mount's root the vCPU lent, stat'ed on a decoupled program's core (guest/dir_lending.ts).
  path_filestat_get: ['fd:fd flags:lookup path:path path_len:len buf:filestat', { coreLocal: true }],
  path_filestat_set_times: ['fd:fd flags:lookup path:path path_len:len atim:ns mtim:ns fst_flags:fst'],
  path_link: ['old_fd:fd old_flags:lookup old_path:path old_path_len:len new_fd:fd new_path:path new_path_len:len'],
  // coreLocal: a decoupled program's core opens a name in a host mount's root the vCPU lent it (guest/open_lending.ts).
  path_open: ['fd:fd dirflags:lookup path:path path_len:len oflags:oflags fs_rights_base:rights fs_rights_inheriting:rights fdflags:fdflags opened_fd:outfd', { coreLocal: true, cancelPoint: true }],
  path_readlink: ['fd:fd path:path path_len:len buf:buf buf_len:len bufused:out32'],
  path_remove_directory: ['fd:fd path:path path_len:len'],
  path_rename: ['fd:fd old_path:path old_path_len:len new_fd:fd new_path:path new_path_len:len'],
  path_symlink: ['old_path:path old_path_len:len fd:fd new_path:path new_path_len:len'],
  // coreLocal: a decoupled program's core unlinks a name in a host mount's root the vCPU lent it (guest/dir_lending.ts).
  path_unlink_file: ['fd:fd path:path path_len:len', { coreLocal: true }],
  sock_accept: ['fd:fd flags:fdflags result_fd:outfd'],
  sock_recv: ['fd:fd ri_data:iovs ri_data_len:len ri_flags:riflags ro_datalen:out32 ro_flags:out32'],
  sock_send: ['fd:fd si_data:ciovs si_data_len:len si_flags:siflags so_datalen:out32'],
  sock_shutdown: ['fd:fd how:sdflags'],
};

/** An l4posix call the server path answers (l4posix calls stay in the caller unless marked). */
const routed = { callerOnly: false } as const;

const l4posix: Record<string, SpecEntry> = {
  pipe: ['fds:ptr flags:int'],
  dup: ['fd:fd'],
  dup3: ['fd:fd to:fd flags:int'],
  // coreLocal: a decoupled program takes record locks on its own core where the vCPU lent them.
  fcntl: ['fd:fd cmd:int arg:int', { coreLocal: true }],
  flock: ['fd:fd op:int'],
  ioctl: ['fd:fd request:int arg:ptr'],
  isatty: ['fd:fd'],
  tcgetattr: ['fd:fd termios:ptr'],
  tcsetattr: ['fd:fd action:int termios:ptr'],
  tcflush: ['fd:fd queue:int'],
  // What WASI has no call for: the creation mask and mode, permission bits, access checks and
  // the canonical path chdir records (sysroot/src/mode.c, open.c, access.c, cwd_path.c). The
  // server path routes the file calls, so that a program's file-system calls travel one path.
  umask: ['mask:int'],
  create_mode: ['mode:int'],
  fchmod: ['fd:fd mode:int', routed],
  fchmodat: ['dirfd:fd path:path path_len:len mode:int flags:int', routed],
  // coreLocal: a decoupled program's core answers it for a host file the vCPU lent it (as above).
  fstat: ['fd:fd buf:ptr', { ...routed, coreLocal: true }],
  // coreLocal: a decoupled program's core answers it for a name in a host mount's root the vCPU lent it (guest/dir_lending.ts).
  statat: ['dirfd:fd path:path path_len:len flags:int buf:ptr', { ...routed, coreLocal: true }],
  faccessat: ['dirfd:fd path:path path_len:len amode:int flags:int', routed],
  realpath: ['dirfd:fd path:path path_len:len buf:ptr size:int', routed],
  // The working directory the program's libc entered (sysroot/src/mode.c): the process shows it.
  chdir: ['path:path path_len:len', { suspends: false, callerOnly: true }],
  mkfifoat: ['dirfd:fd path:path path_len:len mode:int', routed],
  // statvfs, fstatvfs, statfs, fstatfs (sysroot/src/statfs.c).
  statfs: ['dirfd:fd path:path path_len:len buf:ptr', routed],
  fstatfs: ['fd:fd buf:ptr', routed],
  // socketpair(AF_UNIX) and the socket calls wasi-libc's cannot carry (sysroot/src/socket.c).
  socketpair: ['domain:int type:int protocol:int sv:ptr'],
  recv: ['fd:fd iovs:iovs iovs_len:len flags:int msg_flags:ptr'],
  send: ['fd:fd iovs:ciovs iovs_len:len flags:int'],
  getsockopt: ['fd:fd level:int name:int value:ptr len:ptr', { suspends: false }],
  setsockopt: ['fd:fd level:int name:int value:ptr len:int', { suspends: false }],
  sockname: ['fd:fd addr:ptr len:ptr', { suspends: false }],
  // Named AF_UNIX sockets (sysroot/src/socket_unix.c): a path name comes as the raw address and as (dirfd, path).
  socket: ['domain:int type:int protocol:int', { suspends: false }],
  bind: ['fd:fd addr:ptr addr_len:int dirfd:fd path:path path_len:len', { suspends: false }],
  listen: ['fd:fd backlog:int', { suspends: false }],
  accept: ['fd:fd addr:ptr addr_len:ptr flags:int'],
  connect: ['fd:fd addr:ptr addr_len:int dirfd:fd path:path path_len:len'],
  peername: ['fd:fd addr:ptr len:ptr', { suspends: false }],
  sendmsg: ['fd:fd msg:ptr flags:int dirfd:fd path:path path_len:len'],
  recvmsg: ['fd:fd msg:ptr flags:int'],
};

export const fsCalls = [
  ...family('fs', WASI, { ...fdCalls, ...pathCalls, ...sockCalls }, wasi),
  ...family('fs', L4POSIX, { ...descriptorCalls, ...fileModeCalls, ...socketCalls, ...unixSocketCalls }, l4posix),
  ...family('fs', L4POSIX, { ...tcpgrpCalls, ...syncCalls }, {
    tcgetpgrp: ['fd:fd'],
    tcsetpgrp: ['fd:fd pgrp:int'],
    sync: [''],
  }),
  // eventfd objects, and the descriptor of an epoll instance (sysroot/src/eventfd.c, epoll.c).
  ...family('fs', L4POSIX, eventfdCalls, {
    eventfd: ['initval:int flags:int'],
  }),
  // epoll's interest lists, kept with the instance (sysroot/src/epoll.c).
  ...family('fs', L4POSIX, epollCalls, {
    epoll_ctl: ['epfd:fd op:int fd:fd event:ptr'],
    epoll_wait: ['epfd:fd events:ptr maxevents:int timeout:int mask:ptr'],
  }),
  // POSIX message queues (sysroot/src/mqueue.c).
  ...family('fs', L4POSIX, mqueueCalls, {
    mq_open: ['name:path name_len:len flags:int mode:int maxmsg:int msgsize:int', { suspends: false }],
    mq_unlink: ['name:path name_len:len', { suspends: false }],
    mq_send: ['fd:fd msg:ptr len:len prio:int deadline:i64'],
    mq_receive: ['fd:fd buf:ptr len:len prio:ptr deadline:i64'],
    mq_getattr: ['fd:fd out:ptr', { suspends: false }],
    mq_setattr: ['fd:fd nonblock:int', { suspends: false }],
    mq_notify: ['fd:fd how:int signo:int value:int', { suspends: false }],
  }),
  // timerfd objects (sysroot/src/timerfd.c).
  ...family('fs', L4POSIX, timerfdCalls, {
    timerfd_create: ['clock:int flags:int'],
    timerfd_settime: ['fd:fd flags:int new:ptr old:ptr'],
    timerfd_gettime: ['fd:fd cur:ptr'],
  }),
];
