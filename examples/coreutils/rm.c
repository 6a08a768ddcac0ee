/* rm: removes files. Options: -f (missing files are fine, no error), -r/-R (directories and
 * what they hold), -d (empty directories), -v (a line per file removed). "." and "..", and "/"
 * with -r, are refused. */
#include "util.h"
#include <dirent.h>
#include <getopt.h>
#include <stdbool.h>
#include <sys/stat.h>

static bool force, recursive, remove_dirs, verbose;

static bool cannot_remove(const char *path, int e) {
	message("cannot remove %s: %s", quote(path), strerror(e));
	return false;
}

static bool remove_path(const char *path);

/* A directory's entries, then the directory itself. */
static bool remove_tree(const char *path) {
	DIR *d = opendir(path);
	if (d == NULL) return cannot_remove(path, errno);
	bool ok = true;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
		char *child = join_path(path, de->d_name);
		ok &= remove_path(child);
		free(child);
	}
	closedir(d);
	if (!ok) return false;
	if (rmdir(path) != 0) return cannot_remove(path, errno);
	if (verbose) printf("removed directory %s\n", quote(path));
	return true;
}

static bool remove_path(const char *path) {
	struct stat st;
	if (lstat(path, &st) != 0) {
		if (force && errno == ENOENT) return true;
		return cannot_remove(path, errno);
	}
	if (S_ISDIR(st.st_mode)) {
		if (recursive) return remove_tree(path);
		if (rmdir(path) != 0) return cannot_remove(path, errno);
		if (verbose) printf("removed directory %s\n", quote(path));
		return true;
	}
	if (unlink(path) != 0) return cannot_remove(path, errno);
	if (verbose) printf("removed %s\n", quote(path));
	return true;
}

/* "." or ".." as the last component (trailing slashes aside). */
static bool is_dot_or_dotdot(const char *path) {
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/') n--;
	size_t start = n;
	while (start > 0 && path[start - 1] != '/') start--;
	size_t len = n - start;
	return (len == 1 && path[start] == '.') || (len == 2 && path[start] == '.' && path[start + 1] == '.');
}

int rm_main(int argc, char **argv) {
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "recursive", no_argument, NULL, 'r' },
		{ "dir", no_argument, NULL, 'd' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *optstring = "dfrRv";
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		switch (c) {
		case 'd': remove_dirs = true; break;
		case 'f': force = true; break;
		case 'r': case 'R': recursive = true; break;
		case 'v': verbose = true; break;
		case 'h': printf("Usage: rm [-dfrRv] FILE...\n"); return 0;
		default: option_error(argv, optstring); return 1;
		}
	}
	if (optind >= argc) {
		if (force) return 0;
		usage_mistake("missing operand");
		return 1;
	}
	struct stat root;
	bool have_root = stat("/", &root) == 0;
	bool ok = true;
	for (int i = optind; i < argc; i++) {
		const char *path = argv[i];
		struct stat st;
		bool dir = lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
		if (dir && !recursive && !(remove_dirs && is_empty_dir(path))) {
			ok &= cannot_remove(path, remove_dirs ? ENOTEMPTY : EISDIR);
		} else if (dir && is_dot_or_dotdot(path)) {
			message("refusing to remove '.' or '..' directory: skipping %s", quote(path));
			ok = false;
		} else if (dir && recursive && have_root && st.st_dev == root.st_dev && st.st_ino == root.st_ino) {
			message("it is dangerous to operate recursively on %s", quote(path));
			message("use --no-preserve-root to override this failsafe");
			ok = false;
		} else {
			ok &= remove_path(path);
		}
	}
	return ok ? 0 : 1;
}
