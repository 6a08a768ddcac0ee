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

#ifndef L_tmpnam
#define L_tmpnam 20
#endif

/* glibc's values where musl's differ (a program that prints them, or reads in BUFSIZ chunks and
 * prints what each read gave, prints what it prints on Linux): a buffer given to setbuf may be
 * larger than the library's own streams use, and FOPEN_MAX is the number of streams guaranteed
 * (sysconf's _SC_STREAM_MAX says the same). */
#undef BUFSIZ
#define BUFSIZ 8192
#undef FOPEN_MAX
#define FOPEN_MAX 16
#undef TMP_MAX
#define TMP_MAX 238328
/* cuserid gives at most 8 bytes of the name, as glibc's (sysroot/src/pwd.c). */
#undef L_cuserid
#define L_cuserid 9

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

/* renameat2's RENAME_NOREPLACE (sysroot/src/renameat2.c); fcloseall flushes every stream and leaves
 * them unbuffered, as glibc's does (sysroot/src/fcloseall.c). */
#ifdef _GNU_SOURCE
#define RENAME_NOREPLACE (1 << 0)
#define RENAME_EXCHANGE (1 << 1)
#define RENAME_WHITEOUT (1 << 2)
int renameat2(int, const char *, int, const char *, unsigned);
int fcloseall(void);
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
