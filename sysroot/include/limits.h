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

#endif
