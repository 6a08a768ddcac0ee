/* readlink: prints the target of symbolic links, or with -f/-e/-m their canonical absolute path
 * (-f: all but the last component must exist, -e: all, -m: none). Options: -n (no newline),
 * -z (NUL after each), -q/-s (quiet, the default), -v (say why one failed). */
#include "util.h"
#include "lib/canonicalize.h"
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>

int readlink_main(int argc, char **argv) {
	static const struct option longopts[] = {
		{ "canonicalize", no_argument, NULL, 'f' },
		{ "canonicalize-existing", no_argument, NULL, 'e' },
		{ "canonicalize-missing", no_argument, NULL, 'm' },
		{ "no-newline", no_argument, NULL, 'n' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "silent", no_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "zero", no_argument, NULL, 'z' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *optstring = "efmnqsvz";
	bool canon = false, newline = true, verbose = false, zero = false;
	enum need need = ALL_BUT_LAST;
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		switch (c) {
		case 'e': canon = true; need = EXISTING; break;
		case 'f': canon = true; need = ALL_BUT_LAST; break;
		case 'm': canon = true; need = MISSING; break;
		case 'n': newline = false; break;
		case 'q': case 's': verbose = false; break;
		case 'v': verbose = true; break;
		case 'z': zero = true; break;
		case 'h': printf("Usage: readlink [-efmnqsvz] FILE...\n"); return 0;
		default: option_error(argv, optstring); return 1;
		}
	}
	if (optind >= argc) {
		usage_mistake("missing operand");
		return 1;
	}
	if (!newline && argc - optind > 1) {
		message("ignoring --no-newline with multiple arguments");
		newline = true;
	}
	int status = 0;
	for (int i = optind; i < argc; i++) {
		static char target[PATH_MAX];
		const char *result = NULL;
		if (canon) {
			result = canonicalize(argv[i], need, true);
		} else {
			ssize_t n = readlink(argv[i], target, sizeof target - 1);
			if (n >= 0) {
				target[n] = '\0';
				result = target;
			}
		}
		if (result == NULL) {
			if (verbose) message_errno(argv[i]);
			status = 1;
			continue;
		}
		fputs(result, stdout);
		if (zero) putchar('\0');
		else if (newline) putchar('\n');
	}
	return status;
}
