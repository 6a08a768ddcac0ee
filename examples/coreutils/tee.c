/* tee: copies stdin to stdout and to each FILE. Options: -a (append to the files), -i (ignore
 * SIGINT). "-" is a file of that name, as in GNU's. A file that cannot be opened is reported
 * and left out; the others still get the copy. */
#include "util.h"
#include <getopt.h>
#include <signal.h>

int tee_main(int argc, char **argv) {
	const char *mode = "w";
	int c;
	while ((c = getopt_long(argc, argv, "ai", HELP_ONLY, NULL)) != -1) {
		switch (c) {
		case 'a': mode = "a"; break;
		case 'i': signal(SIGINT, SIG_IGN); break;
		case 1: puts("Usage: tee [OPTION]... [FILE]..."); return 0;
		default:
			try_help();
			return 1;
		}
	}
	int n = argc - optind, status = 0;
	FILE **out = calloc((size_t)n + 1, sizeof *out);
	if (out == NULL) fail(1, "memory exhausted");
	for (int i = 0; i < n; i++) {
		const char *name = argv[optind + i];
		out[i] = fopen(name, mode);
		if (out[i] == NULL) {
			message_errno(name);
			status = 1;
		}
	}
	/* Unbuffered in effect: each read is written out at once, as GNU's tee does. */
	char buf[8192];
	ssize_t got;
	while ((got = read(0, buf, sizeof buf)) > 0) {
		fwrite(buf, 1, (size_t)got, stdout);
		fflush(stdout);
		for (int i = 0; i < n; i++) {
			if (out[i] == NULL) continue;
			if (fwrite(buf, 1, (size_t)got, out[i]) != (size_t)got || fflush(out[i]) != 0) {
				message_errno(argv[optind + i]);
				fclose(out[i]);
				out[i] = NULL;
				status = 1;
			}
		}
	}
	if (got < 0) {
		message_errno("read error");
		status = 1;
	}
	for (int i = 0; i < n; i++)
		if (out[i] != NULL && fclose(out[i]) != 0) {
			message_errno(argv[optind + i]);
			status = 1;
		}
	free(out);
	return status;
}
