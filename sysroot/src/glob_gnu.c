/* glob with glibc's extensions over wasi-libc's (musl's) glob: GLOB_BRACE expands {a,b} (nested
 * too) into patterns globbed in turn, each alternative's matches sorted on their own as glibc
 * sorts them; GLOB_TILDE puts the home directory for ~ ($HOME, else the password entry) or ~user,
 * and GLOB_TILDE_CHECK makes an unknown user GLOB_NOMATCH; GLOB_NOMAGIC returns a pattern with
 * no wildcards when nothing matches; GLOB_ONLYDIR is the hint glibc documents it to be (every
 * match is returned). <glob.h> sends glob calls here by name. */
#include <glob.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int __wasilibc_glob(const char *__restrict, int, int (*)(const char *, int), glob_t *__restrict) __asm__("glob");

#define GNU_FLAGS (GLOB_BRACE | GLOB_NOMAGIC | GLOB_TILDE | GLOB_ONLYDIR | GLOB_TILDE_CHECK)

typedef int (*glob_errfunc)(const char *, int);

/* The pattern with a leading ~ or ~user replaced; NULL with *unknown set for an unknown user. */
static char *expand_tilde(const char *pattern, int *unknown) {
	const char *slash = strchr(pattern, '/');
	size_t name_len = slash ? (size_t)(slash - pattern - 1) : strlen(pattern + 1);
	const char *home = NULL;
	if (name_len == 0) {
		home = getenv("HOME");
		if (!home) {
			struct passwd *pw = getpwuid(getuid());
			home = pw ? pw->pw_dir : NULL;
		}
	} else {
		char *user = strndup(pattern + 1, name_len);
		if (!user) return NULL;
		struct passwd *pw = getpwnam(user);
		free(user);
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home) {
		*unknown = 1;
		return NULL;
	}
	const char *rest = pattern + 1 + name_len;
	char *out = malloc(strlen(home) + strlen(rest) + 1);
	if (out) {
		strcpy(out, home);
		strcat(out, rest);
	}
	return out;
}

static int has_magic(const char *p) {
	for (; *p; p++) {
		if (*p == '\\' && p[1]) p++;
		else if (*p == '*' || *p == '?' || *p == '[') return 1;
	}
	return 0;
}

/* One pattern without braces: the tilde, then wasi-libc's glob appending to g. */
static int glob_one(const char *pattern, int flags, int gnu, glob_errfunc errfunc, glob_t *g) {
	char *expanded = NULL;
	if ((gnu & (GLOB_TILDE | GLOB_TILDE_CHECK)) && pattern[0] == '~') {
		int unknown = 0;
		expanded = expand_tilde(pattern, &unknown);
		if (!expanded && unknown && (gnu & GLOB_TILDE_CHECK)) return GLOB_NOMATCH;
		if (!expanded && !unknown) return GLOB_NOSPACE;
	}
	const char *p = expanded ? expanded : pattern;
	int r = __wasilibc_glob(p, flags, errfunc, g);
	if (r == GLOB_NOMATCH && (gnu & GLOB_NOMAGIC) && !has_magic(p))
		r = __wasilibc_glob(p, flags | GLOB_NOCHECK, errfunc, g);
	free(expanded);
	return r;
}

/* The first brace group: *open and *close, or 0 when there is none or it is not closed (then,
 * as glibc, the braces are ordinary characters). "{a}" is a group of one alternative. */
static int find_braces(const char *p, const char **open, const char **close) {
	const char *s = p;
	while (*s && *s != '{') s += (*s == '\\' && s[1]) ? 2 : 1;
	if (!*s) return 0;
	int depth = 0;
	for (const char *e = s; *e; e++) {
		if (*e == '\\' && e[1]) e++;
		else if (*e == '{') depth++;
		else if (*e == '}' && --depth == 0) {
			*open = s;
			*close = e;
			return 1;
		}
	}
	return 0;
}

/* Each alternative of the first brace group, globbed in turn (appending); the first error ends it. */
static int glob_braces(const char *pattern, int flags, int gnu, glob_errfunc errfunc, glob_t *g) {
	const char *open, *close;
	if (!find_braces(pattern, &open, &close)) return glob_one(pattern, flags, gnu, errfunc, g);
	size_t prefix = (size_t)(open - pattern), suffix = strlen(close + 1);
	char *buf = malloc(strlen(pattern) + 1);
	if (!buf) return GLOB_NOSPACE;
	int result = GLOB_NOMATCH;
	const char *alt = open + 1;
	for (;;) {
		/* The end of this alternative: a comma or the closing brace at the group's level. */
		const char *end = alt;
		for (int depth = 0; end < close; end++) {
			if (*end == '\\' && end + 1 < close) end++;
			else if (*end == '{') depth++;
			else if (*end == '}') depth--;
			else if (*end == ',' && depth == 0) break;
		}
		memcpy(buf, pattern, prefix);
		memcpy(buf + prefix, alt, (size_t)(end - alt));
		memcpy(buf + prefix + (end - alt), close + 1, suffix + 1);
		int r = glob_braces(buf, flags | GLOB_APPEND, gnu, errfunc, g);
		if (r == 0) result = 0;
		else if (r != GLOB_NOMATCH) {
			result = r;
			break;
		}
		if (end >= close) break;
		alt = end + 1;
	}
	free(buf);
	return result;
}

int __l4wasm_glob(const char *__restrict pattern, int flags, glob_errfunc errfunc, glob_t *__restrict g) {
	int gnu = flags & GNU_FLAGS;
	flags &= ~GNU_FLAGS;
	if (!(gnu & GLOB_BRACE)) return glob_one(pattern, flags, gnu, errfunc, g);
	if (!(flags & GLOB_APPEND)) {
		/* Start an empty list that the alternatives append to, keeping gl_offs. */
		int r = __wasilibc_glob("", flags & GLOB_DOOFFS, NULL, g);
		if (r != 0 && r != GLOB_NOMATCH) return r;
	}
	int r = glob_braces(pattern, (flags & ~GLOB_NOCHECK) | GLOB_APPEND, gnu, errfunc, g);
	if (r == GLOB_NOMATCH && (flags & GLOB_NOCHECK))
		r = __wasilibc_glob(pattern, flags | GLOB_NOCHECK | GLOB_APPEND, errfunc, g);
	return r;
}
