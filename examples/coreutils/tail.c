/* tail: the last lines (or bytes) of each file. Options: -n N (lines, default 10; -n +N from line
 * N on), -c N (bytes; -c +N from byte N on), -q (no headers), -v (always headers), and the old
 * form -N for -n N. With several files each has a "==> NAME <==" header, as GNU's. No -f. */
#include "util.h"
#include <getopt.h>

static int count_bytes; /* -c: count bytes, not lines */
static int from_start;  /* +N: from the Nth line or byte on */
static unsigned long long count = 10;

/* The count of -n/-c: digits, a leading '+' counting from the start. False if not a number. */
static int parse_count(const char *s) {
	char sign;
	bool ok = parse_count_text(s, &sign, &count);
	from_start = sign == '+';
	return ok;
}

/* Writes the wanted part of f: all of it read first, then the part found from the end. */
static void tail_file(FILE *f) {
	size_t size;
	char *buf = read_whole(f, &size);
	size_t start = 0;
	if (from_start) {
		/* +N and +0 both start at the first line or byte. */
		unsigned long long skip = count > 0 ? count - 1 : 0;
		if (count_bytes) {
			start = skip < size ? skip : size;
		} else {
			for (unsigned long long k = 0; k < skip && start < size; k++) {
				char *nl = memchr(buf + start, '\n', size - start);
				start = nl != NULL ? (size_t)(nl - buf) + 1 : size;
			}
		}
	} else if (count_bytes) {
		start = count < size ? size - count : 0;
	} else {
		/* Back over `count` lines from the end; a last line without its newline is one too. */
		start = size;
		for (unsigned long long k = 0; k < count && start > 0; k++) {
			start--;
			while (start > 0 && buf[start - 1] != '\n') start--;
		}
	}
	fwrite(buf + start, 1, size - start, stdout);
	free(buf);
}

int tail_main(int argc, char **argv) {
	int headers = -1; /* -1: when there are several files */
	int status = count_options(&argc, &argv, parse_count, &count_bytes, &headers, "Usage: tail [OPTION]... [FILE]...");
	if (status >= 0) return status;
	/* Nothing to write: GNU's tail opens no file at all. */
	if (count == 0 && !from_start) return 0;
	return write_files(argc - optind, argv + optind, headers, tail_file);
}
