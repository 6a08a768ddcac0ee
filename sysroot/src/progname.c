/* The program's name for glibc-style messages (progname.h): err/warn, assert. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>
#include "progname.h"

const char *__l4posix_progname(void) {
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
