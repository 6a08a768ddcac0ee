/* <err.h>: warn, warnx, err, errx and their v-forms (BSD, glibc), which wasi-libc declares but
 * does not build. As glibc: "NAME: message: strerror(errno)" (warn, err) or "NAME: message"
 * (the x forms) on stderr, NAME being the program's (argv[0] without its directories). */
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "progname.h"

static const char *progname(void) { return __l4posix_progname(); }

void vwarn(const char *fmt, va_list ap) {
	int e = errno;
	fprintf(stderr, "%s: ", progname());
	if (fmt) {
		vfprintf(stderr, fmt, ap);
		fputs(": ", stderr);
	}
	fprintf(stderr, "%s\n", strerror(e));
}

void vwarnx(const char *fmt, va_list ap) {
	fprintf(stderr, "%s: ", progname());
	if (fmt) vfprintf(stderr, fmt, ap);
	putc('\n', stderr);
}

_Noreturn void verr(int status, const char *fmt, va_list ap) {
	vwarn(fmt, ap);
	exit(status);
}

_Noreturn void verrx(int status, const char *fmt, va_list ap) {
	vwarnx(fmt, ap);
	exit(status);
}

void warn(const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void warnx(const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

_Noreturn void err(int status, const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	verr(status, fmt, ap);
}

_Noreturn void errx(int status, const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	verrx(status, fmt, ap);
}
