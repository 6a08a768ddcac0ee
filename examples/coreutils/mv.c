/* mv: moves (renames) files: mv SOURCE DEST, mv SOURCE... DIRECTORY, mv -t DIRECTORY SOURCE...
 * Across file systems it copies (mode, times and links kept) and removes the source. Options:
 * -f (never ask, the default), -i (ask before overwriting), -n (never overwrite), -T (DEST is
 * never a directory), -t DIRECTORY, -v (a line per file). */
#include "util.h"
#include <dirent.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <sys/stat.h>

static bool interactive, no_clobber, verbose;

/* Across file systems: SRC copied to DST as it is (a link as a link, mode and times kept). */
static bool copy_tree(const char *src, const char *dst) {
	struct stat st;
	if (lstat(src, &st) != 0) {
		message("cannot stat %s: %s", quote(src), strerror(errno));
		return false;
	}
	bool ok = true;
	if (S_ISDIR(st.st_mode)) {
		if (mkdir(dst, 0700) != 0) {
			message("cannot create directory %s: %s", quote(dst), strerror(errno));
			return false;
		}
		if (verbose) printf("created directory %s\n", quote(dst));
		DIR *d = opendir(src);
		if (d == NULL) {
			message("cannot access %s: %s", quote(src), strerror(errno));
			return false;
		}
		struct dirent *de;
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
			char *s = join_path(src, de->d_name), *t = join_path(dst, de->d_name);
			ok &= copy_tree(s, t);
			free(s);
			free(t);
		}
		closedir(d);
	} else if (S_ISLNK(st.st_mode)) {
		char target[4096];
		ssize_t n = readlink(src, target, sizeof target - 1);
		if (n < 0 || (target[n] = '\0', symlink(target, dst)) != 0) {
			message("cannot copy symbolic link %s: %s", quote(src), strerror(errno));
			return false;
		}
		if (verbose) printf("copied %s -> %s\n", quote_n(0, src), quote_n(1, dst));
		return true;
	} else if (S_ISFIFO(st.st_mode)) {
		if (mkfifo(dst, st.st_mode & 07777) != 0) {
			message("cannot create fifo %s: %s", quote(dst), strerror(errno));
			return false;
		}
	} else {
		int in = open(src, O_RDONLY);
		int out = in < 0 ? -1 : open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (in < 0 || out < 0) {
			message("cannot copy %s to %s: %s", quote_n(0, src), quote_n(1, dst), strerror(errno));
			if (in >= 0) close(in);
			return false;
		}
		static char buf[65536];
		ssize_t n;
		while (ok && (n = read(in, buf, sizeof buf)) != 0) {
			ok = n > 0 && write(out, buf, (size_t)n) == n;
		}
		if (!ok) message("error copying %s to %s: %s", quote_n(0, src), quote_n(1, dst), strerror(errno));
		close(in);
		close(out);
		if (ok && verbose) printf("copied %s -> %s\n", quote_n(0, src), quote_n(1, dst));
	}
	struct timespec ts[2] = { st.st_atim, st.st_mtim };
	chmod(dst, st.st_mode & 07777);
	utimensat(AT_FDCWD, dst, ts, 0);
	return ok;
}

static bool remove_tree(const char *path) {
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *de;
		bool ok = d != NULL;
		while (d != NULL && (de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
			char *child = join_path(path, de->d_name);
			ok &= remove_tree(child);
			free(child);
		}
		if (d != NULL) closedir(d);
		if (ok && rmdir(path) == 0) {
			if (verbose) printf("removed directory %s\n", quote(path));
			return true;
		}
	} else if (unlink(path) == 0) {
		if (verbose) printf("removed %s\n", quote(path));
		return true;
	}
	message("cannot remove %s: %s", quote(path), strerror(errno));
	return false;
}

static bool move(const char *src, const char *dst) {
	struct stat st, dst_st;
	if (lstat(src, &st) != 0) {
		message("cannot stat %s: %s", quote(src), strerror(errno));
		return false;
	}
	if (lstat(dst, &dst_st) == 0) {
		if (st.st_dev == dst_st.st_dev && st.st_ino == dst_st.st_ino) {
			message("%s and %s are the same file", quote_n(0, src), quote_n(1, dst));
			return false;
		}
		if (no_clobber) return true;
		if (interactive) {
			fprintf(stderr, "%s: overwrite %s? ", applet, quote(dst));
			char line[256];
			if (fgets(line, sizeof line, stdin) == NULL || (line[0] != 'y' && line[0] != 'Y')) return true;
		}
		if (S_ISDIR(st.st_mode) && !S_ISDIR(dst_st.st_mode)) {
			message("cannot overwrite non-directory %s with directory %s", quote_n(0, dst), quote_n(1, src));
			return false;
		}
		if (!S_ISDIR(st.st_mode) && S_ISDIR(dst_st.st_mode)) {
			message("cannot overwrite directory %s with non-directory", quote(dst));
			return false;
		}
	}
	if (rename(src, dst) != 0) {
		int e = errno;
		if (e == EXDEV) {
			/* Copied and removed, each step reported with -v as GNU's does. */
			return copy_tree(src, dst) && remove_tree(src);
		} else if (e == EINVAL) {
			message("cannot move %s to a subdirectory of itself, %s", quote_n(0, src), quote_n(1, dst));
			return false;
		} else {
			message("cannot move %s to %s: %s", quote_n(0, src), quote_n(1, dst), strerror(e == EEXIST ? ENOTEMPTY : e));
			return false;
		}
	}
	if (verbose) printf("renamed %s -> %s\n", quote_n(0, src), quote_n(1, dst));
	return true;
}

int mv_main(int argc, char **argv) {
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "interactive", no_argument, NULL, 'i' },
		{ "no-clobber", no_argument, NULL, 'n' },
		{ "no-target-directory", no_argument, NULL, 'T' },
		{ "target-directory", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *optstring = "finTt:v";
	const char *target_dir = NULL;
	bool no_target_dir = false;
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		switch (c) {
		case 'f': interactive = no_clobber = false; break;
		case 'i': interactive = true; no_clobber = false; break;
		case 'n': no_clobber = true; interactive = false; break;
		case 'T': no_target_dir = true; break;
		case 't': target_dir = optarg; break;
		case 'v': verbose = true; break;
		case 'h': printf("Usage: mv [-finTv] SOURCE DEST | SOURCE... DIRECTORY | -t DIRECTORY SOURCE...\n"); return 0;
		default: option_error(argv, optstring); return 1;
		}
	}
	int n = argc - optind;
	char **files = argv + optind;
	if (!target_operands(&n, files, &target_dir, no_target_dir)) return 1;
	if (target_dir == NULL) return move(files[0], files[1]) ? 0 : 1;
	bool ok = true;
	for (int i = 0; i < n; i++) {
		char *dst = join_path(target_dir, last_component(files[i]));
		ok &= move(files[i], dst);
		free(dst);
	}
	return ok ? 0 : 1;
}
