/* GNU error and error_at_line as glibc prints them: stdout flushed first; then on stderr the
 * program's name (program_invocation_name, or what error_print_progname prints), "FILE:LINE: " for
 * error_at_line, the message, ": " and strerror(errnum) when errnum is not 0, a newline; stderr
 * flushed; a non-zero status exits. error_one_per_line drops an error_at_line for the same file and
 * line as the one before. */
#define _GNU_SOURCE
#include <errno.h>
#include <error.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void (*error_print_progname)(void);
unsigned int error_message_count;
int error_one_per_line;

/* As glibc: only a stdout whose descriptor is open is flushed. */
static void flush_stdout(void) {
	int fd = fileno(stdout);
	if (fd >= 0 && fcntl(fd, F_GETFD) >= 0) fflush(stdout);
}

static void tail(int status, int errnum, const char *format, va_list ap) {
	vfprintf(stderr, format, ap);
	++error_message_count;
	if (errnum) fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
	fflush(stderr);
	if (status) exit(status);
}

void error(int status, int errnum, const char *format, ...) {
	flush_stdout();
	if (error_print_progname) error_print_progname();
	else fprintf(stderr, "%s: ", program_invocation_name);
	va_list ap;
	va_start(ap, format);
	tail(status, errnum, format, ap);
	va_end(ap);
}

void error_at_line(int status, int errnum, const char *file, unsigned int line, const char *format, ...) {
	if (error_one_per_line) {
		static const char *old_file;
		static unsigned int old_line;
		if (old_line == line && (file == old_file || (old_file && file && strcmp(old_file, file) == 0))) return;
		old_file = file;
		old_line = line;
	}
	flush_stdout();
	if (error_print_progname) error_print_progname();
	else fprintf(stderr, "%s:", program_invocation_name);
	if (file) fprintf(stderr, "%s:%u: ", file, line);
	else fputc(' ', stderr);
	va_list ap;
	va_start(ap, format);
	tail(status, errnum, format, ap);
	va_end(ap);
}
