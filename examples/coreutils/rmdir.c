/* rmdir: removes empty directories. Options: -p (then each parent named in the path, as far as
 * they are empty), -v (a line per directory), --ignore-fail-on-non-empty. */
#include "util.h"
#include <getopt.h>
#include <stdbool.h>

static bool verbose, ignore_non_empty;

/* -p: the parents of PATH, innermost first, until one fails or the path has no more. */
static bool remove_parents(char *path) {
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/') path[--n] = '\0';
	for (;;) {
		char *slash = strrchr(path, '/');
		if (slash == NULL) return true;
		while (slash > path && *slash == '/') slash--;
		if (slash == path && *slash == '/') return true;
		slash[1] = '\0';
		if (verbose) printf("%s: removing directory, %s\n", applet, quote(path));
		if (rmdir(path) != 0) {
			int e = errno;
			if (ignore_non_empty && (e == ENOTEMPTY || e == EEXIST)) return true;
			message("failed to remove directory %s: %s", quote(path), strerror(e));
			return false;
		}
	}
}

int rmdir_main(int argc, char **argv) {
	static const struct option longopts[] = {
		{ "parents", no_argument, NULL, 'p' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "ignore-fail-on-non-empty", no_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *optstring = "pv";
	bool parents = false;
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		switch (c) {
		case 'p': parents = true; break;
		case 'v': verbose = true; break;
		case 'i': ignore_non_empty = true; break;
		case 'h': printf("Usage: rmdir [-pv] [--ignore-fail-on-non-empty] DIRECTORY...\n"); return 0;
		default: option_error(argv, optstring); return 1;
		}
	}
	if (optind >= argc) {
		usage_mistake("missing operand");
		return 1;
	}
	int status = 0;
	for (int i = optind; i < argc; i++) {
		if (verbose) printf("%s: removing directory, %s\n", applet, quote(argv[i]));
		if (rmdir(argv[i]) != 0) {
			int e = errno;
			if (ignore_non_empty && (e == ENOTEMPTY || e == EEXIST)) continue;
			message("failed to remove %s: %s", quote(argv[i]), strerror(e));
			status = 1;
		} else if (parents) {
			char *path = strdup(argv[i]);
			if (!remove_parents(path)) status = 1;
			free(path);
		}
	}
	return status;
}
