/* uniq: one line of each run of equal adjacent lines, from INPUT (or stdin) to OUTPUT (or
 * stdout). Options: -c (prefix the run's length), -d (only runs of two or more), -u (only lines
 * that are alone), -i (compare ignoring case). */
#include "util.h"
#include <getopt.h>
#include <strings.h>

static int show_count, only_repeated, only_unique, ignore_case;

/* Writes the run that starts with line and has n lines, if the options want it. */
static void write_run(const char *line, size_t len, unsigned long long n) {
	if ((n > 1 && only_unique) || (n == 1 && only_repeated)) return;
	if (show_count) printf("%7llu ", n);
	fwrite(line, 1, len, stdout);
	putchar('\n');
}

static int same(const char *a, size_t alen, const char *b, size_t blen) {
	if (alen != blen) return 0;
	return ignore_case ? strncasecmp(a, b, alen) == 0 : memcmp(a, b, alen) == 0;
}

int uniq_main(int argc, char **argv) {
	int c;
	while ((c = getopt_long(argc, argv, "cdui", HELP_ONLY, NULL)) != -1) {
		switch (c) {
		case 'c': show_count = 1; break;
		case 'd': only_repeated = 1; break;
		case 'u': only_unique = 1; break;
		case 'i': ignore_case = 1; break;
		case 1: puts("Usage: uniq [OPTION]... [INPUT [OUTPUT]]"); return 0;
		default:
			try_help();
			return 1;
		}
	}
	if (argc - optind > 2) {
		usage_mistake("extra operand '%s'", argv[optind + 2]);
		return 1;
	}
	const char *input = optind < argc ? argv[optind] : "-";
	FILE *in = open_input(input);
	if (in == NULL) {
		message_errno(input);
		return 1;
	}
	if (argc - optind == 2 && strcmp(argv[optind + 1], "-") != 0 && freopen(argv[optind + 1], "w", stdout) == NULL) {
		message_errno(argv[optind + 1]);
		return 1;
	}
	char *line = NULL, *first = NULL;
	size_t size = 0, first_size = 0, first_len = 0;
	unsigned long long run = 0;
	ssize_t len;
	while ((len = getline(&line, &size, in)) >= 0) {
		if (len > 0 && line[len - 1] == '\n') len--;
		if (run > 0 && same(first, first_len, line, (size_t)len)) {
			run++;
			continue;
		}
		if (run > 0) write_run(first, first_len, run);
		/* The new run's first line is kept; the buffers change roles. */
		char *t = first;
		size_t ts = first_size;
		first = line, first_size = size, first_len = (size_t)len;
		line = t, size = ts;
		run = 1;
	}
	if (run > 0) write_run(first, first_len, run);
	int status = 0;
	if (ferror(in)) {
		message("error reading '%s'", input); /* GNU's words, without the reason */
		status = 1;
	}
	close_input(in);
	free(line);
	free(first);
	return status;
}
