/* tr: translates, deletes or squeezes bytes of stdin onto stdout. tr SET1 SET2 translates; -d
 * deletes SET1; -s squeezes runs of a byte of the last set; -c (-C) takes SET1's complement; -t
 * truncates SET1 to SET2's length. Sets: bytes, escapes (\n \t \\ \NNN ...), ranges a-z,
 * classes [:alpha:] ..., [=c=], and in SET2 the repeats [c*N] and [c*]. Options come before the
 * sets, as GNU's (tr a -d translates a to -). */
#include "util.h"
#include <getopt.h>
#include <ctype.h>

/* A set, expanded. `fill` is where a [c*] repeat stands (-1: none); `case_at` marks the indexes
 * where an [:upper:] or [:lower:] class starts; `other_class` that some other class is there;
 * `repeats` that there are [c*N] repeats. */
struct set {
	unsigned char c[4096];
	int len, fill, other_class, ends_with_class, repeats;
	unsigned char case_at[4096];
};

static const char *const CLASSES[] = { "alnum", "alpha", "blank", "cntrl", "digit", "graph",
	"lower", "print", "punct", "space", "upper", "xdigit" };

static int in_class(int which, int c) {
	switch (which) {
	case 0: return isalnum(c);
	case 1: return isalpha(c);
	case 2: return isblank(c);
	case 3: return iscntrl(c);
	case 4: return isdigit(c);
	case 5: return isgraph(c);
	case 6: return islower(c);
	case 7: return isprint(c);
	case 8: return ispunct(c);
	case 9: return isspace(c);
	case 10: return isupper(c);
	default: return isxdigit(c);
	}
}

static void add(struct set *s, int c) {
	if (s->len == (int)sizeof s->c) fail(1, "set too long");
	s->c[s->len++] = (unsigned char)c;
}

/* One byte of a set at *p, escapes read; *p moves past it. */
static int next_byte(const char **p) {
	const char *s = *p;
	if (s[0] != '\\') {
		*p = s + 1;
		return (unsigned char)s[0];
	}
	if (s[1] == '\0') {
		message("warning: an unescaped backslash at end of string is not portable");
		*p = s + 1;
		return '\\';
	}
	if (s[1] >= '0' && s[1] <= '7') {
		int v = 0, n = 1;
		while (n <= 3 && s[n] >= '0' && s[n] <= '7' && v * 8 + (s[n] - '0') < 256) v = v * 8 + (s[n++] - '0');
		*p = s + n;
		return v;
	}
	*p = s + 2;
	switch (s[1]) {
	case 'a': return '\a';
	case 'b': return '\b';
	case 'f': return '\f';
	case 'n': return '\n';
	case 'r': return '\r';
	case 't': return '\t';
	case 'v': return '\v';
	default: return (unsigned char)s[1];
	}
}

/* Expands the text of a set; `second` allows the [c*N] repeats. */
static void parse_set(const char *p, struct set *s, int second) {
	memset(s, 0, sizeof *s);
	s->fill = -1;
	while (*p != '\0') {
		s->ends_with_class = 0;
		if (p[0] == '[' && (p[1] == ':' || p[1] == '=')) {
			char kind = p[1];
			const char *end = strchr(p + 2, kind);
			if (end != NULL && end[1] == ']' && end > p + 2) {
				if (kind == '=') {
					const char *q = p + 2;
					add(s, next_byte(&q));
				} else {
					size_t n = (size_t)(end - (p + 2));
					int which = -1;
					for (int i = 0; i < 12; i++)
						if (strlen(CLASSES[i]) == n && strncmp(CLASSES[i], p + 2, n) == 0) which = i;
					if (which < 0) fail(1, "invalid character class '%.*s'", (int)n, p + 2);
					if (which == 6 || which == 10) s->case_at[s->len] = 1;
					else s->other_class = 1;
					for (int c = 0; c < 256; c++)
						if (in_class(which, c)) add(s, c);
					s->ends_with_class = 1;
				}
				p = end + 2;
				continue;
			}
		}
		if (p[0] == '[' && p[1] != '\0') {
			/* [c*N] or [c*]: c N times, or as often as SET2 needs to be as long as SET1. */
			const char *q = p + 1;
			int c = next_byte(&q);
			if (q[0] == '*') {
				char *end;
				unsigned long n = strtoul(q + 1, &end, q[1] == '0' ? 8 : 10);
				if (*end == ']') {
					if (!second) fail(1, "the [c*] repeat construct may not appear in string1");
					s->repeats = 1;
					if (end == q + 1 || n == 0) {
						s->fill = s->len;
						add(s, c);
					} else {
						for (unsigned long i = 0; i < n; i++) add(s, c);
					}
					p = end + 1;
					continue;
				}
			}
		}
		int c = next_byte(&p);
		if (p[0] == '-' && p[1] != '\0') {
			p++;
			int last = next_byte(&p);
			if (last < c) fail(1, "range-endpoints of '%c-%c' are in reverse collating sequence order", c, last);
			for (int i = c; i <= last; i++) add(s, i);
		} else {
			add(s, c);
		}
	}
}

static void complement(struct set *s) {
	unsigned char in[256] = { 0 };
	for (int i = 0; i < s->len; i++) in[s->c[i]] = 1;
	s->len = 0;
	s->fill = -1;
	memset(s->case_at, 0, sizeof s->case_at);
	for (int c = 0; c < 256; c++)
		if (!in[c]) add(s, c);
}

/* A wrong count of sets: GNU's message, its explanation (if any) and the hint at --help. */
static _Noreturn void usage_error(const char *fmt, const char *arg, const char *more) {
	fflush(stdout);
	fprintf(stderr, "%s: ", applet);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	if (more != NULL) fprintf(stderr, "%s\n", more);
	try_help();
	exit(1);
}

int tr_main(int argc, char **argv) {
	int comp = 0, del = 0, squeeze = 0, truncate = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+cCdst", HELP_ONLY, NULL)) != -1) {
		switch (c) {
		case 'c':
		case 'C': comp = 1; break;
		case 'd': del = 1; break;
		case 's': squeeze = 1; break;
		case 't': truncate = 1; break;
		case 1: puts("Usage: tr [OPTION]... STRING1 [STRING2]"); return 0;
		default:
			try_help();
			return 1;
		}
	}
	int nsets = argc - optind;
	int need = del == squeeze ? 2 : 1; /* -d -s and translating take two sets */
	if (nsets == 0) usage_error("missing operand", NULL, NULL);
	if (nsets < need)
		usage_error("missing operand after '%s'", argv[optind], del ? "Two strings must be given when both deleting and squeezing repeats."
			: "Two strings must be given when translating.");
	if (nsets > 2 || (nsets == 2 && del && !squeeze))
		usage_error("extra operand '%s'", argv[optind + (nsets > 2 ? 2 : 1)],
			nsets == 2 ? "Only one string may be given when deleting without squeezing repeats." : NULL);
	static struct set set1, set2;
	parse_set(argv[optind], &set1, 0);
	int translate = nsets == 2 && !del;
	if (nsets == 2) parse_set(argv[optind + 1], &set2, 1);
	if (set2.repeats && !translate) fail(1, "the [c*] construct may appear in string2 only when translating");
	/* GNU's checks of the classes in SET2: against SET1 as written, before -c. */
	if (translate) {
		if (set2.other_class)
			fail(1, "when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'");
		for (int i = 0; i < set2.len; i++)
			if (set2.case_at[i] && (i >= set1.len || !set1.case_at[i]))
				fail(1, "misaligned [:upper:] and/or [:lower:] construct");
	}
	if (comp) complement(&set1);
	unsigned char map[256];
	for (int i = 0; i < 256; i++) map[i] = (unsigned char)i;
	if (translate) {
		if (!truncate && set1.len > set2.len && set2.fill < 0 && set2.ends_with_class)
			fail(1, "when translating with string1 longer than string2,\nthe latter string must not end with a character class");
		if (truncate && set1.len > set2.len) set1.len = set2.len;
		if (set2.fill >= 0) {
			/* The [c*] repeat grows to make up the difference. */
			int extra = set1.len - set2.len;
			if (extra > 0) {
				if (set2.len + extra > (int)sizeof set2.c) fail(1, "set too long");
				memmove(set2.c + set2.fill + 1 + extra, set2.c + set2.fill + 1, (size_t)(set2.len - set2.fill - 1));
				memset(set2.c + set2.fill + 1, set2.c[set2.fill], (size_t)extra);
				set2.len += extra;
			}
		}
		if (set1.len > set2.len) {
			if (set2.len == 0) fail(1, "when not truncating set1, string2 must be non-empty");
			while (set2.len < set1.len) add(&set2, set2.c[set2.len - 1]);
		}
		for (int i = 0; i < set1.len; i++) map[set1.c[i]] = set2.c[i];
	}
	unsigned char deleted[256] = { 0 }, squeezed[256] = { 0 };
	if (del)
		for (int i = 0; i < set1.len; i++) deleted[set1.c[i]] = 1;
	if (squeeze) {
		const struct set *last = nsets == 2 ? &set2 : &set1;
		for (int i = 0; i < last->len; i++) squeezed[last->c[i]] = 1;
	}
	int previous = -1;
	while ((c = getchar()) != EOF) {
		if (deleted[c]) continue;
		c = map[c];
		if (squeezed[c] && c == previous) continue;
		putchar(c);
		previous = c;
	}
	return 0;
}
