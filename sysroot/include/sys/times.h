/* l4wasm overlay of wasi-libc's <sys/times.h>: times() reads the process's CPU time here
 * (sysroot/src/times.c), so the header needs no emulation flag (wasi-libc's stops the compile
 * without _WASI_EMULATED_PROCESS_CLOCKS, which only opts in to its wall-clock emulation). */
#ifndef _L4WASM_SYS_TIMES_H
#define _L4WASM_SYS_TIMES_H

#ifndef _WASI_EMULATED_PROCESS_CLOCKS
#define _WASI_EMULATED_PROCESS_CLOCKS
#define _L4WASM_UNDEF_PROCESS_CLOCKS
#endif
#include_next <sys/times.h>
#ifdef _L4WASM_UNDEF_PROCESS_CLOCKS
#undef _WASI_EMULATED_PROCESS_CLOCKS
#undef _L4WASM_UNDEF_PROCESS_CLOCKS
#endif

#endif
