/* A failed assert prints glibc's line, "NAME: FILE:LINE: FUNCTION: Assertion `EXPR' failed.", on
 * stderr and aborts (SIGABRT), where wasi-libc's (musl's) says "Assertion failed: EXPR (FILE:
 * FUNCTION: LINE)". <assert.h>'s macro calls this. */
#include <stdio.h>
#include <stdlib.h>
#include "progname.h"

_Noreturn void __assert_fail(const char *expr, const char *file, int line, const char *func) {
	const char *name = __l4posix_progname();
	fprintf(stderr, "%s%s%s:%d: %s%sAssertion `%s' failed.\n", name, name[0] ? ": " : "", file, line,
	        func ? func : "", func ? ": " : "", expr);
	abort(); /* as glibc's: stdout's buffer is not flushed */
}
