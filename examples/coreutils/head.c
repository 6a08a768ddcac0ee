/* head: the first lines (or bytes) of each file. Options: -n N (lines, default 10; -n -N all but
 * the last N), -c N (bytes; -c -N all but the last N), -q (no headers), -v (always headers), and
 * the old form -N for -n N. With several files each has a "==> NAME <==" header, as GNU's. */
#include "util.h"
#include <getopt.h>

static int count_bytes; /* -c: count bytes, not lines */
static int all_but;     /* -n -N / -c -N: all but the last N */
static unsigned long long count = 10;

/* The count of -n/-c: digits, a leading '-' meaning "all but". False if it is not a number. */
static int parse_count(const char *s) {
	char sign;
	bool ok = parse_count_text(s, &sign, &count);
	all_but = sign == '-';
	return ok;
}

/* Copies the first `count` lines or bytes of f to stdout. */
static void head_leading(FILE *f) {
	unsigned long long done = 0;
	int c;
	while (done < count && (c = getc(f)) != EOF) {
		putchar(c);
		if (count_bytes || c == '\n') done++;
	}
}

/* Copies f but for its last `count` lines or bytes: reads it all, then writes the front part. */
static void head_all_but(FILE *f) {
	size_t size;
	char *buf = read_whole(f, &size);
	size_t keep = size;
	if (count_bytes) {
		keep = count < size ? size - count : 0;
	} else {
		/* Back over `count` lines from the end; a last line without its newline is one too. */
		for (unsigned long long k = 0; k < count && keep > 0; k++) {
			keep--;
			while (keep > 0 && buf[keep - 1] != '\n') keep--;
		}
	}
	fwrite(buf, 1, keep, stdout);
	free(buf);
}

/* The part -n/-c asked for: the leading lines or bytes, or all but the last ones. */
static void head_file(FILE *f) {
	if (all_but) head_all_but(f);
	else head_leading(f);
}

int head_main(int argc, char **argv) {
	int headers = -1; /* -1: when there are several files */
	int status = count_options(&argc, &argv, parse_count, &count_bytes, &headers, "Usage: head [OPTION]... [FILE]...");
	if (status >= 0) return status;
	return write_files(argc - optind, argv + optind, headers, head_file);
}
