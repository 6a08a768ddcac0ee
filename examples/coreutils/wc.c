/* wc: counts of lines, words and bytes of each file, and their total when there are several.
 * Options: -l (lines), -w (words), -m (characters: bytes, as in the C locale), -c (bytes); none
 * means -lwc. Columns as GNU's: the width of the total size of the regular files (at least 7
 * when one is not regular), 1 when a single count of a single file is asked for. */
#include "util.h"
#include <getopt.h>
#include <sys/stat.h>

enum { LINES, WORDS, CHARS, BYTES, NCOUNTS };

static int wanted[NCOUNTS];
static unsigned long long totals[NCOUNTS];
static int width = 1;

/* Counts f as GNU's wc does in the C locale: words are runs of printable characters other than
 * spaces; white space ends them, and other characters neither start nor end one. */
static void count_file(FILE *f, unsigned long long counts[NCOUNTS]) {
	int c, in_word = 0;
	memset(counts, 0, NCOUNTS * sizeof counts[0]);
	while ((c = getc(f)) != EOF) {
		counts[BYTES]++;
		if (c == '\n') counts[LINES]++;
		if (c == '\n' || c == '\r' || c == '\f' || c == '\t' || c == ' ' || c == '\v') {
			counts[WORDS] += in_word;
			in_word = 0;
		} else if (c >= 0x20 && c < 0x7f) {
			in_word = 1;
		}
	}
	counts[WORDS] += in_word;
	counts[CHARS] = counts[BYTES];
}

static void print_counts(const unsigned long long counts[NCOUNTS], const char *name) {
	const char *sep = "";
	for (int i = 0; i < NCOUNTS; i++) {
		if (!wanted[i]) continue;
		printf("%s%*llu", sep, width, counts[i]);
		sep = " ";
	}
	if (name != NULL) printf(" %s", name);
	putchar('\n');
}

/* GNU's column width: from the sizes of the regular files (stat'ed before counting); at least 7
 * when an input is not a regular file; 1 when the first cannot be stat'ed. */
static void find_width(int nfiles, char **files, int nwanted) {
	if (nfiles == 1 && nwanted == 1) return;
	unsigned long long regular = 0;
	int minimum = 1;
	for (int i = 0; i < nfiles; i++) {
		struct stat st;
		int r = strcmp(files[i], "-") == 0 ? fstat(0, &st) : stat(files[i], &st);
		if (r != 0) {
			if (i == 0) return;
			continue;
		}
		if (S_ISREG(st.st_mode)) regular += (unsigned long long)st.st_size;
		else minimum = 7;
	}
	for (; regular >= 10; regular /= 10) width++;
	if (width < minimum) width = minimum;
}

int wc_main(int argc, char **argv) {
	int c;
	while ((c = getopt_long(argc, argv, "lwmc", HELP_ONLY, NULL)) != -1) {
		switch (c) {
		case 'l': wanted[LINES] = 1; break;
		case 'w': wanted[WORDS] = 1; break;
		case 'm': wanted[CHARS] = 1; break;
		case 'c': wanted[BYTES] = 1; break;
		case 1: puts("Usage: wc [OPTION]... [FILE]..."); return 0;
		default:
			try_help();
			return 1;
		}
	}
	int nwanted = wanted[LINES] + wanted[WORDS] + wanted[CHARS] + wanted[BYTES];
	if (nwanted == 0) wanted[LINES] = wanted[WORDS] = wanted[BYTES] = 1, nwanted = 3;
	char *standard[] = { "-" };
	int named = optind < argc;
	char **files = named ? argv + optind : standard;
	int nfiles = named ? argc - optind : 1;
	find_width(nfiles, files, nwanted);
	int status = 0;
	for (int i = 0; i < nfiles; i++) {
		unsigned long long counts[NCOUNTS];
		FILE *f = open_input(files[i]);
		if (f == NULL) {
			message_errno(files[i]);
			status = 1;
			continue;
		}
		count_file(f, counts);
		if (ferror(f)) {
			message_errno(files[i]);
			status = 1;
		}
		close_input(f);
		for (int k = 0; k < NCOUNTS; k++) totals[k] += counts[k];
		print_counts(counts, named ? files[i] : NULL);
	}
	if (nfiles > 1) print_counts(totals, "total");
	return status;
}
