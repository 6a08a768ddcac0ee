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
	from_start = *s == '+';
	if (*s == '-' || *s == '+') s++;
	if (*s < '0' || *s > '9') return 0;
	char *end;
	errno = 0;
	count = strtoull(s, &end, 10);
	return *end == '\0' && errno == 0;
}

/* Writes the wanted part of f: all of it read first, then the part found from the end. */
static void tail_file(FILE *f) {
	size_t size = 0, cap = 4096;
	char *buf = malloc(cap);
	size_t n;
	while (buf != NULL && (n = fread(buf + size, 1, cap - size, f)) > 0) {
		size += n;
		if (size == cap) buf = realloc(buf, cap *= 2);
	}
	if (buf == NULL) fail(1, "memory exhausted");
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

/* --help, the one long option: a line of usage. */
static const struct option HELP[] = { { "help", no_argument, NULL, 1 }, { NULL, 0, NULL, 0 } };

int tail_main(int argc, char **argv) {
	int headers = -1; /* -1: when there are several files */
	/* The old form "tail -N" as the first argument. */
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
		if (!parse_count(argv[1])) fail(1, "invalid number of lines: '%s'", argv[1] + 1);
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
		case 1: puts("Usage: tail [OPTION]... [FILE]..."); return 0;
		default:
			fprintf(stderr, "Try '%s --help' for more information.\n", applet);
			return 1;
		}
	}
	/* Nothing to write: GNU's tail opens no file at all. */
	if (count == 0 && !from_start) return 0;
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
		tail_file(f);
		if (ferror(f)) {
			message("error reading '%s': %s", name, strerror(errno));
			status = 1;
		}
		close_input(f);
	}
	return status;
}
