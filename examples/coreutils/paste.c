/* paste: joins the lines of files side by side (line N of each file on output line N), or with -s
 * each file's lines into one line. Options: -d LIST (delimiters used in turn, default tab; \n \t
 * \\ \0 escapes, \0 none), -s (serial). "-" is stdin, and several "-" take turns at its lines. */
#include "util.h"
#include <getopt.h>

static char delims[1024]; /* the delimiters; '\0' is "none" */
static size_t ndelims;

static void parse_delims(const char *list) {
	ndelims = 0;
	for (const char *p = list; *p != '\0' && ndelims < sizeof delims; p++) {
		char c = *p;
		if (c == '\\') {
			if (*++p == '\0') fail(1, "delimiter list ends with an unescaped backslash: %s", list);
			switch (*p) {
			case '0': c = '\0'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'v': c = '\v'; break;
			default: c = *p; break;
			}
		}
		delims[ndelims++] = c;
	}
	if (ndelims == 0) delims[ndelims++] = '\0';
}

static void put_delim(size_t k) {
	char c = delims[k % ndelims];
	if (c != '\0') putchar(c);
}

/* Reads a line of f without its newline into *line; false at the end of f. */
static int read_line(FILE *f, char **line, size_t *size, size_t *len) {
	ssize_t n = getline(line, size, f);
	if (n < 0) return 0;
	if (n > 0 && (*line)[n - 1] == '\n') n--;
	*len = (size_t)n;
	return 1;
}

static int paste_serial(int nfiles, char **files) {
	int status = 0;
	char *line = NULL;
	size_t size = 0, len;
	for (int i = 0; i < nfiles; i++) {
		FILE *f = open_input(files[i]);
		if (f == NULL) {
			message_errno(files[i]);
			status = 1;
			continue;
		}
		for (size_t k = 0; read_line(f, &line, &size, &len); k++) {
			if (k > 0) put_delim(k - 1);
			fwrite(line, 1, len, stdout);
		}
		putchar('\n');
		if (ferror(f)) {
			message_errno(files[i]);
			status = 1;
		}
		close_input(f);
	}
	free(line);
	return status;
}

/* All files are opened first; one that cannot be is an error before any output, as GNU's. */
static int paste_parallel(int nfiles, char **files) {
	FILE **in = calloc((size_t)nfiles, sizeof *in);
	char **lines = calloc((size_t)nfiles, sizeof *lines);
	size_t *sizes = calloc((size_t)nfiles, sizeof *sizes), *lens = calloc((size_t)nfiles, sizeof *lens);
	int *got = calloc((size_t)nfiles, sizeof *got);
	if (in == NULL || lines == NULL || sizes == NULL || lens == NULL || got == NULL) fail(1, "memory exhausted");
	for (int i = 0; i < nfiles; i++)
		if ((in[i] = open_input(files[i])) == NULL) fail(1, "%s: %s", files[i], strerror(errno));
	int status = 0;
	for (;;) {
		int any = 0;
		for (int i = 0; i < nfiles; i++) {
			got[i] = in[i] != NULL && read_line(in[i], &lines[i], &sizes[i], &lens[i]);
			if (got[i]) {
				any = 1;
				continue;
			}
			/* A file that ends (or fails: reported at once) gives empty fields from now on. */
			int failed = in[i] != NULL && ferror(in[i]);
			if (failed) {
				message_errno(files[i]);
				status = 1;
			}
			if (in[i] != NULL && (failed || in[i] != stdin)) close_input(in[i]), in[i] = NULL;
		}
		if (!any) break;
		for (int i = 0; i < nfiles; i++) {
			if (i > 0) put_delim((size_t)i - 1);
			if (got[i]) fwrite(lines[i], 1, lens[i], stdout);
		}
		putchar('\n');
	}
	return status;
}

int paste_main(int argc, char **argv) {
	int serial = 0;
	parse_delims("\\t");
	int c;
	while ((c = getopt_long(argc, argv, "d:s", HELP_ONLY, NULL)) != -1) {
		switch (c) {
		case 'd': parse_delims(optarg); break;
		case 's': serial = 1; break;
		case 1: puts("Usage: paste [OPTION]... [FILE]..."); return 0;
		default:
			try_help();
			return 1;
		}
	}
	char *standard[] = { "-" };
	char **files = optind < argc ? argv + optind : standard;
	int nfiles = optind < argc ? argc - optind : 1;
	return serial ? paste_serial(nfiles, files) : paste_parallel(nfiles, files);
}
