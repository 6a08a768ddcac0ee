/* find: walks directory trees (symbolic links not followed), in directory order, and evaluates
 * an expression for each file: find [PATH...] [EXPRESSION]; PATH defaults to ".".
 * Tests: -name/-iname PATTERN (fnmatch on the last component), -path/-ipath PATTERN, -type
 * [fdlpscb][,...], -empty, -newer FILE, -true, -false. Actions: -print, -print0, -prune,
 * -delete, -exec COMMAND ; ({} is the path) and -exec COMMAND {} +. Operators: ( ) ! -not
 * -a -and -o -or. Options: -maxdepth N, -mindepth N, -depth. Without an action, -print. */
#include "util.h"
#include <dirent.h>
#include <fnmatch.h>
#include <spawn.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/wait.h>

extern char **environ;

enum kind {
	AND, OR, NOT, TRUE, FALSE, NAME, INAME, PATH, IPATH, TYPE, EMPTY, NEWER,
	PRINT, PRINT0, PRUNE, DELETE, EXEC, EXEC_PLUS,
};

struct node {
	enum kind kind;
	struct node *left, *right;
	const char *arg;       /* the pattern, or -type's letters */
	struct timespec time;  /* -newer's reference */
	char **argv;           /* -exec's command (for +, the words before its {}) */
	int argc;
	char **batch;          /* -exec +: paths waiting for the command */
	size_t n_batch, cap_batch;
};

static char **args;
static int n_args, pos;
static int max_depth = -1, min_depth = 0;
static bool depth_first;
static int status;

static struct node *new_node(enum kind kind) {
	struct node *n = calloc(1, sizeof *n);
	if (n == NULL) fail(1, "memory exhausted");
	n->kind = kind;
	return n;
}

static const char *peek(void) {
	return pos < n_args ? args[pos] : NULL;
}

static bool is(const char *tok, const char *a, const char *b) {
	return tok != NULL && (strcmp(tok, a) == 0 || (b != NULL && strcmp(tok, b) == 0));
}

static const char *argument(const char *primary) {
	if (pos >= n_args) fail(1, "missing argument to `%s'", primary);
	return args[pos++];
}

static int depth_argument(const char *primary) {
	const char *s = argument(primary);
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 0 || *s == '-' || *s == '+') {
		fail(1, "Expected a positive decimal integer argument to %s, but got '%s'", primary, s);
	}
	return (int)v;
}

static void check_types(const char *s) {
	for (const char *p = s; *p; p++) {
		if (strchr("fdlpscb", *p) == NULL) fail(1, "Unknown argument to -type: %c", *p);
		if (p[1] == ',') {
			p++;
			if (p[1] == '\0') fail(1, "Last file type in list argument to -type is missing, i.e., list is ending on: ','");
		} else if (p[1] != '\0') {
			fail(1, "Must separate multiple arguments to -type using: ','");
		}
	}
	if (*s == '\0') fail(1, "Arguments to -type should contain at least one letter");
}

static struct node *parse_or(void);

static struct node *parse_primary(void) {
	const char *tok = peek();
	if (tok == NULL) fail(1, "invalid expression");
	pos++;
	if (strcmp(tok, "(") == 0) {
		if (is(peek(), ")", NULL)) fail(1, "invalid expression; empty parentheses are not allowed.");
		struct node *e = parse_or();
		if (!is(peek(), ")", NULL)) fail(1, "invalid expression; I was expecting to find a ')' somewhere but did not see one.");
		pos++;
		return e;
	}
	if (strcmp(tok, ")") == 0) fail(1, "you have too many ')'");
	if (is(tok, "-a", "-and") || is(tok, "-o", "-or")) {
		fail(1, "invalid expression; you have used a binary operator '%s' with nothing before it.", tok);
	}
	struct node *n;
	if (is(tok, "-name", NULL) || is(tok, "-iname", NULL)) {
		n = new_node(tok[1] == 'i' ? INAME : NAME);
		n->arg = argument(tok);
	} else if (is(tok, "-path", "-wholename") || is(tok, "-ipath", "-iwholename")) {
		n = new_node(tok[1] == 'i' ? IPATH : PATH);
		n->arg = argument(tok);
	} else if (is(tok, "-type", NULL)) {
		n = new_node(TYPE);
		n->arg = argument(tok);
		check_types(n->arg);
	} else if (is(tok, "-maxdepth", NULL)) {
		max_depth = depth_argument(tok);
		n = new_node(TRUE);
	} else if (is(tok, "-mindepth", NULL)) {
		min_depth = depth_argument(tok);
		n = new_node(TRUE);
	} else if (is(tok, "-depth", "-d")) {
		depth_first = true;
		n = new_node(TRUE);
	} else if (is(tok, "-newer", NULL)) {
		n = new_node(NEWER);
		const char *file = argument(tok);
		struct stat st;
		if (stat(file, &st) != 0) fail(1, "'%s': %s", file, strerror(errno));
		n->time = st.st_mtim;
	} else if (is(tok, "-exec", NULL)) {
		int start = pos, end = start;
		while (end < n_args && strcmp(args[end], ";") != 0 && !(strcmp(args[end], "+") == 0 && end > start && strcmp(args[end - 1], "{}") == 0)) end++;
		if (end >= n_args || end == start) fail(1, "missing argument to `%s'", tok);
		n = new_node(strcmp(args[end], "+") == 0 ? EXEC_PLUS : EXEC);
		n->argc = end - start - (n->kind == EXEC_PLUS);
		n->argv = args + start;
		pos = end + 1;
	} else {
		enum kind k;
		if (is(tok, "-print", NULL)) k = PRINT;
		else if (is(tok, "-print0", NULL)) k = PRINT0;
		else if (is(tok, "-prune", NULL)) k = PRUNE;
		else if (is(tok, "-delete", NULL)) k = DELETE;
		else if (is(tok, "-empty", NULL)) k = EMPTY;
		else if (is(tok, "-true", NULL)) k = TRUE;
		else if (is(tok, "-false", NULL)) k = FALSE;
		else if (tok[0] == '-') fail(1, "unknown predicate `%s'", tok);
		else fail(1, "paths must precede expression: `%s'", tok);
		n = new_node(k);
		if (k == DELETE) depth_first = true;
	}
	return n;
}

static struct node *parse_not(void) {
	const char *tok = peek();
	if (is(tok, "!", "-not")) {
		pos++;
		if (peek() == NULL || is(peek(), ")", NULL)) fail(1, "expected an expression after '%s'", tok);
		struct node *n = new_node(NOT);
		n->left = parse_not();
		return n;
	}
	return parse_primary();
}

static struct node *parse_and(void) {
	struct node *left = parse_not();
	for (;;) {
		const char *tok = peek();
		if (tok == NULL || is(tok, "-o", "-or") || is(tok, ")", NULL)) return left;
		if (is(tok, "-a", "-and")) {
			pos++;
			if (peek() == NULL) fail(1, "expected an expression after '%s'", tok);
		}
		struct node *n = new_node(AND);
		n->left = left;
		n->right = parse_not();
		left = n;
	}
}

static struct node *parse_or(void) {
	struct node *left = parse_and();
	while (is(peek(), "-o", "-or")) {
		const char *tok = args[pos++];
		if (peek() == NULL) fail(1, "expected an expression after '%s'", tok);
		struct node *n = new_node(OR);
		n->left = left;
		n->right = parse_and();
		left = n;
	}
	return left;
}

static bool has_action(const struct node *n) {
	if (n == NULL) return false;
	if (n->kind == PRINT || n->kind == PRINT0 || n->kind == DELETE || n->kind == EXEC || n->kind == EXEC_PLUS) return true;
	return has_action(n->left) || has_action(n->right);
}

/* Runs ARGV (flushing what find printed first); true if it exited 0. */
static bool run(char **argv) {
	fflush(stdout);
	pid_t pid;
	int e = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
	if (e != 0) {
		message("'%s': %s", argv[0], strerror(e));
		status = 1;
		return false;
	}
	int st;
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) return false;
	}
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* -exec ... ;: each argument with every {} replaced by PATH. */
static bool exec_one(struct node *n, const char *path) {
	char **argv = calloc((size_t)n->argc + 1, sizeof *argv);
	if (argv == NULL) fail(1, "memory exhausted");
	for (int i = 0; i < n->argc; i++) {
		const char *a = n->argv[i];
		size_t count = 0;
		for (const char *p = a; (p = strstr(p, "{}")) != NULL; p += 2) count++;
		argv[i] = malloc(strlen(a) + count * strlen(path) + 1);
		if (argv[i] == NULL) fail(1, "memory exhausted");
		char *o = argv[i];
		for (const char *p = a; *p;) {
			if (p[0] == '{' && p[1] == '}') {
				o = stpcpy(o, path);
				p += 2;
			} else {
				*o++ = *p++;
			}
		}
		*o = '\0';
	}
	bool ok = run(argv);
	for (int i = 0; i < n->argc; i++) free(argv[i]);
	free(argv);
	return ok;
}

/* -exec ... {} +: the command once with every path gathered. */
static void exec_batch(struct node *n) {
	if (n == NULL) return;
	exec_batch(n->left);
	exec_batch(n->right);
	if (n->kind != EXEC_PLUS || n->n_batch == 0) return;
	char **argv = calloc((size_t)n->argc + n->n_batch + 1, sizeof *argv);
	if (argv == NULL) fail(1, "memory exhausted");
	int k = 0;
	for (int i = 0; i < n->argc; i++) argv[k++] = n->argv[i];
	for (size_t i = 0; i < n->n_batch; i++) argv[k++] = n->batch[i];
	if (!run(argv)) status = 1;
	free(argv);
}

static char type_letter(mode_t m) {
	return S_ISREG(m) ? 'f' : S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISFIFO(m) ? 'p'
		: S_ISSOCK(m) ? 's' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b' : '?';
}

/* The last component, trailing slashes aside ("/" stays "/"). */
static const char *base_name(const char *path, char *buf, size_t size) {
	snprintf(buf, size, "%s", path);
	size_t n = strlen(buf);
	while (n > 1 && buf[n - 1] == '/') buf[--n] = '\0';
	char *slash = strrchr(buf, '/');
	return slash && slash[1] ? slash + 1 : buf;
}

static bool evaluate(struct node *n, const char *path, const struct stat *st, bool *prune) {
	char buf[4096];
	switch (n->kind) {
	case AND: return evaluate(n->left, path, st, prune) && evaluate(n->right, path, st, prune);
	case OR: return evaluate(n->left, path, st, prune) || evaluate(n->right, path, st, prune);
	case NOT: return !evaluate(n->left, path, st, prune);
	case TRUE: return true;
	case FALSE: return false;
	case NAME: return fnmatch(n->arg, base_name(path, buf, sizeof buf), 0) == 0;
	case INAME: return fnmatch(n->arg, base_name(path, buf, sizeof buf), FNM_CASEFOLD) == 0;
	case PATH: return fnmatch(n->arg, path, 0) == 0;
	case IPATH: return fnmatch(n->arg, path, FNM_CASEFOLD) == 0;
	case TYPE: return strchr(n->arg, type_letter(st->st_mode)) != NULL;
	case EMPTY: return S_ISREG(st->st_mode) ? st->st_size == 0 : S_ISDIR(st->st_mode) && is_empty_dir(path);
	case NEWER:
		return st->st_mtim.tv_sec > n->time.tv_sec || (st->st_mtim.tv_sec == n->time.tv_sec && st->st_mtim.tv_nsec > n->time.tv_nsec);
	case PRINT: puts(path); return true;
	case PRINT0: fputs(path, stdout); putchar('\0'); return true;
	case PRUNE: *prune = true; return true;
	case DELETE:
		if (strcmp(path, ".") == 0) return true;
		if ((S_ISDIR(st->st_mode) ? rmdir(path) : unlink(path)) != 0) {
			message("cannot delete '%s': %s", path, strerror(errno));
			status = 1;
			return false;
		}
		return true;
	case EXEC: return exec_one(n, path);
	case EXEC_PLUS:
		if (n->n_batch == n->cap_batch) {
			n->cap_batch = n->cap_batch ? 2 * n->cap_batch : 64;
			n->batch = realloc(n->batch, n->cap_batch * sizeof *n->batch);
			if (n->batch == NULL) fail(1, "memory exhausted");
		}
		n->batch[n->n_batch++] = strdup(path);
		return true;
	}
	return false;
}

static void walk(struct node *expr, const char *path, const struct stat *st, int depth) {
	bool prune = false;
	bool here = depth >= min_depth;
	if (here && !depth_first) evaluate(expr, path, st, &prune);
	if (S_ISDIR(st->st_mode) && !(prune && !depth_first) && (max_depth < 0 || depth < max_depth)) {
		DIR *d = opendir(path);
		if (d == NULL) {
			message("'%s': %s", path, strerror(errno));
			status = 1;
		} else {
			struct dirent *de;
			while ((de = readdir(d)) != NULL) {
				if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
				char *child = join_path(path, de->d_name);
				struct stat cst;
				if (lstat(child, &cst) != 0) {
					message("'%s': %s", child, strerror(errno));
					status = 1;
				} else {
					walk(expr, child, &cst, depth + 1);
				}
				free(child);
			}
			closedir(d);
		}
	}
	if (here && depth_first) evaluate(expr, path, st, &prune);
}

int find_main(int argc, char **argv) {
	int first_expr = 1;
	while (first_expr < argc) {
		const char *a = argv[first_expr];
		if ((a[0] == '-' && a[1] != '\0') || strcmp(a, "(") == 0 || strcmp(a, "!") == 0) break;
		first_expr++;
	}
	if (first_expr < argc && strcmp(argv[first_expr], "--help") == 0) {
		printf("Usage: find [PATH...] [EXPRESSION]\n");
		return 0;
	}
	args = argv + first_expr;
	n_args = argc - first_expr;
	struct node *expr = NULL;
	if (n_args > 0) {
		expr = parse_or();
		if (pos < n_args) {
			if (strcmp(args[pos], ")") == 0) fail(1, "you have too many ')'");
			fail(1, "paths must precede expression: `%s'", args[pos]);
		}
	}
	if (!has_action(expr)) {
		struct node *print = new_node(PRINT);
		if (expr == NULL) {
			expr = print;
		} else {
			struct node *and = new_node(AND);
			and->left = expr;
			and->right = print;
			expr = and;
		}
	}
	static char *dot[] = { "." };
	char **paths = first_expr > 1 ? argv + 1 : dot;
	int n_paths = first_expr > 1 ? first_expr - 1 : 1;
	for (int i = 0; i < n_paths; i++) {
		struct stat st;
		if (lstat(paths[i], &st) != 0) {
			message("'%s': %s", paths[i], strerror(errno));
			status = 1;
			continue;
		}
		walk(expr, paths[i], &st, 0);
	}
	exec_batch(expr);
	return status;
}
