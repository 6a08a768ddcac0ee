/* fopen (<stdio.h> sends it here by name, __l4wasm_fopen) puts a stream opened with "a" (not
 * "a+") at the end of the file, as glibc does, so ftell before the first write says the file's
 * size; wasi-libc's (musl's) leaves it at 0 until something is written. The C standard leaves
 * that choice to the library; programs print what glibc chose. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The preopened directories leave descriptors 3, 4, ... before this makes one (preopen_move.c). */
void __l4posix_move_preopens(void);
__attribute__((used)) static void (*const move_preopens)(void) = __l4posix_move_preopens;

FILE *__wasilibc_fopen(const char *__restrict, const char *__restrict) __asm__("fopen");

FILE *__l4wasm_fopen(const char *__restrict path, const char *__restrict mode) {
	FILE *f = __wasilibc_fopen(path, mode);
	if (f && mode[0] == 'a' && !strchr(mode, '+')) {
		/* A pipe or terminal cannot seek (ESPIPE): it stays where it is, as with glibc. */
		int saved = errno;
		lseek(fileno(f), 0, SEEK_END);
		errno = saved;
	}
	return f;
}
