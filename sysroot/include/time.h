/* l4wasm overlay of wasi-libc's <time.h>: clock_settime exists here (it moves the machine's
 * real-time clock; sysroot/src/time.c), and clock_nanosleep reports EINTR and the time left. */
#ifndef _L4WASM_TIME_H
#define _L4WASM_TIME_H

#include_next <time.h>

#ifdef __cplusplus
extern "C" {
#endif

int clock_settime(clockid_t, const struct timespec *);

#ifdef __cplusplus
}
#endif

#endif
