/* backtrace and its symbols (<execinfo.h>): no frames can be found from inside a wasm program, so
 * backtrace returns 0, as glibc's does where it cannot unwind; the symbol calls handle what they
 * are given as glibc's do (an array the caller frees; one line per address). */
#include <execinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int backtrace(void **buffer, int size) {
	(void)buffer;
	(void)size;
	return 0;
}

/* One block: the pointers, then their "[0x...]" texts, freed with one free(). */
char **backtrace_symbols(void *const *buffer, int size) {
	if (size < 0) size = 0;
	enum { TEXT = 2 + 2 + 16 + 2 };
	char **out = malloc(size * (sizeof(char *) + TEXT) + 1);
	if (out == NULL) return NULL;
	char *text = (char *)(out + size);
	for (int i = 0; i < size; i++) {
		out[i] = text + i * TEXT;
		snprintf(out[i], TEXT, "[%p]", buffer[i]);
	}
	return out;
}

void backtrace_symbols_fd(void *const *buffer, int size, int fd) {
	for (int i = 0; i < size; i++) {
		char line[32];
		int n = snprintf(line, sizeof line, "[%p]\n", buffer[i]);
		if (n > 0) write(fd, line, (size_t)n);
	}
}
