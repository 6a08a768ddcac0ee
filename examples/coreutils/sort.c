/* sort: the lines of all files, sorted, in byte order (the C locale). Options: -n (numeric), -r
 * (reverse), -f (fold lower case to upper), -b (ignore leading blanks), -u (first of each run of
 * equal lines), -s (stable: no last-resort comparison), -t C (field separator), -k POS1[,POS2]
 * (key; POS is F[.C][bfnr]), -o FILE (output). Lines equal by their keys are ordered by their
 * bytes, as GNU's, unless -s or -u. */
#include "util.h"
#include <getopt.h>
#include <stdint.h>

struct line {
	char *text;
	size_t len;
};

struct key {
	size_t sword, schar; /* start: fields and characters to skip */
	size_t eword, echar; /* end: SIZE_MAX fields is the end of the line; 0 chars the field's end */
	int skip_start_blanks, skip_end_blanks, numeric, fold, reverse;
};

static struct key keys[32];
static int nkeys;
static struct key global;
static int tab = -1; /* -t: the field separator; -1 is GNU's blank-to-non-blank transition */
static int unique, stable;

static int blank(char c) { return c == ' ' || c == '\t' || c == '\n'; }

/* The start of key k in line l (GNU's begfield). */
static const char *key_start(const struct key *k, const struct line *l) {
	const char *p = l->text, *lim = l->text + l->len;
	size_t sword = k->sword;
	if (tab >= 0) {
		while (p < lim && sword--) {
			while (p < lim && *p != tab) p++;
			if (p < lim) p++;
		}
	} else {
		while (p < lim && sword--) {
			while (p < lim && blank(*p)) p++;
			while (p < lim && !blank(*p)) p++;
		}
	}
	if (k->skip_start_blanks)
		while (p < lim && blank(*p)) p++;
	return (size_t)(lim - p) < k->schar ? lim : p + k->schar;
}

/* The end of key k in line l (GNU's limfield). */
static const char *key_end(const struct key *k, const struct line *l) {
	const char *p = l->text, *lim = l->text + l->len;
	if (k->eword == SIZE_MAX) return lim;
	size_t eword = k->eword, echar = k->echar;
	if (echar == 0) eword++; /* all of the end field */
	if (tab >= 0) {
		while (p < lim && eword--) {
			while (p < lim && *p != tab) p++;
			if (p < lim && (eword || echar)) p++;
		}
	} else {
		while (p < lim && eword--) {
			while (p < lim && blank(*p)) p++;
			while (p < lim && !blank(*p)) p++;
		}
	}
	if (echar != 0) {
		if (k->skip_end_blanks)
			while (p < lim && blank(*p)) p++;
		p = (size_t)(lim - p) < echar ? lim : p + echar;
	}
	return p;
}

/* A number as -n reads it: sign, integer digits without leading zeros, fraction digits without
 * trailing zeros. Whatever follows is ignored; no digits at all is zero. */
struct number {
	int negative;
	const char *integer, *fraction;
	size_t nint, nfrac;
};

static struct number read_number(const char *p, const char *lim) {
	struct number n = { 0, p, p, 0, 0 };
	while (p < lim && blank(*p)) p++;
	if (p < lim && *p == '-') n.negative = 1, p++;
	while (p < lim && *p == '0') p++;
	n.integer = p;
	while (p < lim && *p >= '0' && *p <= '9') p++;
	n.nint = (size_t)(p - n.integer);
	if (p < lim && *p == '.') {
		n.fraction = ++p;
		while (p < lim && *p >= '0' && *p <= '9') p++;
		n.nfrac = (size_t)(p - n.fraction);
		while (n.nfrac > 0 && n.fraction[n.nfrac - 1] == '0') n.nfrac--;
	}
	if (n.nint == 0 && n.nfrac == 0) n.negative = 0; /* -0 is 0 */
	return n;
}

static int compare_numbers(const char *a, const char *alim, const char *b, const char *blim) {
	struct number x = read_number(a, alim), y = read_number(b, blim);
	if (x.negative != y.negative) return x.negative ? -1 : 1;
	int sign = x.negative ? -1 : 1;
	if (x.nint != y.nint) return x.nint < y.nint ? -sign : sign;
	int d = memcmp(x.integer, y.integer, x.nint);
	if (d != 0) return d < 0 ? -sign : sign;
	size_t n = x.nfrac < y.nfrac ? x.nfrac : y.nfrac;
	d = memcmp(x.fraction, y.fraction, n);
	if (d != 0) return d < 0 ? -sign : sign;
	if (x.nfrac != y.nfrac) return x.nfrac < y.nfrac ? -sign : sign;
	return 0;
}

static int compare_bytes(const char *a, size_t alen, const char *b, size_t blen, int fold) {
	size_t n = alen < blen ? alen : blen;
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (fold) {
			if (x >= 'a' && x <= 'z') x -= 'a' - 'A';
			if (y >= 'a' && y <= 'z') y -= 'a' - 'A';
		}
		if (x != y) return x < y ? -1 : 1;
	}
	return alen < blen ? -1 : alen > blen;
}

/* The keys' verdict on two lines, each key reversed on its own. */
static int compare_keys(const struct line *a, const struct line *b) {
	for (int i = 0; i < nkeys; i++) {
		const struct key *k = &keys[i];
		const char *as = key_start(k, a), *ae = key_end(k, a);
		const char *bs = key_start(k, b), *be = key_end(k, b);
		if (ae < as) ae = as;
		if (be < bs) be = bs;
		int d = k->numeric ? compare_numbers(as, ae, bs, be)
			: compare_bytes(as, (size_t)(ae - as), bs, (size_t)(be - bs), k->fold);
		if (d != 0) return k->reverse ? -d : d;
	}
	return 0;
}

/* The keys, then (unless -u or -s) the whole lines' bytes, reversed by a global -r. */
static int compare(const struct line *a, const struct line *b) {
	int d;
	if (nkeys > 0) {
		d = compare_keys(a, b);
		if (d != 0 || unique || stable) return d;
	}
	d = compare_bytes(a->text, a->len, b->text, b->len, 0);
	return global.reverse ? -d : d;
}

/* A stable merge sort of lines[0..n) using tmp as room. */
static void merge_sort(struct line *lines, struct line *tmp, size_t n) {
	if (n < 2) return;
	size_t half = n / 2;
	merge_sort(lines, tmp, half);
	merge_sort(lines + half, tmp, n - half);
	size_t i = 0, j = half, k = 0;
	while (i < half && j < n) tmp[k++] = compare(&lines[j], &lines[i]) < 0 ? lines[j++] : lines[i++];
	while (i < half) tmp[k++] = lines[i++];
	while (j < n) tmp[k++] = lines[j++];
	memcpy(lines, tmp, n * sizeof *lines);
}

static _Noreturn void bad_spec(const char *why, const char *spec) {
	fail(2, "%s: invalid field specification '%s'", why, spec);
}

/* A count in a key position; NULL if there are no digits. */
static const char *parse_count(const char *s, size_t *value) {
	if (*s < '0' || *s > '9') return NULL;
	char *end;
	*value = (size_t)strtoull(s, &end, 10);
	return end;
}

/* The ordering letters after a key position. */
static const char *parse_ordering(const char *s, struct key *k, int at_end) {
	for (;; s++) {
		switch (*s) {
		case 'b':
			if (at_end) k->skip_end_blanks = 1;
			else k->skip_start_blanks = 1;
			break;
		case 'f': k->fold = 1; break;
		case 'n': k->numeric = 1; break;
		case 'r': k->reverse = 1; break;
		default: return s;
		}
	}
}

/* -k POS1[,POS2], as GNU's key_init and its messages. */
static void parse_key(const char *spec) {
	if (nkeys == (int)(sizeof keys / sizeof keys[0])) fail(2, "too many keys");
	struct key *k = &keys[nkeys++];
	memset(k, 0, sizeof *k);
	k->eword = SIZE_MAX;
	const char *s = parse_count(spec, &k->sword);
	if (s == NULL) fail(2, "invalid number at field start: invalid count at start of '%s'", spec);
	if (k->sword-- == 0) bad_spec("field number is zero", spec);
	if (*s == '.') {
		const char *c = parse_count(s + 1, &k->schar);
		if (c == NULL) fail(2, "invalid number after '.': invalid count at start of '%s'", s + 1);
		if (k->schar-- == 0) bad_spec("character offset is zero", spec);
		s = c;
	}
	s = parse_ordering(s, k, 0);
	if (*s == ',') {
		const char *e = parse_count(s + 1, &k->eword);
		if (e == NULL) fail(2, "invalid number after ',': invalid count at start of '%s'", s + 1);
		if (k->eword-- == 0) bad_spec("field number is zero", spec);
		if (*e == '.') {
			const char *c = parse_count(e + 1, &k->echar);
			if (c == NULL) fail(2, "invalid number after '.': invalid count at start of '%s'", e + 1);
			e = c;
		}
		s = parse_ordering(e, k, 1);
	}
	if (*s != '\0') bad_spec("stray character in field spec", spec);
}

/* Appends the lines of f to *lines. */
static void read_lines(FILE *f, struct line **lines, size_t *n, size_t *cap) {
	char *text = NULL;
	size_t size = 0;
	ssize_t len;
	while ((len = getline(&text, &size, f)) >= 0) {
		if (len > 0 && text[len - 1] == '\n') len--;
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 256;
			*lines = realloc(*lines, *cap * sizeof **lines);
			if (*lines == NULL) fail(2, "memory exhausted");
		}
		(*lines)[(*n)++] = (struct line){ text, (size_t)len };
		text = NULL;
		size = 0;
	}
	free(text);
}

int sort_main(int argc, char **argv) {
	const char *output = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "bfnrust:k:o:", HELP_ONLY, NULL)) != -1) {
		switch (c) {
		case 'b': global.skip_start_blanks = global.skip_end_blanks = 1; break;
		case 'f': global.fold = 1; break;
		case 'n': global.numeric = 1; break;
		case 'r': global.reverse = 1; break;
		case 'u': unique = 1; break;
		case 's': stable = 1; break;
		case 't':
			if (optarg[0] == '\0') fail(2, "empty tab");
			if (optarg[1] != '\0') fail(2, "multi-character tab '%s'", optarg);
			if (tab >= 0 && tab != (unsigned char)optarg[0]) fail(2, "incompatible tabs");
			tab = (unsigned char)optarg[0];
			break;
		case 'k': parse_key(optarg); break;
		case 'o': output = optarg; break;
		case 1: puts("Usage: sort [OPTION]... [FILE]..."); return 0;
		default:
			try_help();
			return 2;
		}
	}
	/* Keys without ordering options of their own take the global ones; without keys, the global
	 * options make one key of the whole line. */
	for (int i = 0; i < nkeys; i++) {
		struct key *k = &keys[i];
		if (!k->skip_start_blanks && !k->skip_end_blanks && !k->numeric && !k->fold && !k->reverse) {
			k->skip_start_blanks = global.skip_start_blanks;
			k->skip_end_blanks = global.skip_end_blanks;
			k->numeric = global.numeric;
			k->fold = global.fold;
			k->reverse = global.reverse;
		}
	}
	if (nkeys == 0 && (global.skip_start_blanks || global.numeric || global.fold || global.reverse)) {
		keys[nkeys] = global;
		keys[nkeys].sword = keys[nkeys].schar = keys[nkeys].echar = 0;
		keys[nkeys++].eword = SIZE_MAX;
	}
	struct line *lines = NULL;
	size_t n = 0, cap = 0;
	char *standard[] = { "-" };
	char **files = optind < argc ? argv + optind : standard;
	int nfiles = optind < argc ? argc - optind : 1;
	for (int i = 0; i < nfiles; i++) {
		FILE *f = open_input(files[i]);
		if (f == NULL) fail(2, "cannot read: %s: %s", files[i], strerror(errno));
		read_lines(f, &lines, &n, &cap);
		if (ferror(f)) fail(2, "read failed: %s: %s", files[i], strerror(errno));
		close_input(f);
	}
	struct line *tmp = malloc((n ? n : 1) * sizeof *tmp);
	if (tmp == NULL) fail(2, "memory exhausted");
	merge_sort(lines, tmp, n);
	if (output != NULL && freopen(output, "w", stdout) == NULL)
		fail(2, "open failed: %s: %s", output, strerror(errno));
	for (size_t i = 0; i < n; i++) {
		if (unique && i > 0 && compare(&lines[i - 1], &lines[i]) == 0) continue;
		fwrite(lines[i].text, 1, lines[i].len, stdout);
		putchar('\n');
	}
	return 0;
}
