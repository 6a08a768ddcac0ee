/* hostname: writes the machine's host name (gethostname); hostname NAME tries to set it. */
#include "util.h"
#include <getopt.h>

int hostname_main(int argc, char **argv) {
	static const struct option longs[] = { { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	int c;
	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		if (c == 'h') {
			printf("Usage: %s [NAME]\n", applet);
			return 0;
		}
		try_help();
		return 1;
	}
	if (argc - optind > 1) {
		usage_mistake("extra operand '%s'", argv[optind + 1]);
		return 1;
	}
	if (optind < argc) {
		if (sethostname(argv[optind], strlen(argv[optind])) != 0) {
			int e = errno;
			fail(1, "cannot set name to '%s': %s", argv[optind], strerror(e));
		}
		return 0;
	}
	char name[256];
	if (gethostname(name, sizeof name) != 0) {
		message_errno("cannot determine hostname");
		return 1;
	}
	puts(name);
	return 0;
}
