/* l4wasm overlay of wasi-libc's <__errno.h>: errno through __errno_location(), as glibc and musl
 * have it. wasi-libc declares errno _Thread_local; its single-threaded libc.a has it as a plain
 * global, and code compiled with thread-local storage kept (l4wasm cc's -matomics -mbulk-memory,
 * for __thread variables per thread) would reach that global as an offset from its own TLS block.
 * The guest keeps the one errno word per thread (src/guest/green_threads.ts swaps it). */
#ifndef __wasilibc___errno_h
#define __wasilibc___errno_h

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __GNUC__
__attribute__((const))
#endif
int *__errno_location(void);
#define errno (*__errno_location())

#ifdef __cplusplus
}
#endif
#endif
