/* coreutils: the guest's /bin utilities as one program, as busybox is: l4wasm installs it under
 * each command's name (/bin/ls, /bin/cat, ...), and it runs the command its argv[0] names (or,
 * run as "coreutils", the one its first argument names). One module: one preparation for all of
 * them. The table of commands (commands.h) is made by the build from the files NAME.c here. */
#include "util.h"

struct command { const char *name; int (*main)(int, char **); };
#include "commands.h"

static int find(const char *name) {
	for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++) {
		if (strcmp(COMMANDS[i].name, name) == 0) return (int)i;
	}
	return -1;
}

int main(int argc, char **argv) {
	const char *name = argc > 0 ? argv[0] : "coreutils";
	const char *slash = strrchr(name, '/');
	if (slash != NULL) name = slash + 1;
	if (strcmp(name, "coreutils") == 0) {
		if (argc < 2) {
			fputs("usage: coreutils COMMAND [ARGS...]\ncommands:", stderr);
			for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++) fprintf(stderr, " %s", COMMANDS[i].name);
			fputc('\n', stderr);
			return 2;
		}
		argc--;
		argv++;
		name = argv[0];
		slash = strrchr(name, '/');
		if (slash != NULL) name = slash + 1;
	}
	int i = find(name);
	if (i < 0) {
		fprintf(stderr, "coreutils: %s: command not found\n", name);
		return 127;
	}
	applet = COMMANDS[i].name;
	int status = COMMANDS[i].main(argc, argv);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE) message_errno("write error");
		return status == 0 ? 1 : status;
	}
	return status;
}
