/* cat: copies files ("-" or none: standard input) to standard output. Options: -n (number
 * lines), -b (number non-blank lines), -s (squeeze runs of blank lines into one), -E ($ at line
 * ends), -T (tabs as ^I), -v (other control and high bytes as ^X and M-X), -A (-vET), -e (-vE),
 * -t (-vT), -u (ignored). Numbering and squeezing run on across files, as GNU's. */
#include "util.h"
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>

static bool number, number_nonblank, squeeze, show_ends, show_tabs, show_nonprinting;

/* Where the output stands between bytes, kept from one file to the next. */
static bool at_line_start = true;
static int blank_lines; /* empty lines in a row just seen */
static unsigned long long line_number;

static void put_visible(unsigned char c) {
	if (c == '\t') {
		fputs(show_tabs ? "^I" : "\t", stdout);
		return;
	}
	if (!show_nonprinting) {
		putchar(c);
		return;
	}
	if (c >= 128) {
		fputs("M-", stdout);
		c -= 128;
	}
	if (c < 32) {
		putchar('^');
		putchar(c + 64);
	} else if (c == 127) {
		fputs("^?", stdout);
	} else {
		putchar(c);
	}
}

static void format(const unsigned char *buf, size_t n) {
	for (size_t i = 0; i < n; i++) {
		unsigned char c = buf[i];
		if (c == '\n') {
			if (at_line_start) {
				if (++blank_lines > 1 && squeeze) continue;
				if (number && !number_nonblank) printf("%6llu\t", ++line_number);
			}
			if (show_ends) putchar('$');
			putchar('\n');
			at_line_start = true;
			continue;
		}
		if (at_line_start) {
			blank_lines = 0;
			if (number) printf("%6llu\t", ++line_number);
			at_line_start = false;
		}
		put_visible(c);
	}
}

static bool cat_file(const char *path, bool plain) {
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY);
	if (fd < 0) {
		message_errno(path);
		return false;
	}
	static unsigned char buf[65536];
	bool ok = true;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR) continue;
		if (n < 0) {
			message_errno(path);
			ok = false;
			break;
		}
		if (n == 0) break;
		if (plain) fwrite(buf, 1, (size_t)n, stdout);
		else format(buf, (size_t)n);
		/* Out as it comes, as GNU's cat writes: a reader at the other end of a pipe may be waiting. */
		fflush(stdout);
	}
	if (fd != STDIN_FILENO) close(fd);
	return ok;
}

int cat_main(int argc, char **argv) {
	static const struct option longopts[] = {
		{ "number", no_argument, NULL, 'n' },
		{ "number-nonblank", no_argument, NULL, 'b' },
		{ "squeeze-blank", no_argument, NULL, 's' },
		{ "show-ends", no_argument, NULL, 'E' },
		{ "show-tabs", no_argument, NULL, 'T' },
		{ "show-nonprinting", no_argument, NULL, 'v' },
		{ "show-all", no_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *optstring = "AbeEnstTuv";
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		switch (c) {
		case 'A': show_nonprinting = show_ends = show_tabs = true; break;
		case 'b': number = number_nonblank = true; break;
		case 'e': show_nonprinting = show_ends = true; break;
		case 'E': show_ends = true; break;
		case 'n': number = true; break;
		case 's': squeeze = true; break;
		case 't': show_nonprinting = show_tabs = true; break;
		case 'T': show_tabs = true; break;
		case 'u': break;
		case 'v': show_nonprinting = true; break;
		case 'h': printf("Usage: cat [-AbeEnstTuv] [FILE]...\n"); return 0;
		default: option_error(argv, optstring); return 1;
		}
	}
	bool plain = !(number || squeeze || show_ends || show_tabs || show_nonprinting);
	bool ok = true;
	if (optind >= argc) return cat_file("-", plain) ? 0 : 1;
	for (int i = optind; i < argc; i++) {
		ok &= cat_file(argv[i], plain);
	}
	return ok ? 0 : 1;
}
