/* l4wasm overlay of wasi-libc's <semaphore.h>: adds POSIX.1-2024's sem_clockwait (also glibc's),
 * which musl's header has not got (sysroot/src/sem.c). */
#ifndef _L4WASM_SEMAPHORE_H
#define _L4WASM_SEMAPHORE_H

#include_next <semaphore.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

int sem_clockwait(sem_t *__restrict, clockid_t, const struct timespec *__restrict);

#ifdef __cplusplus
}
#endif

#endif
