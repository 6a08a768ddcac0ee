/* <err.h>: warn, warnx, err, errx and their v-forms (BSD, glibc), which wasi-libc declares but
 * does not build. As glibc: "NAME: message: strerror(errno)" (warn, err) or "NAME: message"
 * (the x forms) on stderr, NAME being the program's (argv[0] without its directories). */
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

/* argv[0]'s last component, read once from WASI (wasi-libc does not set __progname). */
static const char *progname(void) {
	static char name[256];
	static int known;
	if (known) return name;
	known = 1;
	size_t argc = 0, size = 0;
	if (__wasi_args_sizes_get(&argc, &size) != 0 || argc == 0) return name;
	char **argv = malloc((argc + 1) * sizeof *argv);
	char *buf = malloc(size);
	if (argv && buf && __wasi_args_get((uint8_t **)argv, (uint8_t *)buf) == 0) {
		const char *slash = strrchr(argv[0], '/');
		snprintf(name, sizeof name, "%s", slash ? slash + 1 : argv[0]);
	}
	free(argv);
	free(buf);
	return name;
}

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
