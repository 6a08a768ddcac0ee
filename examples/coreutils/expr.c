/* expr: evaluates an expression given as arguments and writes its value. From lowest
 * precedence: A | B, A & B; < <= = == != >= > (numeric when both are integers, else strings);
 * + -; * / %; STRING : REGEX (a basic regular expression anchored at the start: the \(...\)
 * group's text, else the length matched); match, substr, index, length; + TOKEN; ( ). Exit
 * status 0, 1 when the value is null or 0, 2 for a syntax error, 3 for another error. */
#include "util.h"
#include <ctype.h>
#include <inttypes.h>
#include <regex.h>
#include <stdbool.h>

struct value {
	bool is_int;
	intmax_t i;
	char *s;
};

static char **args;

static struct value *int_value(intmax_t i) {
	struct value *v = malloc(sizeof *v);
	if (v == NULL) fail(3, "memory exhausted");
	*v = (struct value){ true, i, NULL };
	return v;
}

static struct value *str_value(const char *s) {
	struct value *v = malloc(sizeof *v);
	if (v == NULL || (s = strdup(s)) == NULL) fail(3, "memory exhausted");
	*v = (struct value){ false, 0, (char *)s };
	return v;
}

static void free_value(struct value *v) {
	free(v->s);
	free(v);
}

/* Null: the empty string, or zero ("0", "-0", "00", ...). */
static bool is_null(const struct value *v) {
	if (v->is_int) return v->i == 0;
	const char *p = v->s;
	if (*p == '\0') return true;
	p += *p == '-';
	do {
		if (*p != '0') return false;
	} while (*++p);
	return true;
}

static bool looks_like_integer(const char *p) {
	p += *p == '-';
	do {
		if (!isdigit((unsigned char)*p)) return false;
	} while (*++p);
	return true;
}

static void to_string(struct value *v) {
	if (!v->is_int) return;
	char buf[32];
	snprintf(buf, sizeof buf, "%jd", v->i);
	if ((v->s = strdup(buf)) == NULL) fail(3, "memory exhausted");
	v->is_int = false;
}

static bool to_integer(struct value *v) {
	if (v->is_int) return true;
	if (!looks_like_integer(v->s)) return false;
	errno = 0;
	intmax_t i = strtoimax(v->s, NULL, 10);
	if (errno != 0) fail(3, "%s: %s", v->s, strerror(errno));
	free(v->s);
	v->s = NULL;
	v->i = i;
	v->is_int = true;
	return true;
}

static bool next_is(const char *token) {
	if (*args == NULL || strcmp(*args, token) != 0) return false;
	args++;
	return true;
}

static void need_more(void) {
	if (*args == NULL) fail(2, "syntax error: missing argument after '%s'", args[-1]);
}

/* STRING : REGEX. */
static struct value *match(struct value *sv, struct value *pv) {
	to_string(sv);
	to_string(pv);
	/* Anchored at the start, as GNU's re_match: a leading ^ is already an anchor. */
	size_t n = strlen(pv->s);
	char *pattern = malloc(n + 2);
	if (pattern == NULL) fail(3, "memory exhausted");
	snprintf(pattern, n + 2, "%s%s", pv->s[0] == '^' ? "" : "^", pv->s);
	regex_t re;
	int r = regcomp(&re, pattern, 0);
	free(pattern);
	if (r != 0) {
		char msg[128];
		regerror(r, &re, msg, sizeof msg);
		fail(2, "%s", msg);
	}
	regmatch_t m[2];
	struct value *v;
	if (regexec(&re, sv->s, 2, m, 0) == 0) {
		if (re.re_nsub > 0) {
			if (m[1].rm_so < 0) v = str_value("");
			else {
				sv->s[m[1].rm_eo] = '\0';
				v = str_value(sv->s + m[1].rm_so);
			}
		} else {
			v = int_value(m[0].rm_eo);
		}
	} else {
		v = re.re_nsub > 0 ? str_value("") : int_value(0);
	}
	regfree(&re);
	return v;
}

static struct value *eval(bool evaluate);

/* Operands and ( EXPRESSION ). */
static struct value *eval7(bool evaluate) {
	need_more();
	if (next_is("(")) {
		struct value *v = eval(evaluate);
		if (*args == NULL) fail(2, "syntax error: expecting ')' after '%s'", args[-1]);
		if (!next_is(")")) fail(2, "syntax error: expecting ')' instead of '%s'", *args);
		return v;
	}
	if (next_is(")")) fail(2, "syntax error: unexpected ')'");
	return str_value(*args++);
}

/* Keywords, and + TOKEN. */
static struct value *eval6(bool evaluate) {
	struct value *l, *r, *v;
	if (next_is("+")) {
		need_more();
		return str_value(*args++);
	}
	if (next_is("length")) {
		r = eval6(evaluate);
		to_string(r);
		v = int_value((intmax_t)strlen(r->s));
		free_value(r);
		return v;
	}
	if (next_is("match")) {
		l = eval6(evaluate);
		r = eval6(evaluate);
		if (evaluate) {
			v = match(l, r);
			free_value(l);
		} else {
			v = l;
		}
		free_value(r);
		return v;
	}
	if (next_is("index")) {
		l = eval6(evaluate);
		r = eval6(evaluate);
		to_string(l);
		to_string(r);
		size_t at = strcspn(l->s, r->s);
		v = int_value(l->s[at] == '\0' ? 0 : (intmax_t)at + 1);
		free_value(l);
		free_value(r);
		return v;
	}
	if (next_is("substr")) {
		l = eval6(evaluate);
		struct value *i1 = eval6(evaluate), *i2 = eval6(evaluate);
		to_string(l);
		if (!to_integer(i1) || !to_integer(i2)) {
			v = str_value("");
		} else {
			size_t len = strlen(l->s);
			intmax_t at = i1->i, n = i2->i;
			if (at <= 0 || (uintmax_t)at > len || n <= 0) {
				v = str_value("");
			} else {
				size_t take = (uintmax_t)n < len - (size_t)at + 1 ? (size_t)n : len - (size_t)at + 1;
				l->s[at - 1 + take] = '\0';
				v = str_value(l->s + at - 1);
			}
		}
		free_value(l);
		free_value(i1);
		free_value(i2);
		return v;
	}
	return eval7(evaluate);
}

static struct value *eval5(bool evaluate) {
	struct value *l = eval6(evaluate);
	while (next_is(":")) {
		struct value *r = eval6(evaluate);
		if (evaluate) {
			struct value *v = match(l, r);
			free_value(l);
			l = v;
		}
		free_value(r);
	}
	return l;
}

static struct value *eval4(bool evaluate) {
	struct value *l = eval5(evaluate);
	for (;;) {
		char op;
		if (next_is("*")) op = '*';
		else if (next_is("/")) op = '/';
		else if (next_is("%")) op = '%';
		else return l;
		struct value *r = eval5(evaluate);
		if (evaluate) {
			if (!to_integer(l) || !to_integer(r)) fail(2, "non-integer argument");
			if (op != '*' && r->i == 0) fail(2, "division by zero");
			bool overflow = false;
			if (op == '*') overflow = __builtin_mul_overflow(l->i, r->i, &l->i);
			else if (l->i == INTMAX_MIN && r->i == -1) {
				overflow = op == '/';
				l->i = 0;
			} else l->i = op == '/' ? l->i / r->i : l->i % r->i;
			if (overflow) fail(3, "%s", strerror(ERANGE));
		}
		free_value(r);
	}
}

static struct value *eval3(bool evaluate) {
	struct value *l = eval4(evaluate);
	for (;;) {
		char op;
		if (next_is("+")) op = '+';
		else if (next_is("-")) op = '-';
		else return l;
		struct value *r = eval4(evaluate);
		if (evaluate) {
			if (!to_integer(l) || !to_integer(r)) fail(2, "non-integer argument");
			bool overflow = op == '+' ? __builtin_add_overflow(l->i, r->i, &l->i)
				: __builtin_sub_overflow(l->i, r->i, &l->i);
			if (overflow) fail(3, "%s", strerror(ERANGE));
		}
		free_value(r);
	}
}

/* Two integers written in decimal, compared by value. */
static int int_compare(const char *a, const char *b) {
	bool na = *a == '-', nb = *b == '-';
	a += na;
	b += nb;
	while (*a == '0') a++;
	while (*b == '0') b++;
	size_t la = strlen(a), lb = strlen(b);
	if (la == 0) na = false;
	if (lb == 0) nb = false;
	if (na != nb) return na ? -1 : 1;
	int cmp = la != lb ? (la < lb ? -1 : 1) : strcmp(a, b);
	return na ? -cmp : cmp;
}

static struct value *eval2(bool evaluate) {
	struct value *l = eval3(evaluate);
	for (;;) {
		const char *op;
		if (next_is("<")) op = "<";
		else if (next_is("<=")) op = "<=";
		else if (next_is("=") || next_is("==")) op = "=";
		else if (next_is("!=")) op = "!=";
		else if (next_is(">=")) op = ">=";
		else if (next_is(">")) op = ">";
		else return l;
		struct value *r = eval3(evaluate);
		bool result = false;
		if (evaluate) {
			to_string(l);
			to_string(r);
			int cmp = looks_like_integer(l->s) && looks_like_integer(r->s) ? int_compare(l->s, r->s) : strcoll(l->s, r->s);
			if (strcmp(op, "<") == 0) result = cmp < 0;
			else if (strcmp(op, "<=") == 0) result = cmp <= 0;
			else if (strcmp(op, "=") == 0) result = cmp == 0;
			else if (strcmp(op, "!=") == 0) result = cmp != 0;
			else if (strcmp(op, ">=") == 0) result = cmp >= 0;
			else result = cmp > 0;
		}
		free_value(l);
		free_value(r);
		l = int_value(result);
	}
}

static struct value *eval1(bool evaluate) {
	struct value *l = eval2(evaluate);
	while (next_is("&")) {
		struct value *r = eval2(evaluate && !is_null(l));
		if (is_null(l) || is_null(r)) {
			free_value(l);
			l = int_value(0);
		}
		free_value(r);
	}
	return l;
}

static struct value *eval(bool evaluate) {
	struct value *l = eval1(evaluate);
	while (next_is("|")) {
		struct value *r = eval1(evaluate && is_null(l));
		if (is_null(l)) {
			free_value(l);
			l = r;
			if (is_null(l)) {
				free_value(l);
				l = int_value(0);
			}
		} else {
			free_value(r);
		}
	}
	return l;
}

int expr_main(int argc, char **argv) {
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		printf("Usage: %s EXPRESSION\n", applet);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		argc--;
		argv++;
	}
	if (argc <= 1) {
		usage_mistake("missing operand");
		return 2;
	}
	args = argv + 1;
	struct value *v = eval(true);
	if (*args != NULL) fail(2, "syntax error: unexpected argument '%s'", *args);
	if (v->is_int) printf("%jd\n", v->i);
	else puts(v->s);
	return is_null(v) ? 1 : 0;
}
