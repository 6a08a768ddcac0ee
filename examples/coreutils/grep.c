/* grep: the lines of files that match patterns (POSIX regular expressions, wasi-libc's regcomp).
 * Options: -E (extended), -F (fixed strings), -G (basic, the default), -e PATTERN (several
 * allowed; a pattern with newlines is several), -i (ignore case), -v (non-matching lines), -w
 * (whole words), -x (whole lines), -c (count), -l (file names), -q (quiet), -s (no messages about
 * files), -n (line numbers), -o (only the matching parts), -H/-h (with or without file names).
 * Exit status as GNU's: 0 if a line was selected, 1 if none, 2 on an error (unless -q matched). */
#include "util.h"
#include <getopt.h>
#include <ctype.h>
#include <regex.h>

static int invert, ignore_case, whole_words, whole_lines, count_only, list_files, quiet, no_messages,
	line_numbers, only_matching, with_names = -1, fixed, extended;
static int read_error; /* a file could not be read: exit status 2 */

static char **patterns;
static regex_t *regexes;
static int npatterns;

static _Noreturn void usage(void) {
	fflush(stdout);
	fprintf(stderr, "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
	exit(2);
}

/* Splits text at newlines into patterns. */
static void add_patterns(const char *text) {
	for (;;) {
		const char *nl = strchr(text, '\n');
		size_t n = nl != NULL ? (size_t)(nl - text) : strlen(text);
		patterns = realloc(patterns, (size_t)(npatterns + 1) * sizeof *patterns);
		if (patterns == NULL || (patterns[npatterns] = strndup(text, n)) == NULL) fail(2, "memory exhausted");
		npatterns++;
		if (nl == NULL) break;
		text = nl + 1;
	}
}

/* Pattern i's leftmost-longest match in line[from..len) (the line ends at len, where a NUL is).
 * `end` < len limits the match to line[..end), for -w's shorter tries. */
static int find_raw(int i, char *line, size_t len, size_t from, size_t end, size_t *ms, size_t *me) {
	if (fixed) {
		const char *p = patterns[i];
		size_t n = strlen(p);
		for (size_t s = from; s + n <= end; s++) {
			if (ignore_case ? strncasecmp(line + s, p, n) == 0 : memcmp(line + s, p, n) == 0) {
				*ms = s, *me = s + n;
				return 1;
			}
		}
		return 0;
	}
	char saved = line[end];
	line[end] = '\0';
	regmatch_t m;
	int flags = (from > 0 ? REG_NOTBOL : 0) | (end < len ? REG_NOTEOL : 0);
	int r = regexec(&regexes[i], line + from, 1, &m, flags);
	line[end] = saved;
	if (r != 0) return 0;
	*ms = from + (size_t)m.rm_so, *me = from + (size_t)m.rm_eo;
	return 1;
}

static int word_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

/* Pattern i's first match from `from` on that -w and -x accept: for -w, a match not bounded by
 * non-word characters is tried shorter at the same start, then from the next start (GNU's way). */
static int find_match(int i, char *line, size_t len, size_t from, size_t *ms, size_t *me) {
	if (whole_lines) {
		if (fixed && !ignore_case) return strcmp(line, patterns[i]) == 0 ? (*ms = 0, *me = len, 1) : 0;
		return find_raw(i, line, len, 0, len, ms, me) && *ms == 0 && *me == len;
	}
	if (!whole_words) return find_raw(i, line, len, from, len, ms, me);
	while (from <= len && find_raw(i, line, len, from, len, ms, me)) {
		size_t start = *ms, stop = *me;
		for (;;) {
			if ((start == 0 || !word_char(line[start - 1])) && (stop == len || !word_char(line[stop]))) {
				*ms = start, *me = stop;
				return 1;
			}
			if (stop <= start) break;
			size_t s2, e2;
			if (!find_raw(i, line, len, start, stop - 1, &s2, &e2) || s2 != start) break;
			stop = e2;
		}
		from = start + 1;
	}
	return 0;
}

/* The leftmost (then longest) match of any pattern from `from` on. */
static int find_any(char *line, size_t len, size_t from, size_t *ms, size_t *me) {
	int found = 0;
	for (int i = 0; i < npatterns; i++) {
		size_t s, e;
		if (!find_match(i, line, len, from, &s, &e)) continue;
		if (!found || s < *ms || (s == *ms && e > *me)) *ms = s, *me = e;
		found = 1;
		if (!only_matching) break;
	}
	return found;
}

static void prefix(const char *name, unsigned long long number) {
	if (with_names) printf("%s:", name);
	if (line_numbers) printf("%llu:", number);
}

/* Searches one open file (path as given, name as shown); the number of selected lines (quiet:
 * exits at the first). */
static unsigned long long grep_file(FILE *f, const char *path, const char *name) {
	char *line = NULL;
	size_t size = 0;
	ssize_t n;
	unsigned long long number = 0, selected = 0;
	while ((n = getline(&line, &size, f)) >= 0) {
		size_t len = (size_t)n;
		if (len > 0 && line[len - 1] == '\n') line[--len] = '\0';
		number++;
		size_t ms, me;
		if (find_any(line, len, 0, &ms, &me) == invert) continue;
		selected++;
		if (quiet) exit(0);
		if (list_files) break;
		if (count_only) continue;
		if (only_matching) {
			/* Each non-empty match on its own line. */
			if (invert) continue;
			size_t from = 0;
			while (from <= len && find_any(line, len, from, &ms, &me)) {
				if (me > ms) {
					prefix(name, number);
					fwrite(line + ms, 1, me - ms, stdout);
					putchar('\n');
				}
				from = me > ms ? me : ms + 1;
			}
			continue;
		}
		prefix(name, number);
		fwrite(line, 1, len, stdout);
		putchar('\n');
	}
	free(line);
	if (ferror(f)) {
		if (!no_messages) message_errno(path);
		read_error = 1;
	}
	if (count_only) {
		if (with_names) printf("%s:", name);
		printf("%llu\n", selected);
	}
	if (list_files && selected > 0) printf("%s\n", name);
	return selected;
}

int grep_main(int argc, char **argv) {
	int c, have_e = 0, matcher = 0;
	while ((c = getopt_long(argc, argv, "EFGe:icvwxlqsnoHhy", HELP_ONLY, NULL)) != -1) {
		switch (c) {
		case 'E':
		case 'F':
		case 'G':
			if (matcher != 0 && matcher != c) fail(2, "conflicting matchers specified");
			matcher = c;
			extended = c == 'E', fixed = c == 'F';
			break;
		case 'e': add_patterns(optarg), have_e = 1; break;
		case 'i':
		case 'y': ignore_case = 1; break;
		case 'c': count_only = 1; break;
		case 'v': invert = 1; break;
		case 'w': whole_words = 1; break;
		case 'x': whole_lines = 1; break;
		case 'l': list_files = 1; break;
		case 'q': quiet = 1; break;
		case 's': no_messages = 1; break;
		case 'n': line_numbers = 1; break;
		case 'o': only_matching = 1; break;
		case 'H': with_names = 1; break;
		case 'h': with_names = 0; break;
		case 1: puts("Usage: grep [OPTION]... PATTERNS [FILE]..."); return 0;
		default: usage();
		}
	}
	if (list_files) count_only = 0; /* -l wins over -c, as in GNU's */
	if (!have_e) {
		if (optind >= argc) usage();
		add_patterns(argv[optind++]);
	}
	if (!fixed) {
		regexes = calloc((size_t)npatterns, sizeof *regexes);
		if (regexes == NULL) fail(2, "memory exhausted");
		for (int i = 0; i < npatterns; i++) {
			int r = regcomp(&regexes[i], patterns[i], (extended ? REG_EXTENDED : 0) | (ignore_case ? REG_ICASE : 0));
			if (r != 0) {
				char text[128];
				regerror(r, &regexes[i], text, sizeof text);
				fail(2, "%s", text);
			}
		}
	}
	char *standard[] = { "-" };
	char **files = optind < argc ? argv + optind : standard;
	int nfiles = optind < argc ? argc - optind : 1;
	if (with_names < 0) with_names = nfiles > 1;
	unsigned long long selected = 0;
	for (int i = 0; i < nfiles; i++) {
		const char *name = strcmp(files[i], "-") == 0 ? "(standard input)" : files[i];
		FILE *f = open_input(files[i]);
		if (f == NULL) {
			if (!no_messages) message_errno(files[i]);
			read_error = 1;
			continue;
		}
		selected += grep_file(f, files[i], name);
		close_input(f);
	}
	return read_error ? 2 : selected > 0 ? 0 : 1;
}
