/* test, [: evaluates a condition; exit status 0 true, 1 false, 2 for a syntax error ("[" wants
 * "]" as its last argument). File tests -e -f -d -r -w -x -s -L -h -p -S -b -c -u -g -k -O -G
 * -N -t FD; strings -n -z, = == !=; integers (GNU: -l STRING is its length) -eq -ne -lt -le
 * -gt -ge; files -nt -ot -ef; ! -a -o and parentheses, with POSIX's rules for 1 to 4 arguments. */
#include "util.h"
#include <ctype.h>
#include <limits.h>
#include <stdbool.h>
#include <sys/stat.h>

static int pos, argc_;
static char **argv_;

static bool posix_test(int nargs);
static bool expr(void);

static _Noreturn void syntax_error(const char *fmt, const char *a, const char *b) {
	fflush(stdout);
	fprintf(stderr, "%s: ", applet);
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	exit(2);
}

static _Noreturn void beyond(void) {
	syntax_error("missing argument after '%s'", argv_[argc_ - 1], NULL);
}

static void advance(bool need_more) {
	pos++;
	if (need_more && pos >= argc_) beyond();
}

/* The operand past a unary operator. */
static const char *unary_operand(void) {
	advance(true);
	return argv_[pos++];
}

/* An integer operand (blanks around it, a sign): where its digits (or '-') start. */
static const char *find_int(const char *s) {
	const char *p = s, *start;
	while (*p == ' ' || *p == '\t') p++;
	if (*p == '+') start = ++p;
	else {
		start = p;
		if (*p == '-') p++;
	}
	if (isdigit((unsigned char)*p)) {
		while (isdigit((unsigned char)*p)) p++;
		while (*p == ' ' || *p == '\t') p++;
		if (*p == '\0') return start;
	}
	syntax_error("invalid integer '%s'", s, NULL);
}

/* Compares two integers written in decimal, of any length. */
static int int_compare(const char *a, const char *b) {
	bool na = *a == '-', nb = *b == '-';
	a += na;
	b += nb;
	while (*a == '0') a++;
	while (*b == '0') b++;
	size_t la = 0, lb = 0;
	while (isdigit((unsigned char)a[la])) la++;
	while (isdigit((unsigned char)b[lb])) lb++;
	if (la == 0) na = false;
	if (lb == 0) nb = false;
	if (na != nb) return na ? -1 : 1;
	int cmp = la != lb ? (la < lb ? -1 : 1) : strncmp(a, b, la);
	if (cmp != 0) cmp = cmp < 0 ? -1 : 1;
	return na ? -cmp : cmp;
}

static bool is_binop(const char *s) {
	static const char *const ops[] = { "=", "!=", "==", "-nt", "-ot", "-ef", "-eq", "-ne", "-lt", "-le", "-gt", "-ge" };
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		if (strcmp(s, ops[i]) == 0) return true;
	}
	return false;
}

static bool is_unop(const char *s) {
	return s[0] == '-' && s[1] != '\0' && s[2] == '\0' && strchr("abcdefghknoprstuwxzGLOSN", s[1]) != NULL;
}

/* Modification time of FILE; false when it cannot be had. */
static bool mtime_of(const char *file, struct timespec *t) {
	struct stat st;
	if (stat(file, &st) != 0) return false;
	*t = st.st_mtim;
	return true;
}

static int time_compare(struct timespec a, struct timespec b) {
	if (a.tv_sec != b.tv_sec) return a.tv_sec < b.tv_sec ? -1 : 1;
	return a.tv_nsec < b.tv_nsec ? -1 : a.tv_nsec > b.tv_nsec;
}

/* argv_[pos] (after -l when L_IS_L) OP argv_[pos + 2]. */
static bool binary_operator(bool l_is_l) {
	if (l_is_l) advance(false);
	int op = pos + 1;
	bool r_is_l = false;
	if (op < argc_ - 2 && strcmp(argv_[op + 1], "-l") == 0) {
		r_is_l = true;
		advance(false);
	}
	const char *o = argv_[op];
	if (o[0] == '-') {
		if ((((o[1] == 'l' || o[1] == 'g') && (o[2] == 'e' || o[2] == 't')) || (o[1] == 'e' && o[2] == 'q')
			|| (o[1] == 'n' && o[2] == 'e')) && o[3] == '\0') {
			char lbuf[32], rbuf[32];
			snprintf(lbuf, sizeof lbuf, "%zu", strlen(argv_[op - 1]));
			if (r_is_l) snprintf(rbuf, sizeof rbuf, "%zu", strlen(argv_[op + 2]));
			const char *l = l_is_l ? lbuf : find_int(argv_[op - 1]);
			const char *r = r_is_l ? rbuf : find_int(argv_[op + 1]);
			int cmp = int_compare(l, r);
			bool or_equal = o[2] == 'e';
			pos += 3;
			return o[1] == 'l' ? cmp < (int)or_equal : o[1] == 'g' ? cmp > -(int)or_equal : (cmp != 0) == or_equal;
		}
		struct timespec lt, rt;
		if (strcmp(o, "-nt") == 0 || strcmp(o, "-ot") == 0) {
			pos += 3;
			if (l_is_l || r_is_l) syntax_error("%s does not accept -l", o, NULL);
			bool le = mtime_of(argv_[op - 1], &lt), re = mtime_of(argv_[op + 1], &rt);
			if (o[1] == 'n') return le && (!re || time_compare(lt, rt) > 0);
			return re && (!le || time_compare(lt, rt) < 0);
		}
		if (strcmp(o, "-ef") == 0) {
			struct stat a, b;
			pos += 3;
			if (l_is_l || r_is_l) syntax_error("-ef does not accept -l", NULL, NULL);
			return stat(argv_[op - 1], &a) == 0 && stat(argv_[op + 1], &b) == 0 && a.st_dev == b.st_dev
				&& a.st_ino == b.st_ino;
		}
		syntax_error("'%s': unknown binary operator", o, NULL);
	}
	bool equal = strcmp(argv_[pos], argv_[pos + 2]) == 0;
	pos += 3;
	return o[0] == '!' ? !equal : equal;
}

static bool unary_operator(void) {
	struct stat st;
	char op = argv_[pos][1];
	const char *arg;
	switch (op) {
	case 'e': return stat(unary_operand(), &st) == 0;
	case 'r': return access(unary_operand(), R_OK) == 0;
	case 'w': return access(unary_operand(), W_OK) == 0;
	case 'x': return access(unary_operand(), X_OK) == 0;
	case 'n': return unary_operand()[0] != '\0';
	case 'z': return unary_operand()[0] == '\0';
	case 'h': case 'L': return lstat(unary_operand(), &st) == 0 && S_ISLNK(st.st_mode);
	case 't': {
		arg = find_int(unary_operand());
		errno = 0;
		long fd = strtol(arg, NULL, 10);
		return errno != ERANGE && fd >= 0 && fd <= INT_MAX && isatty((int)fd);
	}
	case 'f': case 'd': case 's': case 'S': case 'c': case 'b': case 'p': case 'u': case 'g': case 'k': case 'O':
	case 'G': case 'N':
		if (stat(unary_operand(), &st) != 0) return false;
		switch (op) {
		case 'f': return S_ISREG(st.st_mode);
		case 'd': return S_ISDIR(st.st_mode);
		case 's': return st.st_size > 0;
		case 'S': return S_ISSOCK(st.st_mode);
		case 'c': return S_ISCHR(st.st_mode);
		case 'b': return S_ISBLK(st.st_mode);
		case 'p': return S_ISFIFO(st.st_mode);
		case 'u': return (st.st_mode & S_ISUID) != 0;
		case 'g': return (st.st_mode & S_ISGID) != 0;
		case 'k': return (st.st_mode & S_ISVTX) != 0;
		case 'O': return st.st_uid == geteuid();
		case 'G': return st.st_gid == getegid();
		default: return time_compare(st.st_mtim, st.st_atim) > 0;
		}
	default:
		syntax_error("'%s': unary operator expected", argv_[pos], NULL);
	}
}

static bool term(void) {
	bool negated = false, value;
	while (pos < argc_ && strcmp(argv_[pos], "!") == 0) {
		advance(true);
		negated = !negated;
	}
	if (pos >= argc_) beyond();
	const char *a = argv_[pos];
	if (strcmp(a, "(") == 0) {
		advance(true);
		/* Up to four arguments before ")" follow POSIX's rules; more are an expression. */
		int nargs = 1;
		for (; pos + nargs < argc_ && strcmp(argv_[pos + nargs], ")") != 0; nargs++) {
			if (nargs == 4) {
				nargs = argc_ - pos;
				break;
			}
		}
		value = posix_test(nargs);
		if (pos >= argc_) syntax_error("')' expected", NULL, NULL);
		if (strcmp(argv_[pos], ")") != 0) syntax_error("')' expected, found '%s'", argv_[pos], NULL);
		advance(false);
	} else if (argc_ - pos >= 4 && strcmp(a, "-l") == 0 && is_binop(argv_[pos + 2])) {
		value = binary_operator(true);
	} else if (argc_ - pos >= 3 && is_binop(argv_[pos + 1])) {
		value = binary_operator(false);
	} else if (a[0] == '-' && a[1] != '\0' && a[2] == '\0') {
		if (!is_unop(a)) syntax_error("'%s': unary operator expected", a, NULL);
		value = unary_operator();
	} else {
		value = a[0] != '\0';
		advance(false);
	}
	return negated ^ value;
}

static bool and(void) {
	bool value = true;
	for (;;) {
		value &= term();
		if (!(pos < argc_ && strcmp(argv_[pos], "-a") == 0)) return value;
		advance(false);
	}
}

static bool or(void) {
	bool value = false;
	for (;;) {
		value |= and();
		if (!(pos < argc_ && strcmp(argv_[pos], "-o") == 0)) return value;
		advance(false);
	}
}

static bool expr(void) {
	if (pos >= argc_) beyond();
	return or();
}

static bool one_argument(void) {
	return argv_[pos++][0] != '\0';
}

static bool two_arguments(void) {
	const char *a = argv_[pos];
	if (strcmp(a, "!") == 0) {
		advance(false);
		return !one_argument();
	}
	if (a[0] == '-' && a[1] != '\0' && a[2] == '\0') {
		if (!is_unop(a)) syntax_error("'%s': unary operator expected", a, NULL);
		return unary_operator();
	}
	beyond();
}

static bool three_arguments(void) {
	bool value;
	if (is_binop(argv_[pos + 1])) return binary_operator(false);
	if (strcmp(argv_[pos], "!") == 0) {
		advance(true);
		return !two_arguments();
	}
	if (strcmp(argv_[pos], "(") == 0 && strcmp(argv_[pos + 2], ")") == 0) {
		advance(false);
		value = one_argument();
		advance(false);
		return value;
	}
	if (strcmp(argv_[pos + 1], "-a") == 0 || strcmp(argv_[pos + 1], "-o") == 0) return expr();
	syntax_error("'%s': binary operator expected", argv_[pos + 1], NULL);
}

/* POSIX's rules by the number of arguments. */
static bool posix_test(int nargs) {
	bool value;
	switch (nargs) {
	case 1: return one_argument();
	case 2: return two_arguments();
	case 3: return three_arguments();
	case 4:
		if (strcmp(argv_[pos], "!") == 0) {
			advance(true);
			return !three_arguments();
		}
		if (strcmp(argv_[pos], "(") == 0 && strcmp(argv_[pos + 3], ")") == 0) {
			advance(false);
			value = two_arguments();
			advance(false);
			return value;
		}
		return expr();
	default: return expr();
	}
}

int test_main(int argc, char **argv) {
	if (strcmp(applet, "[") == 0) {
		if (argc == 2 && strcmp(argv[1], "--help") == 0) {
			printf("Usage: test EXPRESSION\n  or:  [ EXPRESSION ]\n");
			return 0;
		}
		if (argc < 2 || strcmp(argv[argc - 1], "]") != 0) syntax_error("missing ']'", NULL, NULL);
		argc--;
	}
	argc_ = argc;
	argv_ = argv;
	pos = 1;
	if (pos >= argc) return 1;
	bool value = posix_test(argc - 1);
	if (pos != argc) syntax_error("extra argument '%s'", argv[pos], NULL);
	return value ? 0 : 1;
}
