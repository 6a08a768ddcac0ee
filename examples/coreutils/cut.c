/* cut: selected parts of each line. Options: -b LIST (bytes), -c LIST (characters: bytes, as in
 * the C locale), -f LIST (fields), -d C (field delimiter, default tab), -s (with -f: leave out
 * lines without a delimiter), -n (ignored). A LIST is N, N-M, N- or -M, joined by commas;
 * parts come out in their order in the line, as GNU's. */
#include "util.h"
#include <getopt.h>
#include <limits.h>

struct range { unsigned long lo, hi; };

static struct range *ranges;
static size_t nranges;
static int fields; /* -f, not -b/-c */

/* Reads digits at *p into *value; false if there are none. */
static int read_number(const char **p, unsigned long *value) {
	const char *s = *p;
	if (*s < '0' || *s > '9') return 0;
	*value = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (*value > (ULONG_MAX - 9) / 10) {
			size_t n = strspn(*p, "0123456789");
			fflush(stdout);
			fprintf(stderr, "%s: %s '%.*s' is too large\nTry '%s --help' for more information.\n", applet,
				fields ? "field number" : "byte/character offset", (int)n, *p, applet);
			exit(1);
		}
		*value = *value * 10 + (unsigned long)(*s - '0');
	}
	*p = s;
	return 1;
}

/* Parses LIST into ranges, with GNU's messages for what is wrong. */
static void parse_list(const char *list) {
	const char *zero = fields ? "fields are numbered from 1" : "byte/character positions are numbered from 1";
	const char *p = list;
	for (;;) {
		unsigned long lo = 1, hi = ULONG_MAX;
		int have_lo = read_number(&p, &lo), dash = 0, have_hi = 0;
		if (*p == '-') {
			dash = 1;
			p++;
			have_hi = read_number(&p, &hi);
			if (*p == '-') usage_fail(fields ? "invalid field range" : "invalid byte or character range");
		}
		if (*p != '\0' && *p != ',' && *p != ' ')
			usage_fail(fields ? "invalid field value '%s'" : "invalid byte/character position '%s'", p);
		if (dash && !have_lo && !have_hi) usage_fail("invalid range with no endpoint: -");
		if ((!have_lo && !dash) || (have_lo && lo == 0) || (have_hi && hi == 0)) usage_fail("%s", zero);
		if (!dash) hi = lo;
		if (hi < lo) usage_fail("invalid decreasing range");
		ranges = realloc(ranges, (nranges + 1) * sizeof *ranges);
		if (ranges == NULL) fail(1, "memory exhausted");
		ranges[nranges++] = (struct range){ lo, hi };
		if (*p == '\0') break;
		p++;
	}
}

static int selected(unsigned long n) {
	for (size_t i = 0; i < nranges; i++)
		if (n >= ranges[i].lo && n <= ranges[i].hi) return 1;
	return 0;
}

/* Writes the selected fields of line (without its newline), or all of it when it has no
 * delimiter (nothing with -s). */
static void cut_fields(const char *line, size_t len, char delim, int only_delimited) {
	if (memchr(line, delim, len) == NULL) {
		if (only_delimited) return;
		fwrite(line, 1, len, stdout);
		putchar('\n');
		return;
	}
	int first = 1;
	unsigned long n = 1;
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && line[i] != delim) continue;
		if (selected(n)) {
			if (!first) putchar(delim);
			fwrite(line + start, 1, i - start, stdout);
			first = 0;
		}
		n++;
		start = i + 1;
	}
	putchar('\n');
}

static void cut_bytes(const char *line, size_t len) {
	for (size_t i = 0; i < len; i++)
		if (selected(i + 1)) putchar(line[i]);
	putchar('\n');
}

int cut_main(int argc, char **argv) {
	const char *list = NULL;
	int delim = -1, only_delimited = 0, lists = 0;
	int c;
	while ((c = getopt_long(argc, argv, "b:c:f:d:sn", HELP_ONLY, NULL)) != -1) {
		switch (c) {
		case 'b':
		case 'c':
		case 'f':
			lists++;
			list = optarg;
			fields = c == 'f';
			break;
		case 'd':
			if (optarg[0] != '\0' && optarg[1] != '\0') usage_fail("the delimiter must be a single character");
			delim = (unsigned char)optarg[0];
			break;
		case 's': only_delimited = 1; break;
		case 'n': break;
		case 1: puts("Usage: cut OPTION... [FILE]..."); return 0;
		default:
			try_help();
			return 1;
		}
	}
	if (lists > 1) usage_fail("only one list may be specified");
	if (list == NULL) usage_fail("you must specify a list of bytes, characters, or fields");
	if (!fields && delim >= 0) usage_fail("an input delimiter may be specified only when operating on fields");
	if (!fields && only_delimited)
		usage_fail("suppressing non-delimited lines makes sense\n\tonly when operating on fields");
	parse_list(list);
	if (delim < 0) delim = '\t';
	char *standard[] = { "-" };
	char **files = optind < argc ? argv + optind : standard;
	int nfiles = optind < argc ? argc - optind : 1;
	int status = 0;
	char *line = NULL;
	size_t size = 0;
	for (int i = 0; i < nfiles; i++) {
		FILE *f = open_input(files[i]);
		if (f == NULL) {
			message_errno(files[i]);
			status = 1;
			continue;
		}
		ssize_t len;
		while ((len = getline(&line, &size, f)) >= 0) {
			if (len > 0 && line[len - 1] == '\n') len--;
			if (fields) cut_fields(line, (size_t)len, (char)delim, only_delimited);
			else cut_bytes(line, (size_t)len);
		}
		if (ferror(f)) {
			message_errno(files[i]);
			status = 1;
		}
		close_input(f);
	}
	free(line);
	return status;
}
