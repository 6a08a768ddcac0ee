/* pwd: writes the current directory's absolute name. -P (the default): the one without symbolic
 * links (getcwd); -L: $PWD when it names the current directory and holds no . or .. components. */
#include "util.h"
#include <getopt.h>
#include <stdbool.h>
#include <sys/stat.h>

/* $PWD when it is a usable logical name of ".", else NULL (GNU's checks). */
static const char *logical_cwd(void) {
	const char *wd = getenv("PWD");
	if (wd == NULL || wd[0] != '/') return NULL;
	for (const char *p = wd; (p = strstr(p, "/.")) != NULL; p++) {
		if (p[2] == '\0' || p[2] == '/' || (p[2] == '.' && (p[3] == '\0' || p[3] == '/'))) return NULL;
	}
	struct stat a, b;
	if (stat(wd, &a) == 0 && stat(".", &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) return wd;
	return NULL;
}

int pwd_main(int argc, char **argv) {
	static const struct option longs[] = {
		{ "logical", no_argument, NULL, 'L' },
		{ "physical", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool logical = getenv("POSIXLY_CORRECT") != NULL;
	int c;
	while ((c = getopt_long(argc, argv, "LP", longs, NULL)) != -1) {
		switch (c) {
		case 'L': logical = true; break;
		case 'P': logical = false; break;
		case 'h':
			printf("Usage: %s [OPTION]...\n", applet);
			return 0;
		default:
			try_help();
			return 1;
		}
	}
	if (optind < argc) message("ignoring non-option arguments");
	if (logical) {
		const char *wd = logical_cwd();
		if (wd != NULL) {
			puts(wd);
			return 0;
		}
	}
	char *wd = getcwd(NULL, 0);
	if (wd == NULL) {
		message_errno("cannot determine current directory");
		return 1;
	}
	puts(wd);
	free(wd);
	return 0;
}
