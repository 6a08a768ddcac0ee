/* chmod: changes the permission bits of files. MODE is octal (755) or symbolic clauses
 * ([ugoa]*[-+=][rwxXst]* or [-+=][ugo], joined by commas; without u/g/o/a the umask limits them).
 * Options: -R (recursive; symbolic links met on the way are left alone), -c (report changes),
 * -v (report every file), -f (no messages about files). A mode given as an option (-w, -x) warns,
 * as GNU's, when the umask kept it from doing what it says. */
#include "util.h"
#include <dirent.h>
#include <stdbool.h>
#include <sys/stat.h>

static bool recursive, changes_only, verbose, quiet, surprises;
static const char *mode_text;
static mode_t umask_bits;

static const char *quote(const char *s) {
	static char buf[2][4096];
	static int which;
	char *b = buf[which ^= 1];
	snprintf(b, sizeof buf[0], strchr(s, '\'') ? "\"%s\"" : "'%s'", s);
	return b;
}

static void try_help(void) {
	fprintf(stderr, "Try '%s --help' for more information.\n", applet);
}

/* MODE (octal, or symbolic clauses) applied to OLD as GNU's mode_adjust does: a clause without
 * u/g/o/a is limited by UMASK. -1 when MODE is not a mode. */
static long parse_mode(const char *mode, mode_t old, bool dir, mode_t umask_bits) {
	const mode_t all = 07777;
	if (*mode >= '0' && *mode <= '7') {
		unsigned long v = 0;
		const char *p = mode;
		for (; *p >= '0' && *p <= '7'; p++) {
			v = v * 8 + (unsigned long)(*p - '0');
			if (v > all) return -1;
		}
		if (*p != '\0') return -1;
		/* Up to four digits keep a directory's set-id bits unless they name them. */
		mode_t mentioned = p - mode < 5 ? (v & (S_ISUID | S_ISGID)) | S_ISVTX | 0777 : all;
		mode_t keep = (dir ? S_ISUID | S_ISGID : 0) & ~mentioned;
		return (old & keep) | (v & ~keep);
	}
	mode_t cur = old & all;
	const char *p = mode;
	for (;;) {
		mode_t who = 0;
		for (;; p++) {
			if (*p == 'u') who |= S_ISUID | S_IRWXU;
			else if (*p == 'g') who |= S_ISGID | S_IRWXG;
			else if (*p == 'o') who |= S_ISVTX | S_IRWXO;
			else if (*p == 'a') who |= all;
			else break;
		}
		if (*p != '=' && *p != '+' && *p != '-') return -1;
		while (*p == '=' || *p == '+' || *p == '-') {
			char op = *p++;
			mode_t value = 0, mentioned;
			if (*p == 'u' || *p == 'g' || *p == 'o') {
				/* Copy the permissions another class has now. */
				mode_t bits = *p == 'u' ? (cur & S_IRWXU) >> 6 : *p == 'g' ? (cur & S_IRWXG) >> 3 : cur & S_IRWXO;
				value = bits * 0111;
				mentioned = who ? who & value : value;
				p++;
			} else {
				bool x_if_any = false;
				for (;; p++) {
					if (*p == 'r') value |= 0444;
					else if (*p == 'w') value |= 0222;
					else if (*p == 'x') value |= 0111;
					else if (*p == 'X') x_if_any = true;
					else if (*p == 's') value |= S_ISUID | S_ISGID;
					else if (*p == 't') value |= S_ISVTX;
					else break;
				}
				mentioned = who ? who & value : value;
				if (x_if_any && ((cur & 0111) || dir)) value |= 0111;
			}
			mode_t omit = (dir ? S_ISUID | S_ISGID : 0) & ~mentioned;
			value &= (who ? who : ~umask_bits) & ~omit;
			if (op == '=') {
				mode_t preserved = (who ? ~who : 0) | omit;
				cur = (cur & preserved) | value;
			} else if (op == '+') {
				cur |= value;
			} else {
				cur &= ~value;
			}
		}
		if (*p == '\0') return cur;
		if (*p++ != ',') return -1;
	}
}

/* "rwxr-xr-x" for the permission bits of MODE. */
static const char *perms(mode_t m, char *s) {
	s[0] = m & S_IRUSR ? 'r' : '-';
	s[1] = m & S_IWUSR ? 'w' : '-';
	s[2] = m & S_ISUID ? (m & S_IXUSR ? 's' : 'S') : (m & S_IXUSR ? 'x' : '-');
	s[3] = m & S_IRGRP ? 'r' : '-';
	s[4] = m & S_IWGRP ? 'w' : '-';
	s[5] = m & S_ISGID ? (m & S_IXGRP ? 's' : 'S') : (m & S_IXGRP ? 'x' : '-');
	s[6] = m & S_IROTH ? 'r' : '-';
	s[7] = m & S_IWOTH ? 'w' : '-';
	s[8] = m & S_ISVTX ? (m & S_IXOTH ? 't' : 'T') : (m & S_IXOTH ? 'x' : '-');
	s[9] = '\0';
	return s;
}

static bool change(const char *path, bool command_line);

static bool change_tree(const char *path) {
	DIR *d = opendir(path);
	if (d == NULL) {
		if (!quiet) message("cannot read directory %s: %s", quote(path), strerror(errno));
		return false;
	}
	bool ok = true;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
		size_t n = strlen(path);
		char *child = malloc(n + strlen(de->d_name) + 2);
		if (child == NULL) fail(1, "memory exhausted");
		sprintf(child, n > 0 && path[n - 1] == '/' ? "%s%s" : "%s/%s", path, de->d_name);
		ok &= change(child, false);
		free(child);
	}
	closedir(d);
	return ok;
}

static bool change(const char *path, bool command_line) {
	struct stat st;
	if ((command_line ? stat(path, &st) : lstat(path, &st)) != 0) {
		if (!quiet) message("cannot access %s: %s", quote(path), strerror(errno));
		return false;
	}
	if (S_ISLNK(st.st_mode)) {
		if (verbose) printf("neither symbolic link %s nor referent has been changed\n", quote(path));
		return true;
	}
	bool dir = S_ISDIR(st.st_mode);
	mode_t old = st.st_mode & 07777;
	mode_t new = (mode_t)parse_mode(mode_text, old, dir, umask_bits);
	bool ok = true;
	if (new != old && chmod(path, new) != 0) {
		if (!quiet) message("changing permissions of %s: %s", quote(path), strerror(errno));
		ok = false;
	} else if (verbose || (changes_only && new != old)) {
		char a[10], b[10];
		if (new != old) printf("mode of %s changed from %04o (%s) to %04o (%s)\n", quote(path), old, perms(old, a), new, perms(new, b));
		else printf("mode of %s retained as %04o (%s)\n", quote(path), old, perms(old, a));
	}
	if (ok && surprises) {
		mode_t naive = (mode_t)parse_mode(mode_text, old, dir, 0);
		if (new & ~naive) {
			char a[10], b[10];
			message("%s: new permissions are %s, not %s", path, perms(new, a), perms(naive, b));
			ok = false;
		}
	}
	if (recursive && dir) ok &= change_tree(path);
	return ok;
}

/* An argument like -w or -x,g+r: a mode, not options (GNU's chmod reads them so too). */
static bool mode_like(const char *arg) {
	return arg[0] == '-' && arg[1] != '\0' && strchr("rwxXstugoa,+=01234567", arg[1]) != NULL;
}

int chmod_main(int argc, char **argv) {
	char **operands = malloc((size_t)argc * sizeof *operands);
	char *modes = NULL;
	int n = 0;
	bool options_done = false;
	if (operands == NULL) fail(1, "memory exhausted");
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (options_done || arg[0] != '-' || arg[1] == '\0') {
			operands[n++] = argv[i];
		} else if (strcmp(arg, "--") == 0) {
			options_done = true;
		} else if (arg[1] == '-') {
			if (strcmp(arg, "--recursive") == 0) recursive = true;
			else if (strcmp(arg, "--changes") == 0) changes_only = true;
			else if (strcmp(arg, "--verbose") == 0) verbose = true;
			else if (strcmp(arg, "--silent") == 0 || strcmp(arg, "--quiet") == 0) quiet = true;
			else if (strcmp(arg, "--help") == 0) {
				printf("Usage: chmod [-Rcfv] MODE[,MODE]... FILE...\n");
				return 0;
			} else {
				message("unrecognized option '%s'", arg);
				try_help();
				return 1;
			}
		} else if (mode_like(arg)) {
			size_t len = modes ? strlen(modes) + 1 : 0;
			modes = realloc(modes, len + strlen(arg) + 1);
			if (modes == NULL) fail(1, "memory exhausted");
			if (len) strcat(modes, ",");
			else modes[0] = '\0';
			strcat(modes, arg);
			surprises = true;
		} else {
			for (const char *p = arg + 1; *p; p++) {
				if (*p == 'R') recursive = true;
				else if (*p == 'c') changes_only = true;
				else if (*p == 'v') verbose = true;
				else if (*p == 'f') quiet = true;
				else {
					message("invalid option -- '%c'", *p);
					try_help();
					return 1;
				}
			}
		}
	}
	int first = 0;
	if (modes != NULL) {
		mode_text = modes;
	} else if (n > 0) {
		mode_text = operands[first++];
	}
	if (mode_text == NULL || first >= n) {
		if (mode_text == NULL || modes != NULL) message("missing operand");
		else message("missing operand after %s", quote(mode_text));
		try_help();
		return 1;
	}
	umask_bits = umask(0);
	umask(umask_bits);
	if (parse_mode(mode_text, 0, false, umask_bits) < 0) {
		message("invalid mode: %s", quote(mode_text));
		try_help();
		return 1;
	}
	bool ok = true;
	for (int i = first; i < n; i++) ok &= change(operands[i], true);
	free(operands);
	free(modes);
	return ok ? 0 : 1;
}
