/* dirname: writes each NAME without its last component (and the slashes before it): "." when
 * none is left, "/" for the root. -z ends lines with NUL instead of newline. */
#include "util.h"
#include <getopt.h>
#include <stdbool.h>

static void put_dir(const char *name, char end) {
	const char *last = name;
	while (*last == '/') last++;
	bool after_slash = false;
	for (const char *p = last; *p; p++) {
		if (*p == '/') after_slash = true;
		else if (after_slash) {
			last = p;
			after_slash = false;
		}
	}
	size_t root = name[0] == '/' ? 1 : 0;
	size_t len = (size_t)(last - name);
	while (len > root && name[len - 1] == '/') len--;
	if (len == 0) printf(".%c", end);
	else printf("%.*s%c", (int)len, name, end);
}

int dirname_main(int argc, char **argv) {
	static const struct option longs[] = {
		{ "zero", no_argument, NULL, 'z' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char end = '\n';
	int c;
	while ((c = getopt_long(argc, argv, "z", longs, NULL)) != -1) {
		switch (c) {
		case 'z': end = '\0'; break;
		case 'h':
			printf("Usage: %s [OPTION] NAME...\n", applet);
			return 0;
		default:
			try_help();
			return 1;
		}
	}
	if (optind >= argc) {
		usage_mistake("missing operand");
		return 1;
	}
	for (int i = optind; i < argc; i++) put_dir(argv[i], end);
	return 0;
}
