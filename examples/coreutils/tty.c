/* tty: writes the name of the terminal on standard input, or "not a tty" (exit status 1). -s
 * writes nothing: the exit status alone tells. */
#include "util.h"
#include <getopt.h>
#include <stdbool.h>

int tty_main(int argc, char **argv) {
	static const struct option longs[] = {
		{ "silent", no_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool silent = false;
	int c;
	while ((c = getopt_long(argc, argv, "s", longs, NULL)) != -1) {
		switch (c) {
		case 's': silent = true; break;
		case 'h':
			printf("Usage: %s [OPTION]...\n", applet);
			return 0;
		default:
			try_help();
			return 2;
		}
	}
	if (optind < argc) {
		usage_mistake("extra operand '%s'", argv[optind]);
		return 2;
	}
	if (silent) return isatty(STDIN_FILENO) ? 0 : 1;
	const char *name = ttyname(STDIN_FILENO);
	puts(name != NULL ? name : "not a tty");
	return name != NULL ? 0 : 1;
}
