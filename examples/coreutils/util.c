/* coreutils: the shared messages and file helpers (util.h). */
#include "util.h"

const char *applet = "coreutils";

static void vmessage(const char *fmt, va_list ap) {
	fflush(stdout);
	fprintf(stderr, "%s: ", applet);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void message(const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
}

_Noreturn void fail(int status, const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	exit(status);
}

void message_errno(const char *what) {
	int e = errno;
	message("%s: %s", what, strerror(e));
}

FILE *open_input(const char *path) {
	if (strcmp(path, "-") == 0) return stdin;
	return fopen(path, "r");
}

void close_input(FILE *f) {
	if (f != NULL && f != stdin) fclose(f);
}
