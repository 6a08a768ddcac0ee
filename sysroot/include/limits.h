/* l4wasm overlay of wasi-libc's <limits.h>: the semaphore limits, which wasi-libc gives only to
 * threaded builds, since POSIX semaphores work here (sysroot/src/sem.c); and PIPE_BUF, which
 * wasi-libc leaves out (WASI has no pipes): pipes here write up to 4096 bytes atomically
 * (src/vfs/pipe.ts), as Linux's. */
#ifndef _L4WASM_LIMITS_H
#define _L4WASM_LIMITS_H

#include_next <limits.h>

#ifndef SEM_VALUE_MAX
#define SEM_VALUE_MAX 0x7fffffff
#endif
#ifndef SEM_NSEMS_MAX
#define SEM_NSEMS_MAX 256
#endif
#ifndef PIPE_BUF
#define PIPE_BUF 4096
#endif

/* What glibc's <limits.h> gives every program and wasi-libc leaves out (WASI has no logins, shell
 * utilities, terminals, message queues or extended attributes; l4wasm has them, and a program
 * that sizes a buffer with LINE_MAX must compile): glibc's values. */
#ifndef LINE_MAX
#define LINE_MAX 2048
#endif
#ifndef LOGIN_NAME_MAX
#define LOGIN_NAME_MAX 256
#endif
#ifndef BC_BASE_MAX
#define BC_BASE_MAX 99
#define BC_DIM_MAX 2048
#define BC_SCALE_MAX 99
#define BC_STRING_MAX 1000
#endif
#ifndef EXPR_NEST_MAX
#define EXPR_NEST_MAX 32
#endif
#ifndef MAX_CANON
#define MAX_CANON 255
#endif
#ifndef MAX_INPUT
#define MAX_INPUT 255
#endif
#ifndef MQ_PRIO_MAX
#define MQ_PRIO_MAX 32768
#endif
#ifndef AIO_PRIO_DELTA_MAX
#define AIO_PRIO_DELTA_MAX 20
#endif
#ifndef RTSIG_MAX
#define RTSIG_MAX 32
#endif
#ifndef XATTR_NAME_MAX
#define XATTR_NAME_MAX 255
#define XATTR_SIZE_MAX 65536
#define XATTR_LIST_MAX 65536
#endif

/* Linux's limits where musl's differ: a host name is at most 64 bytes (utsname's nodename), a
 * process may have 65536 supplementary groups; a multibyte character needs at most 16 bytes in
 * any of glibc's locales. sysconf (sysroot/src/sys.c) answers the same. */
#undef HOST_NAME_MAX
#define HOST_NAME_MAX 64
#undef NGROUPS_MAX
#define NGROUPS_MAX 65536
#undef MB_LEN_MAX
#define MB_LEN_MAX 16

#endif
