/* The program's name for glibc-style messages (progname.h: err/warn, assert, error): glibc's
 * program_invocation_name (argv[0]) and program_invocation_short_name (without its directories),
 * which wasi-libc declares but never sets. Read from WASI before the program's own constructors;
 * "" when there is no argv[0]. A program may change either, as on Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>
#include "progname.h"

char *program_invocation_name = (char *)"";
char *program_invocation_short_name = (char *)"";

__attribute__((constructor(101))) static void read_argv0(void) {
	size_t argc = 0, size = 0;
	if (__wasi_args_sizes_get(&argc, &size) != 0 || argc == 0) return;
	char **argv = malloc((argc + 1) * sizeof *argv);
	char *buf = malloc(size);
	char *name = argv && buf && __wasi_args_get((uint8_t **)argv, (uint8_t *)buf) == 0 ? strdup(argv[0]) : NULL;
	free(argv);
	free(buf);
	if (!name) return;
	const char *slash = strrchr(name, '/');
	program_invocation_name = name;
	program_invocation_short_name = slash ? (char *)slash + 1 : name;
}

const char *__l4posix_progname(void) { return program_invocation_short_name; }
