/* yes: writes its arguments, separated by spaces (or "y"), as a line, over and over until the
 * output fails (a reader that stops reading). */
#include "util.h"
#include <getopt.h>

int yes_main(int argc, char **argv) {
	static const struct option longs[] = { { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	int c;
	while ((c = getopt_long(argc, argv, "+", longs, NULL)) != -1) {
		if (c == 'h') {
			printf("Usage: %s [STRING]...\n", applet);
			return 0;
		}
		try_help();
		return 1;
	}
	/* The line once, repeated to fill a buffer: one write carries many lines. */
	size_t len = 0;
	for (int i = optind; i < argc; i++) len += strlen(argv[i]) + 1;
	if (optind == argc) len = 2;
	size_t size = len < 4096 ? 4096 / len * len : len;
	char *buf = malloc(size);
	if (buf == NULL) fail(1, "memory exhausted");
	char *p = buf;
	if (optind == argc) {
		memcpy(p, "y\n", 2);
		p += 2;
	}
	for (int i = optind; i < argc; i++) {
		size_t n = strlen(argv[i]);
		memcpy(p, argv[i], n);
		p += n;
		*p++ = i + 1 < argc ? ' ' : '\n';
	}
	for (; p + len <= buf + size; p += len) memcpy(p, buf, len);
	for (;;) {
		const char *q = buf;
		size_t left = size;
		while (left > 0) {
			ssize_t n = write(STDOUT_FILENO, q, left);
			if (n < 0) {
				if (errno == EINTR) continue;
				if (errno != EPIPE) message_errno("standard output");
				return 1;
			}
			q += n;
			left -= (size_t)n;
		}
	}
}
