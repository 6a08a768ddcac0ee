/* l4wasm overlay of wasi-libc's <ftw.h>: wasi-libc builds nftw but leaves out the legacy ftw,
 * which sysroot/src/ftw.c adds on top of nftw. */
#ifndef _L4WASM_FTW_H
#define _L4WASM_FTW_H

#include_next <ftw.h>

#ifdef __cplusplus
extern "C" {
#endif

int ftw(const char *, int (*)(const char *, const struct stat *, int), int);
#if defined(_LARGEFILE64_SOURCE) || defined(_GNU_SOURCE)
#define ftw64 ftw
#endif

#ifdef __cplusplus
}
#endif

#endif
