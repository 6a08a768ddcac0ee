/* ln: makes links: ln TARGET LINK, ln TARGET... DIRECTORY, ln TARGET (in the current directory).
 * Options: -s (symbolic), -f (remove existing destinations), -n (a LINK that is a symbolic link
 * to a directory is replaced, not entered), -T (LINK is never a directory), -v (a line per link). */
#include "util.h"
#include <getopt.h>
#include <stdbool.h>
#include <sys/stat.h>

static bool symbolic, force, no_deref, verbose;

/* A and B name the same directory entry: the same last component in the same directory. */
static bool same_name(const char *a, const char *b) {
	char da[4096], db[4096];
	snprintf(da, sizeof da, "%s", a);
	snprintf(db, sizeof db, "%s", b);
	char *sa = strrchr(da, '/'), *sb = strrchr(db, '/');
	if (strcmp(sa ? sa + 1 : da, sb ? sb + 1 : db) != 0) return false;
	if (sa) sa[1] = '\0';
	if (sb) sb[1] = '\0';
	struct stat x, y;
	return stat(sa ? da : ".", &x) == 0 && stat(sb ? db : ".", &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

static bool make_link(const char *source, const char *dest) {
	struct stat src = { 0 }, dst;
	if (!symbolic) {
		if (lstat(source, &src) != 0) {
			message("failed to access %s: %s", quote(source), strerror(errno));
			return false;
		}
		if (S_ISDIR(src.st_mode)) {
			message("%s: hard link not allowed for directory", source);
			return false;
		}
	}
	if (force && lstat(dest, &dst) == 0) {
		/* Removing DEST would remove SOURCE (GNU's test: one link, or the same name). */
		struct stat target;
		if (stat(source, &target) == 0 && target.st_dev == dst.st_dev && target.st_ino == dst.st_ino
			&& (target.st_nlink == 1 || same_name(source, dest))) {
			message("%s and %s are the same file", quote_n(0, source), quote_n(1, dest));
			return false;
		}
		if (S_ISDIR(dst.st_mode)) {
			message("cannot overwrite directory %s", quote(dest));
			return false;
		}
		if (unlink(dest) != 0 && errno != ENOENT) {
			message("cannot remove %s: %s", quote(dest), strerror(errno));
			return false;
		}
	}
	if ((symbolic ? symlink(source, dest) : link(source, dest)) != 0) {
		int e = errno;
		if (symbolic) message("failed to create symbolic link %s: %s", quote(dest), strerror(e));
		else if (e == EEXIST || e == ENOSPC || e == EROFS || e == EDQUOT) message("failed to create hard link %s: %s", quote(dest), strerror(e));
		else message("failed to create hard link %s => %s: %s", quote_n(0, dest), quote_n(1, source), strerror(e));
		return false;
	}
	if (verbose) printf("%s %c> %s\n", quote_n(0, dest), symbolic ? '-' : '=', quote_n(1, source));
	return true;
}

int ln_main(int argc, char **argv) {
	static const struct option longopts[] = {
		{ "symbolic", no_argument, NULL, 's' },
		{ "force", no_argument, NULL, 'f' },
		{ "no-dereference", no_argument, NULL, 'n' },
		{ "no-target-directory", no_argument, NULL, 'T' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *optstring = "sfnTv";
	bool no_target_dir = false;
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		switch (c) {
		case 's': symbolic = true; break;
		case 'f': force = true; break;
		case 'n': no_deref = true; break;
		case 'T': no_target_dir = true; break;
		case 'v': verbose = true; break;
		case 'h': printf("Usage: ln [-fnsTv] TARGET [LINK] | TARGET... DIRECTORY\n"); return 0;
		default: option_error(argv, optstring); return 1;
		}
	}
	int n = argc - optind;
	char **files = argv + optind;
	if (n == 0) {
		usage_mistake("missing file operand");
		return 1;
	}
	if (no_target_dir) {
		if (n == 1) {
			usage_mistake("missing destination file operand after %s", quote(files[0]));
			return 1;
		}
		if (n > 2) {
			usage_mistake("extra operand %s", quote(files[2]));
			return 1;
		}
		return make_link(files[0], files[1]) ? 0 : 1;
	}
	const char *dir = NULL;
	struct stat st;
	if (n == 1) {
		dir = ".";
	} else {
		const char *last = files[n - 1];
		int r = no_deref ? lstat(last, &st) : stat(last, &st);
		if (r == 0 && S_ISDIR(st.st_mode)) {
			dir = last;
		} else if (n > 2) {
			if (r == 0) errno = ENOTDIR;
			fail(1, "target %s: %s", quote(last), strerror(errno));
		}
	}
	if (dir == NULL) return make_link(files[0], files[1]) ? 0 : 1;
	int status = 0;
	for (int i = 0; i < (n == 1 ? 1 : n - 1); i++) {
		char *dest = join_path(dir, last_component(files[i]));
		if (!make_link(files[i], dest)) status = 1;
		free(dest);
	}
	return status;
}
