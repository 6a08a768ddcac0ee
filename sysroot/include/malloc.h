/* l4wasm overlay of wasi-libc's <malloc.h>: glibc's aligned allocations and malloc_trim
 * (sysroot/src/malloc_gnu.c), which wasi-libc does not build. */
#ifndef _L4WASM_MALLOC_H
#define _L4WASM_MALLOC_H

#include_next <malloc.h>

#ifdef __cplusplus
extern "C" {
#endif

void *memalign(size_t, size_t);
void *valloc(size_t);
void *pvalloc(size_t);
int malloc_trim(size_t);

#ifdef __cplusplus
}
#endif

#endif
