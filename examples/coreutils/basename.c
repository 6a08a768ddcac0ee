/* basename: writes NAME without its leading directories (and trailing slashes), and without
 * SUFFIX: basename NAME [SUFFIX], or basename -a [-s SUFFIX] [-z] NAME... for several names.
 * -a takes every operand as a NAME, -s SUFFIX removes SUFFIX (implies -a), -z ends lines with NUL. */
#include "util.h"
#include <getopt.h>
#include <stdbool.h>

/* Writes NAME's last component; SUFFIX (or NULL) is removed from it unless it is the whole of it. */
static void put_base(const char *name, const char *suffix, char end) {
	const char *base = name;
	while (*base == '/') base++;
	/* All slashes (and not empty): the root. */
	if (*base == '\0' && base != name) {
		printf("/%c", end);
		return;
	}
	bool after_slash = false;
	for (const char *p = base; *p; p++) {
		if (*p == '/') after_slash = true;
		else if (after_slash) {
			base = p;
			after_slash = false;
		}
	}
	size_t len = strlen(base);
	while (len > 0 && base[len - 1] == '/') len--;
	if (suffix != NULL) {
		size_t n = strlen(suffix);
		if (len > n && memcmp(base + len - n, suffix, n) == 0) len -= n;
	}
	printf("%.*s%c", (int)len, base, end);
}

static int usage_error(void) {
	try_help();
	return 1;
}

int basename_main(int argc, char **argv) {
	static const struct option longs[] = {
		{ "multiple", no_argument, NULL, 'a' },
		{ "suffix", required_argument, NULL, 's' },
		{ "zero", no_argument, NULL, 'z' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool multiple = false;
	const char *suffix = NULL;
	char end = '\n';
	int c;
	while ((c = getopt_long(argc, argv, "+as:z", longs, NULL)) != -1) {
		switch (c) {
		case 's': suffix = optarg; multiple = true; break;
		case 'a': multiple = true; break;
		case 'z': end = '\0'; break;
		case 'h':
			printf("Usage: %s NAME [SUFFIX]\n  or:  %s OPTION... NAME...\n", applet, applet);
			return 0;
		default: return usage_error();
		}
	}
	if (optind >= argc) {
		message("missing operand");
		return usage_error();
	}
	if (multiple) {
		for (int i = optind; i < argc; i++) put_base(argv[i], suffix, end);
	} else {
		if (argc > optind + 2) {
			message("extra operand '%s'", argv[optind + 2]);
			return usage_error();
		}
		put_base(argv[optind], optind + 1 < argc ? argv[optind + 1] : NULL, end);
	}
	return 0;
}
