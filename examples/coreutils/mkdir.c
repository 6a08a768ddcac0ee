/* mkdir: makes directories. Options: -p (make missing parents, no error for existing
 * directories), -m MODE (octal or symbolic as chmod, set exactly: not a=rwx less the umask),
 * -v (a line per directory made). */
#include "util.h"
#include <getopt.h>
#include <stdbool.h>
#include <sys/stat.h>

static bool verbose;

static const char *quote(const char *s) {
	static char buf[2][4096];
	static int which;
	char *b = buf[which ^= 1];
	snprintf(b, sizeof buf[0], strchr(s, '\'') ? "\"%s\"" : "'%s'", s);
	return b;
}

/* getopt_long's own messages are musl's: GNU's words instead. */
static void usage_error(char **argv, const char *optstring) {
	const char *known = optopt ? strchr(optstring, optopt) : NULL;
	if (optopt == 0) message("unrecognized option '%s'", argv[optind - 1]);
	else if (known && known[1] == ':') message("option requires an argument -- '%c'", optopt);
	else message("invalid option -- '%c'", optopt);
	fprintf(stderr, "Try '%s --help' for more information.\n", applet);
}

/* MODE (octal, or chmod's symbolic clauses) applied to OLD as GNU's mode_adjust does: a clause
 * without u/g/o/a is limited by UMASK. -1 when MODE is not a mode. */
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

static void made(const char *path) {
	if (verbose) printf("%s: created directory %s\n", applet, quote(path));
}

/* Makes PATH's missing ancestors, each with u+wx whatever the umask says. */
static bool make_parents(char *path, mode_t umask_bits) {
	for (char *p = path; (p = strchr(p, '/')) != NULL; p++) {
		if (p == path || p[-1] == '/' || p[strspn(p, "/")] == '\0') continue;
		*p = '\0';
		umask(umask_bits & ~(S_IWUSR | S_IXUSR));
		int r = mkdir(path, 0777);
		int e = errno;
		umask(umask_bits);
		struct stat st;
		if (r == 0) {
			made(path);
		} else if (e != EEXIST || stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
			errno = e == EEXIST ? ENOTDIR : e;
			message("cannot create directory %s: %s", quote(path), strerror(errno));
			*p = '/';
			return false;
		}
		*p = '/';
	}
	return true;
}

int mkdir_main(int argc, char **argv) {
	static const struct option longopts[] = {
		{ "parents", no_argument, NULL, 'p' },
		{ "mode", required_argument, NULL, 'm' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *optstring = "pm:v";
	const char *mode_text = NULL;
	bool parents = false;
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		switch (c) {
		case 'p': parents = true; break;
		case 'm': mode_text = optarg; break;
		case 'v': verbose = true; break;
		case 'h': printf("Usage: mkdir [-pv] [-m MODE] DIRECTORY...\n"); return 0;
		default: usage_error(argv, optstring); return 1;
		}
	}
	if (optind >= argc) {
		message("missing operand");
		fprintf(stderr, "Try '%s --help' for more information.\n", applet);
		return 1;
	}
	mode_t umask_bits = umask(0);
	umask(umask_bits);
	long mode = 0777;
	if (mode_text != NULL) {
		mode = parse_mode(mode_text, 0777, true, umask_bits);
		if (mode < 0) fail(1, "invalid mode %s", quote(mode_text));
	}
	int status = 0;
	for (int i = optind; i < argc; i++) {
		char *path = strdup(argv[i]);
		if (parents && !make_parents(path, umask_bits)) {
			status = 1;
		} else if (mkdir(path, (mode_t)mode) == 0) {
			made(path);
			struct stat st;
			if (mode_text != NULL && stat(path, &st) == 0 && (st.st_mode & 07777) != (mode_t)mode && chmod(path, (mode_t)mode) != 0) {
				message("cannot set permissions of %s: %s", quote(path), strerror(errno));
				status = 1;
			}
		} else {
			int e = errno;
			struct stat st;
			if (!(parents && e == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))) {
				message("cannot create directory %s: %s", quote(path), strerror(e));
				status = 1;
			}
		}
		free(path);
	}
	return status;
}
