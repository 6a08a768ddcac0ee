/* wordexp: the shell's word expansions, in the order POSIX gives them: tilde expansion, parameter
 * expansion ($NAME, ${NAME} and its -, =, ?, +, #, %, ## and %% forms, $$, $#, $?), arithmetic
 * $((...)), command substitution ($(...) and `...`, run by /bin/sh -c; WRDE_CMDSUB under
 * WRDE_NOCMD), field splitting on IFS, pathname expansion with glob(), then quote removal.
 * Unquoted | & ; < > ( ) { } and newline are WRDE_BADCHAR. There are no positional parameters:
 * $1..$9, $@, $* are empty ($# is 0), so WRDE_UNDEF refuses them. */
#define _GNU_SOURCE
#include <wordexp.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <glob.h>
#include <pwd.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* The word being built: its bytes, and for each whether it was quoted (literal for glob). */
struct word {
	char *s, *q;
	size_t n, cap;
};

struct ctx {
	int flags;
	/* A string expansion (${x=word}, patterns, arithmetic): no splitting, no fields, no glob. */
	int nosplit;
	struct word w;
	/* The word exists even if empty ("", '', or a field before a non-white IFS delimiter). */
	int started;
	/* Field splitting: the last thing seen was an IFS white-space delimiter. */
	int after_ws;
	char **v;
	size_t c, cap;
};

static int put(struct ctx *x, char ch, int quoted) {
	if (x->w.n + 1 >= x->w.cap) {
		size_t cap = x->w.cap ? x->w.cap * 2 : 64;
		char *s = realloc(x->w.s, cap), *q;
		if (s == NULL) return WRDE_NOSPACE;
		x->w.s = s;
		q = realloc(x->w.q, cap);
		if (q == NULL) return WRDE_NOSPACE;
		x->w.q = q;
		x->w.cap = cap;
	}
	x->w.s[x->w.n] = ch;
	x->w.q[x->w.n] = (char)quoted;
	x->w.n++;
	x->w.s[x->w.n] = '\0';
	x->after_ws = 0;
	return 0;
}

static int puts_(struct ctx *x, const char *s, size_t n, int quoted) {
	for (size_t i = 0; i < n; i++) {
		if (put(x, s[i], quoted)) return WRDE_NOSPACE;
	}
	return 0;
}

static int add_field(struct ctx *x, const char *s) {
	if (x->c + 1 >= x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 16;
		char **v = realloc(x->v, cap * sizeof *v);
		if (v == NULL) return WRDE_NOSPACE;
		x->v = v;
		x->cap = cap;
	}
	if ((x->v[x->c] = strdup(s)) == NULL) return WRDE_NOSPACE;
	x->c++;
	return 0;
}

/* The finished word: its pathname expansion if it has unquoted * ? [ and matches, else itself. */
static int end_word(struct ctx *x) {
	if (x->nosplit || (x->w.n == 0 && !x->started)) return 0;
	int r = 0, pattern = 0;
	for (size_t i = 0; i < x->w.n; i++) {
		if (!x->w.q[i] && strchr("*?[", x->w.s[i])) pattern = 1;
	}
	if (pattern) {
		/* Quoted characters are escaped, so that only the unquoted ones match. */
		char *p = malloc(2 * x->w.n + 1);
		if (p == NULL) return WRDE_NOSPACE;
		size_t o = 0;
		for (size_t i = 0; i < x->w.n; i++) {
			if (x->w.q[i] || x->w.s[i] == '\\') p[o++] = '\\';
			p[o++] = x->w.s[i];
		}
		p[o] = '\0';
		glob_t g;
		int gr = glob(p, 0, NULL, &g);
		free(p);
		if (gr == 0) {
			for (size_t i = 0; i < g.gl_pathc && r == 0; i++) r = add_field(x, g.gl_pathv[i]);
			globfree(&g);
			pattern = 2;
		} else if (gr == GLOB_NOSPACE) {
			return WRDE_NOSPACE;
		}
	}
	if (pattern != 2) r = add_field(x, x->w.n ? x->w.s : "");
	x->w.n = 0;
	x->started = 0;
	return r;
}

/* An expansion's result: quoted, or split into fields on IFS (white space runs collapse). */
static int emit(struct ctx *x, const char *v, int quoted) {
	if (quoted || x->nosplit) {
		x->started = 1;
		return puts_(x, v, strlen(v), 1);
	}
	const char *ifs = getenv("IFS");
	if (ifs == NULL) ifs = " \t\n";
	for (; *v; v++) {
		int r = 0;
		if (*v != '\0' && strchr(ifs, *v) != NULL) {
			if (strchr(" \t\n", *v) != NULL) {
				if (x->w.n > 0 || x->started) r = end_word(x);
				x->after_ws = 1;
				continue;
			}
			/* A non-white delimiter ends a field, an empty one too, unless white space just did. */
			if (!x->after_ws) {
				x->started = 1;
				r = end_word(x);
			}
			x->after_ws = 0;
		} else {
			r = put(x, *v, 0);
		}
		if (r) return r;
	}
	return 0;
}

/* The index just past the construct that opens at s[i] (quote, $(...), ${...}, `...`), or -1. */
static long skip(const char *s, size_t n, size_t i);

static long skip_until(const char *s, size_t n, size_t i, char close) {
	while (i < n) {
		char c = s[i];
		if (c == close) return (long)i + 1;
		if (c == '\\') {
			i += 2;
			continue;
		}
		if (close != '\'' && (c == '"' || c == '`' || c == '\'' || (c == '$' && i + 1 < n && (s[i + 1] == '(' || s[i + 1] == '{')))) {
			if (c == '\'' && close == '"') {
				i++;
				continue;
			}
			long j = skip(s, n, i);
			if (j < 0) return -1;
			i = (size_t)j;
			continue;
		}
		if (close == ')' && c == '(') {
			long j = skip_until(s, n, i + 1, ')');
			if (j < 0) return -1;
			i = (size_t)j;
			continue;
		}
		if (close == '}' && c == '{') {
			long j = skip_until(s, n, i + 1, '}');
			if (j < 0) return -1;
			i = (size_t)j;
			continue;
		}
		i++;
	}
	return -1;
}

static long skip(const char *s, size_t n, size_t i) {
	switch (s[i]) {
	case '\'': {
		const char *e = memchr(s + i + 1, '\'', n - i - 1);
		return e ? e - s + 1 : -1;
	}
	case '"': return skip_until(s, n, i + 1, '"');
	case '`': {
		for (size_t j = i + 1; j < n; j++) {
			if (s[j] == '\\') j++;
			else if (s[j] == '`') return (long)j + 1;
		}
		return -1;
	}
	default: return skip_until(s, n, i + 2, s[i + 1] == '(' ? ')' : '}');
	}
}

static int parse(struct ctx *x, const char *s, size_t n, int dq);

/* Expands `s` as one string (no splitting, no glob); *out is malloc'ed. */
static int expand_string(struct ctx *x, const char *s, size_t n, int dq, char **out) {
	struct ctx sub = { .flags = x->flags, .nosplit = 1 };
	int r = parse(&sub, s, n, dq);
	if (r == 0) r = put(&sub, '\0', 1);
	if (r) {
		free(sub.w.s);
		free(sub.w.q);
		return r;
	}
	free(sub.w.q);
	*out = sub.w.s;
	return 0;
}

/* Command substitution: /bin/sh -c cmd, its standard output less trailing newlines. */
static int command(struct ctx *x, const char *cmd, size_t n, int dq) {
	if (x->flags & WRDE_NOCMD) return WRDE_CMDSUB;
	char *text = strndup(cmd, n);
	int p[2];
	if (text == NULL || pipe2(p, O_CLOEXEC) != 0) {
		free(text);
		return WRDE_NOSPACE;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	if (!(x->flags & WRDE_SHOWERR)) posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	char *argv[] = { "sh", "-c", text, NULL };
	pid_t pid;
	int e = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	free(text);
	if (e != 0) {
		close(p[0]);
		return WRDE_CMDSUB;
	}
	char *out = NULL;
	size_t len = 0, cap = 0;
	int r = 0;
	for (;;) {
		if (len + 512 > cap) {
			char *o = realloc(out, cap = cap ? cap * 2 : 1024);
			if (o == NULL) {
				r = WRDE_NOSPACE;
				break;
			}
			out = o;
		}
		ssize_t k = read(p[0], out + len, cap - len - 1);
		if (k < 0 && errno == EINTR) continue;
		if (k <= 0) break;
		len += (size_t)k;
	}
	close(p[0]);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {}
	if (r == 0) {
		while (len > 0 && out[len - 1] == '\n') len--;
		if (out) out[len] = '\0';
		r = emit(x, out ? out : "", dq);
	}
	free(out);
	return r;
}

/* ---- $((...)): integers, variables, C's operators without assignment ---- */

struct arith {
	const char *p;
	int bad;
};

static intmax_t ternary(struct arith *a);

static void blank(struct arith *a) {
	while (isspace((unsigned char)*a->p)) a->p++;
}

static intmax_t primary(struct arith *a) {
	blank(a);
	char c = *a->p;
	if (c == '(') {
		a->p++;
		intmax_t v = ternary(a);
		blank(a);
		if (*a->p == ')') a->p++;
		else a->bad = 1;
		return v;
	}
	if (c == '-' || c == '+' || c == '!' || c == '~') {
		a->p++;
		intmax_t v = primary(a);
		return c == '-' ? -v : c == '+' ? v : c == '!' ? !v : ~v;
	}
	if (isdigit((unsigned char)c)) {
		char *end;
		intmax_t v = strtoimax(a->p, &end, 0);
		a->p = end;
		return v;
	}
	if (isalpha((unsigned char)c) || c == '_') {
		const char *start = a->p;
		while (isalnum((unsigned char)*a->p) || *a->p == '_') a->p++;
		char name[256];
		size_t n = (size_t)(a->p - start) < sizeof name ? (size_t)(a->p - start) : sizeof name - 1;
		memcpy(name, start, n);
		name[n] = '\0';
		const char *v = getenv(name);
		return v ? strtoimax(v, NULL, 0) : 0;
	}
	a->bad = 1;
	return 0;
}

/* Binary operators by precedence, lowest first; longer spellings before their prefixes. */
static const char *const levels[][4] = {
	{ "||" }, { "&&" }, { "|" }, { "^" }, { "&" }, { "==", "!=" }, { "<=", ">=", "<", ">" },
	{ "<<", ">>" }, { "+", "-" }, { "*", "/", "%" },
};

static intmax_t binary(struct arith *a, int level) {
	if (level == (int)(sizeof levels / sizeof levels[0])) return primary(a);
	intmax_t v = binary(a, level + 1);
	for (;;) {
		blank(a);
		const char *op = NULL;
		for (int k = 0; k < 4 && levels[level][k]; k++) {
			size_t l = strlen(levels[level][k]);
			if (strncmp(a->p, levels[level][k], l) == 0) {
				/* "|" is not the start of "||", nor "&" of "&&", nor "<" of "<<" or "<=". */
				if (l == 1 && (a->p[1] == a->p[0] || a->p[1] == '=')) continue;
				op = levels[level][k];
				break;
			}
		}
		if (op == NULL || a->bad) return v;
		a->p += strlen(op);
		intmax_t r = binary(a, level + 1);
		if (!strcmp(op, "||")) v = v || r;
		else if (!strcmp(op, "&&")) v = v && r;
		else if (!strcmp(op, "|")) v |= r;
		else if (!strcmp(op, "^")) v ^= r;
		else if (!strcmp(op, "&")) v &= r;
		else if (!strcmp(op, "==")) v = v == r;
		else if (!strcmp(op, "!=")) v = v != r;
		else if (!strcmp(op, "<=")) v = v <= r;
		else if (!strcmp(op, ">=")) v = v >= r;
		else if (!strcmp(op, "<")) v = v < r;
		else if (!strcmp(op, ">")) v = v > r;
		else if (!strcmp(op, "<<")) v = (intmax_t)((uintmax_t)v << (r & 63));
		else if (!strcmp(op, ">>")) v >>= (r & 63);
		else if (!strcmp(op, "+")) v = (intmax_t)((uintmax_t)v + (uintmax_t)r);
		else if (!strcmp(op, "-")) v = (intmax_t)((uintmax_t)v - (uintmax_t)r);
		else if (!strcmp(op, "*")) v = (intmax_t)((uintmax_t)v * (uintmax_t)r);
		else if (r == 0 || (v == INTMAX_MIN && r == -1)) a->bad = 1;
		else v = !strcmp(op, "/") ? v / r : v % r;
	}
}

static intmax_t ternary(struct arith *a) {
	intmax_t c = binary(a, 0);
	blank(a);
	if (*a->p != '?') return c;
	a->p++;
	intmax_t t = ternary(a);
	blank(a);
	if (*a->p != ':') {
		a->bad = 1;
		return 0;
	}
	a->p++;
	intmax_t f = ternary(a);
	return c ? t : f;
}

static int arithmetic(struct ctx *x, const char *s, size_t n, int dq) {
	char *text;
	int r = expand_string(x, s, n, 1, &text);
	if (r) return r;
	struct arith a = { text, 0 };
	blank(&a);
	/* An empty expression is 0, as in the shell. */
	intmax_t v = *a.p == '\0' ? 0 : ternary(&a);
	blank(&a);
	int bad = a.bad || *a.p != '\0';
	free(text);
	if (bad) return WRDE_SYNTAX;
	char num[32];
	snprintf(num, sizeof num, "%jd", v);
	return emit(x, num, dq);
}

/* ---- parameters ---- */

static int is_name_start(char c) { return isalpha((unsigned char)c) || c == '_'; }

/* The length of the parameter name at s: an identifier, one digit, or one special character. */
static size_t name_length(const char *s, size_t n) {
	if (n == 0) return 0;
	if (is_name_start(s[0])) {
		size_t i = 1;
		while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '_')) i++;
		return i;
	}
	return isdigit((unsigned char)s[0]) || strchr("@*#?$!-", s[0]) ? 1 : 0;
}

/* A parameter's value, or NULL when it is unset. `buf` holds numbers. */
static const char *value(const char *name, size_t n, char *buf, size_t size) {
	if (is_name_start(name[0])) {
		char key[256];
		if (n >= sizeof key) return NULL;
		memcpy(key, name, n);
		key[n] = '\0';
		return getenv(key);
	}
	switch (name[0]) {
	case '$': snprintf(buf, size, "%d", (int)getpid()); return buf;
	case '#': case '?': return "0";
	case '-': return "";
	/* No positional parameters, no background job. */
	default: return NULL;
	}
}

/* ${...}: `s` is what is between the braces. */
static int braces(struct ctx *x, const char *s, size_t n, int dq) {
	char num[32];
	if (n > 1 && s[0] == '#') {
		size_t l = name_length(s + 1, n - 1);
		if (l != n - 1) return WRDE_SYNTAX;
		const char *v = value(s + 1, l, num, sizeof num);
		if (v == NULL && (x->flags & WRDE_UNDEF)) return WRDE_BADVAL;
		char len[32];
		snprintf(len, sizeof len, "%zu", v ? strlen(v) : 0);
		return emit(x, len, dq);
	}
	size_t l = name_length(s, n);
	if (l == 0) return WRDE_SYNTAX;
	const char *v = value(s, l, num, sizeof num);
	const char *op = s + l, *end = s + n;
	int colon = op < end && *op == ':';
	if (colon) op++;
	if (op == end) {
		if (colon) return WRDE_SYNTAX;
		if (v == NULL && (x->flags & WRDE_UNDEF)) return WRDE_BADVAL;
		return emit(x, v ? v : "", dq);
	}
	const char *word = op + 1;
	size_t wn = (size_t)(end - word);
	int use = colon ? (v != NULL && *v != '\0') : v != NULL;
	switch (*op) {
	case '-':
		return use ? emit(x, v, dq) : parse(x, word, wn, dq);
	case '+':
		return use ? parse(x, word, wn, dq) : 0;
	case '=': {
		if (use) return emit(x, v, dq);
		if (!is_name_start(s[0])) return WRDE_SYNTAX;
		char *w, key[256];
		int r = expand_string(x, word, wn, dq, &w);
		if (r) return r;
		snprintf(key, sizeof key, "%.*s", (int)l, s);
		setenv(key, w, 1);
		r = emit(x, w, dq);
		free(w);
		return r;
	}
	case '?': {
		if (use) return emit(x, v, dq);
		if (x->flags & WRDE_SHOWERR) {
			char *w = NULL;
			if (wn > 0 && expand_string(x, word, wn, dq, &w) != 0) w = NULL;
			fprintf(stderr, "%.*s: %s\n", (int)l, s, w ? w : "parameter null or not set");
			free(w);
		}
		return WRDE_BADVAL;
	}
	case '%': case '#': {
		if (colon) return WRDE_SYNTAX;
		if (v == NULL && (x->flags & WRDE_UNDEF)) return WRDE_BADVAL;
		int suffix = *op == '%', longest = word < end && *word == *op;
		if (longest) word++, wn--;
		char *pat;
		int r = expand_string(x, word, wn, dq, &pat);
		if (r) return r;
		char *val = strdup(v ? v : "");
		if (val == NULL) {
			free(pat);
			return WRDE_NOSPACE;
		}
		size_t len = strlen(val), keep_from = 0, keep_to = len;
		/* Try cuts shortest first (or longest first) and keep the first that matches. */
		for (size_t k = 0; k <= len; k++) {
			size_t cut = longest ? len - k : k;
			char *piece = suffix ? val + (len - cut) : val;
			char saved = val[cut];
			if (!suffix) val[cut] = '\0';
			int m = fnmatch(pat, piece, 0) == 0;
			val[cut] = saved;
			if (m) {
				if (suffix) keep_to = len - cut;
				else keep_from = cut;
				break;
			}
		}
		val[keep_to] = '\0';
		r = emit(x, val + keep_from, dq);
		free(val);
		free(pat);
		return r;
	}
	default:
		return WRDE_SYNTAX;
	}
}

/* $ at s[*i]: the expansion it starts, *i moved past it. */
static int dollar(struct ctx *x, const char *s, size_t n, size_t *i, int dq) {
	size_t at = *i;
	if (at + 1 < n && (s[at + 1] == '{' || s[at + 1] == '(')) {
		long end = skip(s, n, at);
		if (end < 0) return WRDE_SYNTAX;
		*i = (size_t)end;
		const char *in = s + at + 2;
		size_t len = (size_t)end - at - 3;
		if (s[at + 1] == '{') return braces(x, in, len, dq);
		if (len >= 2 && in[0] == '(' && in[len - 1] == ')') return arithmetic(x, in + 1, len - 2, dq);
		return command(x, in, len, dq);
	}
	size_t l = name_length(s + at + 1, n - at - 1);
	if (l == 0) {
		/* A lone $ is itself. */
		*i = at + 1;
		return put(x, '$', dq);
	}
	*i = at + 1 + l;
	char num[32];
	const char *v = value(s + at + 1, l, num, sizeof num);
	if (v == NULL && (x->flags & WRDE_UNDEF)) return WRDE_BADVAL;
	return emit(x, v ? v : "", dq);
}

/* ~ or ~user at the start of a word, up to the first / (unquoted, as the shell requires). */
static int tilde(struct ctx *x, const char *s, size_t n, size_t *i) {
	size_t j = *i + 1;
	while (j < n && s[j] != '/' && s[j] != ' ' && s[j] != '\t') {
		if (strchr("'\"\\$`|&;<>(){}\n", s[j])) return put(x, s[(*i)++], 0);
		j++;
	}
	const char *home = NULL;
	if (j == *i + 1) {
		home = getenv("HOME");
		if (home == NULL) {
			struct passwd *pw = getpwuid(getuid());
			home = pw ? pw->pw_dir : NULL;
		}
	} else {
		char user[256];
		snprintf(user, sizeof user, "%.*s", (int)(j - *i - 1), s + *i + 1);
		struct passwd *pw = getpwnam(user);
		home = pw ? pw->pw_dir : NULL;
	}
	/* An unknown user leaves the word as it is. */
	if (home == NULL) return put(x, s[(*i)++], 0);
	*i = j;
	x->started = 1;
	return puts_(x, home, strlen(home), 1);
}

static int parse(struct ctx *x, const char *s, size_t n, int dq) {
	size_t i = 0;
	while (i < n) {
		char c = s[i];
		int r = 0;
		if (!dq && !x->nosplit && (c == ' ' || c == '\t')) {
			r = end_word(x);
			x->after_ws = 0;
			i++;
		} else if (!dq && !x->nosplit && strchr("|&;<>(){}\n", c)) {
			return WRDE_BADCHAR;
		} else if (c == '\\') {
			if (i + 1 >= n) {
				r = put(x, '\\', 1);
				i++;
			} else if (s[i + 1] == '\n') {
				i += 2;
			} else if (dq && !strchr("$`\"\\", s[i + 1])) {
				r = put(x, '\\', 1);
				i++;
			} else {
				r = put(x, s[i + 1], 1);
				i += 2;
			}
		} else if (c == '\'' && !dq) {
			long end = skip(s, n, i);
			if (end < 0) return WRDE_SYNTAX;
			x->started = 1;
			r = puts_(x, s + i + 1, (size_t)end - i - 2, 1);
			i = (size_t)end;
		} else if (c == '"' && !dq) {
			long end = skip(s, n, i);
			if (end < 0) return WRDE_SYNTAX;
			x->started = 1;
			r = parse(x, s + i + 1, (size_t)end - i - 2, 1);
			i = (size_t)end;
		} else if (c == '$') {
			r = dollar(x, s, n, &i, dq);
		} else if (c == '`') {
			long end = skip(s, n, i);
			if (end < 0) return WRDE_SYNTAX;
			/* Inside backquotes a backslash quotes only $ ` and \ (and " inside double quotes). */
			char *cmd = malloc((size_t)end - i);
			if (cmd == NULL) return WRDE_NOSPACE;
			size_t o = 0;
			for (size_t k = i + 1; k + 1 < (size_t)end; k++) {
				if (s[k] == '\\' && k + 2 < (size_t)end && strchr(dq ? "$`\\\"" : "$`\\", s[k + 1])) k++;
				cmd[o++] = s[k];
			}
			r = command(x, cmd, o, dq);
			free(cmd);
			i = (size_t)end;
		} else if (c == '~' && !dq && !x->nosplit && x->w.n == 0 && !x->started) {
			r = tilde(x, s, n, &i);
		} else {
			r = put(x, c, dq);
			i++;
		}
		if (r) return r;
	}
	return 0;
}

static void free_fields(char **v, size_t c) {
	for (size_t i = 0; i < c; i++) free(v[i]);
	free(v);
}

int wordexp(const char *restrict s, wordexp_t *restrict we, int flags) {
	if ((flags & WRDE_REUSE) && !(flags & WRDE_APPEND)) wordfree(we);
	struct ctx x = { .flags = flags };
	int r = parse(&x, s, strlen(s), 0);
	if (r == 0) r = end_word(&x);
	free(x.w.s);
	free(x.w.q);
	if (r != 0) {
		/* A failed call leaves the caller's words as they were. */
		free_fields(x.v, x.c);
		if (!(flags & WRDE_APPEND)) {
			we->we_wordc = 0;
			we->we_wordv = NULL;
		}
		return r;
	}
	size_t offs = (flags & WRDE_DOOFFS) ? we->we_offs : 0;
	size_t old = (flags & WRDE_APPEND) ? we->we_wordc : 0;
	char **prev = (flags & WRDE_APPEND) ? we->we_wordv : NULL;
	char **v = realloc(prev, (offs + old + x.c + 1) * sizeof *v);
	if (v == NULL) {
		free_fields(x.v, x.c);
		return WRDE_NOSPACE;
	}
	if (prev == NULL) {
		for (size_t i = 0; i < offs; i++) v[i] = NULL;
	}
	for (size_t i = 0; i < x.c; i++) v[offs + old + i] = x.v[i];
	v[offs + old + x.c] = NULL;
	free(x.v);
	we->we_wordv = v;
	we->we_wordc = old + x.c;
	if (!(flags & WRDE_DOOFFS)) we->we_offs = 0;
	return 0;
}

void wordfree(wordexp_t *we) {
	if (we->we_wordv == NULL) return;
	for (size_t i = 0; i < we->we_wordc; i++) free(we->we_wordv[we->we_offs + i]);
	free(we->we_wordv);
	we->we_wordv = NULL;
	we->we_wordc = 0;
}
