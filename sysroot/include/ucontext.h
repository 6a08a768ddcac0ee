/* l4wasm: <ucontext.h>. makecontext, swapcontext, setcontext and getcontext on green threads
 * (sysroot/src/ucontext.c): a context made by makecontext runs on a thread of its own (on
 * uc_stack when one is given), and a switch hands the CPU from one thread to the other, so
 * coroutines work as on Linux. What cannot be done: returning a second time from getcontext
 * (setcontext to a context that getcontext saved and the thread has left: -1, ENOTSUP); each
 * context has its own thread's errno, thread-local variables and pthread_self. */
#ifndef _L4WASM_UCONTEXT_H
#define _L4WASM_UCONTEXT_H

#include <sys/ucontext.h>

#ifdef __cplusplus
extern "C" {
#endif

int getcontext(ucontext_t *);
int setcontext(const ucontext_t *);
void makecontext(ucontext_t *, void (*)(void), int, ...);
int swapcontext(ucontext_t *__restrict, const ucontext_t *__restrict);

#ifdef __cplusplus
}
#endif

#endif
