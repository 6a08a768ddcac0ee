/* readlink: prints the target of symbolic links, or with -f/-e/-m their canonical absolute path
 * (-f: all but the last component must exist, -e: all, -m: none). Options: -n (no newline),
 * -z (NUL after each), -q/-s (quiet, the default), -v (say why one failed). */
#include "util.h"
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <sys/stat.h>

enum need { EXISTING, ALL_BUT_LAST, MISSING };

/* getopt_long's own messages are musl's: GNU's words instead. */
static void usage_error(char **argv, const char *optstring) {
	const char *known = optopt ? strchr(optstring, optopt) : NULL;
	if (optopt == 0) message("unrecognized option '%s'", argv[optind - 1]);
	else if (known && known[1] == ':') message("option requires an argument -- '%c'", optopt);
	else message("invalid option -- '%c'", optopt);
	fprintf(stderr, "Try '%s --help' for more information.\n", applet);
}

/* PATH made absolute, symbolic links resolved, "." and ".." gone, as gnulib's
 * canonicalize_filename_mode; components that must exist per NEED. NULL with errno. */
static char *canonicalize(const char *path, enum need need) {
	static char out[PATH_MAX], rest[2 * PATH_MAX], target[PATH_MAX];
	struct { dev_t dev; ino_t ino; } seen[64];
	int links = 0, n_seen = 0;
	if (*path == '\0') {
		errno = ENOENT;
		return NULL;
	}
	if (*path == '/') {
		strcpy(out, "/");
	} else if (getcwd(out, sizeof out) == NULL) {
		return NULL;
	}
	if (strlen(path) >= sizeof rest) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	strcpy(rest, path);
	char *p = rest;
	while (*p != '\0') {
		while (*p == '/') p++;
		if (*p == '\0') break;
		char *end = p + strcspn(p, "/");
		size_t len = (size_t)(end - p);
		if (len == 1 && p[0] == '.') {
			p = end;
			continue;
		}
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			char *slash = strrchr(out, '/');
			slash[slash == out ? 1 : 0] = '\0';
			p = end;
			continue;
		}
		size_t n = strlen(out);
		if (n + len + 2 > sizeof out) {
			errno = ENAMETOOLONG;
			return NULL;
		}
		if (out[n - 1] != '/') out[n++] = '/';
		memcpy(out + n, p, len);
		out[n + len] = '\0';
		bool last = end[strspn(end, "/")] == '\0';
		struct stat st;
		if (lstat(out, &st) != 0) {
			if (need == EXISTING || (need == ALL_BUT_LAST && (!last || errno != ENOENT))) return NULL;
			p = end;
			continue;
		}
		if (S_ISLNK(st.st_mode)) {
			/* Past 20 links, one seen before is a loop. */
			bool loop = false;
			if (++links > 20) {
				for (int i = 0; i < n_seen; i++) loop |= seen[i].dev == st.st_dev && seen[i].ino == st.st_ino;
				if (!loop && n_seen < 64) {
					seen[n_seen].dev = st.st_dev;
					seen[n_seen++].ino = st.st_ino;
				} else {
					loop = true;
				}
			}
			if (loop) {
				if (need == MISSING) {
					p = end;
					continue;
				}
				errno = ELOOP;
				return NULL;
			}
			ssize_t t = readlink(out, target, sizeof target - 1);
			if (t < 0) return NULL;
			target[t] = '\0';
			if (t + strlen(end) + 1 > sizeof rest) {
				errno = ENAMETOOLONG;
				return NULL;
			}
			memmove(rest + t, end, strlen(end) + 1);
			memcpy(rest, target, (size_t)t);
			p = rest;
			/* An absolute target starts again at the root, a relative one in the link's directory. */
			if (target[0] == '/') {
				strcpy(out, "/");
			} else {
				char *slash = strrchr(out, '/');
				slash[slash == out ? 1 : 0] = '\0';
			}
			continue;
		}
		if (!S_ISDIR(st.st_mode) && *end != '\0' && need != MISSING) {
			errno = ENOTDIR;
			return NULL;
		}
		p = end;
	}
	return out;
}

int readlink_main(int argc, char **argv) {
	static const struct option longopts[] = {
		{ "canonicalize", no_argument, NULL, 'f' },
		{ "canonicalize-existing", no_argument, NULL, 'e' },
		{ "canonicalize-missing", no_argument, NULL, 'm' },
		{ "no-newline", no_argument, NULL, 'n' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "silent", no_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "zero", no_argument, NULL, 'z' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *optstring = "efmnqsvz";
	bool canon = false, newline = true, verbose = false, zero = false;
	enum need need = ALL_BUT_LAST;
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		switch (c) {
		case 'e': canon = true; need = EXISTING; break;
		case 'f': canon = true; need = ALL_BUT_LAST; break;
		case 'm': canon = true; need = MISSING; break;
		case 'n': newline = false; break;
		case 'q': case 's': verbose = false; break;
		case 'v': verbose = true; break;
		case 'z': zero = true; break;
		case 'h': printf("Usage: readlink [-efmnqsvz] FILE...\n"); return 0;
		default: usage_error(argv, optstring); return 1;
		}
	}
	if (optind >= argc) {
		message("missing operand");
		fprintf(stderr, "Try '%s --help' for more information.\n", applet);
		return 1;
	}
	if (!newline && argc - optind > 1) {
		message("ignoring --no-newline with multiple arguments");
		newline = true;
	}
	int status = 0;
	for (int i = optind; i < argc; i++) {
		static char target[PATH_MAX];
		const char *result = NULL;
		if (canon) {
			result = canonicalize(argv[i], need);
		} else {
			ssize_t n = readlink(argv[i], target, sizeof target - 1);
			if (n >= 0) {
				target[n] = '\0';
				result = target;
			}
		}
		if (result == NULL) {
			if (verbose) message_errno(argv[i]);
			status = 1;
			continue;
		}
		fputs(result, stdout);
		if (zero) putchar('\0');
		else if (newline) putchar('\n');
	}
	return status;
}
