/* l4wasm overlay of wasi-libc's <stdlib.h>: temporary files and directories exist here
 * (sysroot/src/tmpfile.c); wasi-libc declares none of these. */
#ifndef _L4WASM_STDLIB_H
#define _L4WASM_STDLIB_H

#include_next <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

/* glibc's MB_CUR_MAX: 6 in a UTF-8 locale, 1 in C (sysroot/src/locale.c). */
size_t __l4wasm_mb_cur_max(void);
#undef MB_CUR_MAX
#define MB_CUR_MAX (__l4wasm_mb_cur_max())

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

/* glibc's reentrant random and drand48 generators: the same numbers as random() and drand48() from
 * the caller's state (sysroot/src/rand_glibc.c, drand48_r.c); strtoq and strtouq are strtoll and
 * strtoull (sysroot/src/strtol.c); valloc is page-aligned memory (sysroot/src/malloc_gnu.c). */
#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
#include <stdint.h>
struct random_data {
	int32_t *fptr;
	int32_t *rptr;
	int32_t *state;
	int rand_type;
	int rand_deg;
	int rand_sep;
	int32_t *end_ptr;
};
int random_r(struct random_data *__restrict, int32_t *__restrict);
int srandom_r(unsigned, struct random_data *);
int initstate_r(unsigned, char *__restrict, size_t, struct random_data *__restrict);
int setstate_r(char *__restrict, struct random_data *__restrict);

struct drand48_data {
	unsigned short __x[3];
	unsigned short __old_x[3];
	unsigned short __c;
	unsigned short __init;
	unsigned long long __a;
};
int drand48_r(struct drand48_data *__restrict, double *__restrict);
int erand48_r(unsigned short [3], struct drand48_data *__restrict, double *__restrict);
int lrand48_r(struct drand48_data *__restrict, long *__restrict);
int nrand48_r(unsigned short [3], struct drand48_data *__restrict, long *__restrict);
int mrand48_r(struct drand48_data *__restrict, long *__restrict);
int jrand48_r(unsigned short [3], struct drand48_data *__restrict, long *__restrict);
int srand48_r(long, struct drand48_data *);
int seed48_r(unsigned short [3], struct drand48_data *);
int lcong48_r(unsigned short [7], struct drand48_data *);

long long strtoq(const char *__restrict, char **__restrict, int);
unsigned long long strtouq(const char *__restrict, char **__restrict, int);
void *valloc(size_t);
#endif

/* realpath with a buffer of its own (sysroot/src/misc_gnu.c). */
#ifdef _GNU_SOURCE
char *canonicalize_file_name(const char *);
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
