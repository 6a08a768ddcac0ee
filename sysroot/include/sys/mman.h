/* l4wasm overlay of wasi-libc's <sys/mman.h>: mmap is real here (sysroot/src/mman.c, the l4posix
 * memory family on the task's region map), so the header is given without wasi-libc's emulation
 * flag. Pages are 4 KiB (sysconf(_SC_PAGESIZE)); protection is recorded, not enforced. */
#ifndef _L4WASM_SYS_MMAN_H
#define _L4WASM_SYS_MMAN_H

#ifndef _WASI_EMULATED_MMAN
#define _WASI_EMULATED_MMAN 1
#define _L4WASM_UNDEF_EMULATED_MMAN
#endif
#include_next <sys/mman.h>
#ifdef _L4WASM_UNDEF_EMULATED_MMAN
#undef _WASI_EMULATED_MMAN
#undef _L4WASM_UNDEF_EMULATED_MMAN
#endif

#ifndef MADV_DONTNEED /* wasi-libc gives the MADV_ names only to _GNU_SOURCE / _BSD_SOURCE */
#define MADV_NORMAL      0
#define MADV_RANDOM      1
#define MADV_SEQUENTIAL  2
#define MADV_WILLNEED    3
#define MADV_DONTNEED    4
#define MADV_FREE        8
#endif

#ifdef __cplusplus
extern "C" {
#endif

int madvise(void *, size_t, int);

#ifdef __cplusplus
}
#endif

#endif
