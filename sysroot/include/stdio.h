/* l4wasm overlay of wasi-libc's <stdio.h>: popen and pclose run commands by the guest's /bin/sh
 * (sysroot/src/popen.c). */
#ifndef _L4WASM_STDIO_H
#define _L4WASM_STDIO_H

#include_next <stdio.h>

#if defined(_POSIX_SOURCE) || defined(_POSIX_C_SOURCE) \
 || defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) \
 || defined(_BSD_SOURCE)
#ifdef __cplusplus
extern "C" {
#endif

FILE *popen(const char *, const char *);
int pclose(FILE *);

#ifdef __cplusplus
}
#endif
#endif

#endif
