/* l4wasm overlay of wasi-libc's <stdio.h>: popen and pclose run commands by the guest's /bin/sh
 * (sysroot/src/popen.c); fdopen checks the descriptor and its access mode (sysroot/src/fdopen.c);
 * tmpfile, tmpnam and tempnam make temporary files in P_tmpdir, /tmp (sysroot/src/tmpfile.c).
 * wasi-libc declares tmpfile and tmpnam deprecated ("not defined on WASI"); its declarations are
 * renamed away here so that using them draws no warning. */
#ifndef _L4WASM_STDIO_H
#define _L4WASM_STDIO_H

#define tmpfile __wasilibc_tmpfile_undefined
#define tmpnam __wasilibc_tmpnam_undefined
#include_next <stdio.h>
#undef tmpfile
#undef tmpnam

#ifndef TMP_MAX
#define TMP_MAX 10000
#endif
#ifndef L_tmpnam
#define L_tmpnam 20
#endif

#ifdef __cplusplus
extern "C" {
#endif

FILE *tmpfile(void);
char *tmpnam(char *);

/* fopen in mode "a" starts at the end of the file, as glibc's (sysroot/src/fopen.c). */
FILE *fopen(const char *__restrict, const char *__restrict) __asm__("__l4wasm_fopen");

#if defined(_POSIX_SOURCE) || defined(_POSIX_C_SOURCE) \
 || defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) \
 || defined(_BSD_SOURCE)
FILE *popen(const char *, const char *);
int pclose(FILE *);
FILE *fdopen(int, const char *) __asm__("__l4wasm_fdopen");
#endif

#if defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) \
 || defined(_BSD_SOURCE)
#ifndef P_tmpdir
#define P_tmpdir "/tmp"
#endif
char *tempnam(const char *, const char *);
#endif

/* Stream locks: a program has one thread, so they always succeed (sysroot/src/stdio_lock.c). */
#if !defined(_REENTRANT)
void flockfile(FILE *);
int ftrylockfile(FILE *);
void funlockfile(FILE *);
#endif

#ifdef __cplusplus
}
#endif

#endif
