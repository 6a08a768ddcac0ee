/* rev: each line of the files (or stdin) with its bytes in reverse order, as util-linux's rev in
 * the C locale. Option: -0 (lines end in NUL bytes, not newlines). A last line without its end
 * stays without it. */
#include "util.h"
#include <getopt.h>

static void rev_file(FILE *f, int end) {
	char *line = NULL;
	size_t size = 0;
	ssize_t n;
	while ((n = getdelim(&line, &size, end, f)) >= 0) {
		int ended = n > 0 && line[n - 1] == end;
		if (ended) n--;
		for (ssize_t i = n - 1; i >= 0; i--) putchar(line[i]);
		if (ended) putchar(end);
	}
	free(line);
}

int rev_main(int argc, char **argv) {
	int end = '\n';
	int c;
	while ((c = getopt_long(argc, argv, "0", HELP_ONLY, NULL)) != -1) {
		switch (c) {
		case '0': end = '\0'; break;
		case 1: puts("Usage: rev [options] [file ...]"); return 0;
		default:
			try_help();
			return 1;
		}
	}
	if (optind >= argc) {
		rev_file(stdin, end);
		return 0;
	}
	int status = 0;
	for (int i = optind; i < argc; i++) {
		FILE *f = fopen(argv[i], "r");
		if (f == NULL) {
			message("cannot open %s: %s", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		rev_file(f, end);
		if (ferror(f)) {
			message_errno(argv[i]);
			status = 1;
		}
		fclose(f);
	}
	return status;
}
