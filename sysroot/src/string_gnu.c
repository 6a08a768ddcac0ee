/* glibc's GNU string calls that wasi-libc leaves out: rawmemchr, memfrob, strfry and GNU basename
 * (<string.h> names it __l4wasm_gnu_basename, beside wasi-libc's POSIX basename). */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

/* memchr without a bound: the byte is known to be there. */
void *rawmemchr(const void *s, int c) {
	const unsigned char *p = s;
	while (*p != (unsigned char)c) p++;
	return (void *)p;
}

/* Each byte XORed with 42; doing it twice gives the bytes back. */
void *memfrob(void *s, size_t n) {
	unsigned char *p = s;
	for (size_t i = 0; i < n; i++) p[i] ^= 42;
	return s;
}

/* glibc's shuffle: a swap of each byte with a later one, drawn from random_r on a generator of its
 * own seeded from the system's random source. */
char *strfry(char *s) {
	static struct random_data data;
	static char state[32];
	static int ready;
	if (!ready) {
		unsigned seed = 0;
		if (__wasi_random_get((uint8_t *)&seed, sizeof seed) != 0) seed = 1;
		initstate_r(seed, state, sizeof state, &data);
		ready = 1;
	}
	size_t len = strlen(s);
	for (size_t i = 0; i + 1 < len; i++) {
		int32_t r;
		random_r(&data, &r);
		size_t j = (size_t)r % (len - i) + i;
		char c = s[i];
		s[i] = s[j];
		s[j] = c;
	}
	return s;
}

/* The part after the last slash (all of it without one; "" after a trailing slash), never
 * changing the path, where POSIX's strips trailing slashes in place. */
char *__l4wasm_gnu_basename(const char *path) {
	const char *slash = strrchr(path, '/');
	return (char *)(slash ? slash + 1 : path);
}
