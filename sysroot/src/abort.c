/* abort: SIGABRT. When the program can have signal handlers (it links sysroot/src/signal.c), the
   hook raises SIGABRT, unblocked, so that its handler runs (and may longjmp out). If the handler
   returns, or there is none, abort traps: l4wasm reports a trap in abort as death by SIGABRT.
   abort imports nothing itself: wasi-libc references it from printf and malloc, and a program that
   uses no l4wasm feature must stay a plain wasm32-wasip1 program. */
#include <stdlib.h>

void __l4posix_abort_hook(void) __attribute__((weak));

_Noreturn void abort(void) {
	if (__l4posix_abort_hook) __l4posix_abort_hook();
	__builtin_trap();
}
