/* env: runs a command in a changed environment, or prints the environment (NAME=VALUE lines)
 * when no command is given. env [-i] [-0] [-u NAME]... [-C DIR] [-] [NAME=VALUE]... [COMMAND
 * [ARG]...]: -i (or -) starts from an empty environment, -u removes NAME, -C runs the command
 * in DIR, -0 ends printed lines with NUL. Exit status 125 for env's own errors, 126 when the
 * command cannot be run, 127 when it is not found. */
#include "util.h"
#include <getopt.h>
#include <stdbool.h>

extern char **environ;

static _Noreturn void usage_error(void) {
	try_help();
	exit(125);
}

int env_main(int argc, char **argv) {
	static const struct option longs[] = {
		{ "ignore-environment", no_argument, NULL, 'i' },
		{ "null", no_argument, NULL, '0' },
		{ "unset", required_argument, NULL, 'u' },
		{ "chdir", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool empty = false, null_end = false;
	const char *dir = NULL;
	char **unset = calloc((size_t)argc + 1, sizeof *unset);
	int nunset = 0, c;
	if (unset == NULL) fail(125, "memory exhausted");
	while ((c = getopt_long(argc, argv, "+iu:0C:", longs, NULL)) != -1) {
		switch (c) {
		case 'i': empty = true; break;
		case '0': null_end = true; break;
		case 'u': unset[nunset++] = optarg; break;
		case 'C': dir = optarg; break;
		case 'h':
			printf("Usage: %s [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]\n", applet);
			return 0;
		default: usage_error();
		}
	}
	if (optind < argc && strcmp(argv[optind], "-") == 0) {
		empty = true;
		optind++;
	}
	if (empty) clearenv();
	for (int i = 0; i < nunset; i++) {
		if (unsetenv(unset[i]) != 0) {
			int e = errno;
			fail(125, "cannot unset '%s': %s", unset[i], strerror(e));
		}
	}
	for (; optind < argc; optind++) {
		char *eq = strchr(argv[optind], '=');
		if (eq == NULL) break;
		*eq = '\0';
		int r = setenv(argv[optind], eq + 1, 1);
		*eq = '=';
		if (r != 0) {
			int e = errno;
			fail(125, "cannot set '%s': %s", argv[optind], strerror(e));
		}
	}
	if (optind == argc) {
		if (dir != NULL) {
			message("must specify command with --chdir (-C)");
			usage_error();
		}
		for (char **e = environ; *e; e++) printf("%s%c", *e, null_end ? '\0' : '\n');
		return 0;
	}
	if (null_end) {
		message("cannot specify --null (-0) with command");
		usage_error();
	}
	if (dir != NULL && chdir(dir) != 0) {
		int e = errno;
		fail(125, "cannot change directory to '%s': %s", dir, strerror(e));
	}
	fflush(stdout);
	execvp(argv[optind], argv + optind);
	int e = errno;
	fail(e == ENOENT ? 127 : 126, "'%s': %s", argv[optind], strerror(e));
}
