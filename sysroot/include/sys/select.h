/* l4wasm overlay of wasi-libc's <sys/select.h>: wasi-libc's pselect ignores its signal mask;
 * sysroot/src/pselect.c swaps it for the wait, atomically (on ppoll's host call). Calls are sent
 * to that version by name. */
#ifndef _L4WASM_SYS_SELECT_H
#define _L4WASM_SYS_SELECT_H

#include_next <sys/select.h>

#ifdef __cplusplus
extern "C" {
#endif

int pselect(int, fd_set *__restrict, fd_set *__restrict, fd_set *__restrict, const struct timespec *__restrict,
	const sigset_t *__restrict) __asm__("__l4wasm_pselect");

#ifdef __cplusplus
}
#endif

#endif
