/* fcloseall as glibc's does it: every stream's output is flushed and every stream (the standard
 * ones too) is made unbuffered; none is closed or freed, so a program that goes on using one still
 * works, as on Linux. The streams are wasi-libc's open-file list (__ofl_lock) and the three
 * standard ones. */
#define _GNU_SOURCE
#include <stdio.h>

/* The start of wasi-libc's struct _IO_FILE (musl's without its WASI-omitted fields), as far as the
 * list link. */
struct ofl_file {
	unsigned flags;
	unsigned char *rpos, *rend;
	int (*close)(FILE *);
	unsigned char *wend, *wpos;
	unsigned char *wbase;
	size_t (*read)(FILE *, unsigned char *, size_t);
	size_t (*write)(FILE *, const unsigned char *, size_t);
	long long (*seek)(FILE *, long long, int);
	unsigned char *buf;
	size_t buf_size;
	FILE *prev, *next;
};

FILE **__ofl_lock(void);
void __ofl_unlock(void);

int fcloseall(void) {
	int r = fflush(NULL) == 0 ? 0 : EOF;
	for (FILE *f = *__ofl_lock(); f; f = ((struct ofl_file *)(void *)f)->next) setvbuf(f, NULL, _IONBF, 0);
	__ofl_unlock();
	setvbuf(stdin, NULL, _IONBF, 0);
	setvbuf(stdout, NULL, _IONBF, 0);
	setvbuf(stderr, NULL, _IONBF, 0);
	return r;
}
