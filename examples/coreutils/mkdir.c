/* mkdir: makes directories. Options: -p (make missing parents, no error for existing
 * directories), -m MODE (octal or symbolic as chmod, set exactly: not a=rwx less the umask),
 * -v (a line per directory made). */
#include "util.h"
#include "lib/mode.h"
#include <getopt.h>
#include <stdbool.h>
#include <sys/stat.h>

static bool verbose;

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
		default: option_error(argv, optstring); return 1;
		}
	}
	if (optind >= argc) {
		usage_mistake("missing operand");
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
