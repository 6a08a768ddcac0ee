/* realpath: prints the canonical absolute path of each FILE: symbolic links resolved, "." and
 * ".." gone; all but the last component must exist (-E, the default), all (-e) or none (-m).
 * Options: -s (keep symbolic links, work on the names), -q (no messages), -z (NUL after each). */
#include "util.h"
#include "lib/canonicalize.h"
#include <getopt.h>
#include <stdbool.h>

int realpath_main(int argc, char **argv) {
	static const struct option longopts[] = {
		{ "canonicalize-existing", no_argument, NULL, 'e' },
		{ "canonicalize-missing", no_argument, NULL, 'm' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "strip", no_argument, NULL, 's' },
		{ "no-symlinks", no_argument, NULL, 's' },
		{ "zero", no_argument, NULL, 'z' },
		{ "physical", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *optstring = "emqszEP";
	bool quiet = false, resolve = true, zero = false;
	enum need need = ALL_BUT_LAST;
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		switch (c) {
		case 'e': need = EXISTING; break;
		case 'E': need = ALL_BUT_LAST; break;
		case 'm': need = MISSING; break;
		case 'q': quiet = true; break;
		case 's': resolve = false; break;
		case 'P': resolve = true; break;
		case 'z': zero = true; break;
		case 'h': printf("Usage: realpath [-emqsz] FILE...\n"); return 0;
		default: option_error(argv, optstring); return 1;
		}
	}
	if (optind >= argc) {
		usage_mistake("missing operand");
		return 1;
	}
	int status = 0;
	for (int i = optind; i < argc; i++) {
		const char *result = canonicalize(argv[i], need, resolve);
		if (result == NULL) {
			if (!quiet) message_errno(argv[i]);
			status = 1;
			continue;
		}
		fputs(result, stdout);
		putchar(zero ? '\0' : '\n');
	}
	return status;
}
