/* l4wasm: <execinfo.h>, which wasi-libc leaves out (sysroot/src/execinfo.c). A wasm program cannot
 * walk its own call stack (the engine keeps it), so backtrace finds no frames: a crash handler
 * that prints one still compiles and runs, and prints nothing. */
#ifndef _EXECINFO_H
#define _EXECINFO_H

#ifdef __cplusplus
extern "C" {
#endif

int backtrace(void **, int);
char **backtrace_symbols(void *const *, int);
void backtrace_symbols_fd(void *const *, int, int);

#ifdef __cplusplus
}
#endif

#endif
