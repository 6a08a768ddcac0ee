/* l4wasm overlay of wasi-libc's <stdlib.h>: temporary files and directories exist here
 * (sysroot/src/tmpfile.c); wasi-libc declares none of these. */
#ifndef _L4WASM_STDLIB_H
#define _L4WASM_STDLIB_H

#include_next <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_POSIX_SOURCE) || defined(_POSIX_C_SOURCE) \
 || defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) \
 || defined(_BSD_SOURCE)
int mkstemp(char *);
int mkostemp(char *, int);
char *mkdtemp(char *);
#endif

#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
char *mktemp(char *);
int mkstemps(char *, int);
int mkostemps(char *, int, int);
#endif

/* Pseudo-terminals: there are none, so opening a master fails (ENOENT; sysroot/src/pty.c). */
#if defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
int posix_openpt(int);
int grantpt(int);
int unlockpt(int);
char *ptsname(int);
#endif
#ifdef _GNU_SOURCE
int ptsname_r(int, char *, size_t);
#endif
/* No load is measured: zeros (sysroot/src/misc_gnu.c). */
#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
int getloadavg(double *, int);
#endif

/* qsort is a stable merge sort as glibc's, and glibc's qsort_r (sysroot/src/qsort.c). */
#ifdef _GNU_SOURCE
void qsort_r(void *, size_t, size_t, int (*)(const void *, const void *, void *), void *);
#endif

#if defined(_LARGEFILE64_SOURCE)
#define mkstemp64 mkstemp
#define mkostemp64 mkostemp
#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
#define mkstemps64 mkstemps
#define mkostemps64 mkostemps
#endif
#endif

#ifdef __cplusplus
}
#endif

#endif
