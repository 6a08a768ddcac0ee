/* printenv: printenv [-0] [NAME]... writes the values of the NAMEd environment variables, one a
 * line, or the whole environment (NAME=VALUE lines) when none is named; exit status 1 when one is
 * not set. -0 ends the lines with NUL. */
#include "util.h"
#include <getopt.h>
#include <stdbool.h>

extern char **environ;

int printenv_main(int argc, char **argv) {
	static const struct option longs[] = {
		{ "null", no_argument, NULL, '0' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char end = '\n';
	int c;
	while ((c = getopt_long(argc, argv, "+0", longs, NULL)) != -1) {
		switch (c) {
		case '0': end = '\0'; break;
		case 'h':
			printf("Usage: %s [OPTION]... [VARIABLE]...\n", applet);
			return 0;
		default:
			try_help();
			return 2;
		}
	}
	if (optind == argc) {
		for (char **e = environ; *e; e++) printf("%s%c", *e, end);
		return 0;
	}
	int found = 0;
	for (int i = optind; i < argc; i++) {
		size_t n = strlen(argv[i]);
		if (strchr(argv[i], '=') != NULL) continue;
		bool matched = false;
		for (char **e = environ; *e; e++) {
			if (strncmp(*e, argv[i], n) == 0 && (*e)[n] == '=') {
				printf("%s%c", *e + n + 1, end);
				matched = true;
			}
		}
		found += matched;
	}
	return found == argc - optind ? 0 : 1;
}
