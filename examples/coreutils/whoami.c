/* whoami: writes the name of the effective user (geteuid's entry in the user database). */
#include "util.h"
#include <getopt.h>
#include <pwd.h>

int whoami_main(int argc, char **argv) {
	static const struct option longs[] = { { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	int c;
	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		if (c == 'h') {
			printf("Usage: %s [OPTION]...\n", applet);
			return 0;
		}
		try_help();
		return 1;
	}
	if (optind < argc) {
		usage_mistake("extra operand '%s'", argv[optind]);
		return 1;
	}
	uid_t uid = geteuid();
	struct passwd *pw = getpwuid(uid);
	if (pw == NULL) fail(1, "cannot find name for user ID %u", (unsigned)uid);
	puts(pw->pw_name);
	return 0;
}
