/* l4wasm overlay of wasi-libc's <limits.h>: the semaphore limits, which wasi-libc gives only to
 * threaded builds, since POSIX semaphores work here (sysroot/src/sem.c). */
#ifndef _L4WASM_LIMITS_H
#define _L4WASM_LIMITS_H

#include_next <limits.h>

#ifndef SEM_VALUE_MAX
#define SEM_VALUE_MAX 0x7fffffff
#endif
#ifndef SEM_NSEMS_MAX
#define SEM_NSEMS_MAX 256
#endif

#endif
