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
	all_but = *s == '-';
	if (*s == '-' || *s == '+') s++;
	if (*s < '0' || *s > '9') return 0;
	char *end;
	errno = 0;
	count = strtoull(s, &end, 10);
	return *end == '\0' && errno == 0;
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
	size_t size = 0, cap = 4096;
	char *buf = malloc(cap);
	size_t n;
	while (buf != NULL && (n = fread(buf + size, 1, cap - size, f)) > 0) {
		size += n;
		if (size == cap) buf = realloc(buf, cap *= 2);
	}
	if (buf == NULL) fail(1, "memory exhausted");
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

/* --help, the one long option: a line of usage. */
static const struct option HELP[] = { { "help", no_argument, NULL, 1 }, { NULL, 0, NULL, 0 } };

int head_main(int argc, char **argv) {
	int headers = -1; /* -1: when there are several files */
	/* The old form "head -N" as the first argument. */
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
		if (!parse_count(argv[1] + 1)) fail(1, "invalid number of lines: '%s'", argv[1] + 1);
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	int c;
	while ((c = getopt_long(argc, argv, "n:c:qv", HELP, NULL)) != -1) {
		switch (c) {
		case 'n':
		case 'c':
			count_bytes = c == 'c';
			if (!parse_count(optarg))
				fail(1, "invalid number of %s: '%s'", count_bytes ? "bytes" : "lines", optarg);
			break;
		case 'q': headers = 0; break;
		case 'v': headers = 1; break;
		case 1: puts("Usage: head [OPTION]... [FILE]..."); return 0;
		default:
			fprintf(stderr, "Try '%s --help' for more information.\n", applet);
			return 1;
		}
	}
	char *standard[] = { "-" };
	char **files = optind < argc ? argv + optind : standard;
	int nfiles = optind < argc ? argc - optind : 1;
	if (headers < 0) headers = nfiles > 1;
	int status = 0, first = 1;
	for (int i = 0; i < nfiles; i++) {
		const char *name = strcmp(files[i], "-") == 0 ? "standard input" : files[i];
		FILE *f = open_input(files[i]);
		if (f == NULL) {
			message("cannot open '%s' for reading: %s", files[i], strerror(errno));
			status = 1;
			continue;
		}
		if (headers) printf("%s==> %s <==\n", first ? "" : "\n", name);
		first = 0;
		if (all_but) head_all_but(f);
		else head_leading(f);
		if (ferror(f)) {
			message("error reading '%s': %s", name, strerror(errno));
			status = 1;
		}
		close_input(f);
	}
	return status;
}
