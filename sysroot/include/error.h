/* l4wasm's <error.h> (wasi-libc has none): GNU error and error_at_line, printing as glibc's do
 * (sysroot/src/error.c): stdout flushed, then "NAME: [FILE:LINE: ]MESSAGE[: strerror]\n" on stderr,
 * NAME being program_invocation_name; a non-zero status exits. */
#ifndef _ERROR_H
#define _ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

void error(int, int, const char *, ...) __attribute__((__format__(__printf__, 3, 4)));
void error_at_line(int, int, const char *, unsigned int, const char *, ...)
	__attribute__((__format__(__printf__, 5, 6)));

/* Called instead of printing the program's name, when set. */
extern void (*error_print_progname)(void);
/* How many times error and error_at_line were called. */
extern unsigned int error_message_count;
/* Non-zero: error_at_line prints a message for a given file and line only once in a row. */
extern int error_one_per_line;

#ifdef __cplusplus
}
#endif

#endif
