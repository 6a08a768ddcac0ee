/* cp: copies files: cp SOURCE DEST, cp SOURCE... DIRECTORY, cp -t DIRECTORY SOURCE...
 * Options: -r/-R (directories, recursively; symbolic links copied as links), -f (remove a
 * destination that cannot be opened, then retry), -n (never overwrite), -i (ask before
 * overwriting), -p (keep mode and times), -P/-d (copy links as links), -L (follow links),
 * -a (-dpR), -T (DEST is never a directory), -t DIRECTORY, -v (a line per file). */
#include "util.h"
#include <dirent.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <sys/stat.h>

enum deref { DEREF_DEFAULT, DEREF_NEVER, DEREF_ALWAYS };

static bool recursive, force, no_clobber, interactive, preserve, verbose;
static enum deref deref = DEREF_DEFAULT;
static mode_t umask_bits;

/* The command-line source and destination being copied, for the "into itself" message. */
static const char *top_src, *top_dst;

/* Directories this run made: copying one of them again would never end. */
static struct { dev_t dev; ino_t ino; } *made;
static size_t n_made, cap_made;

static bool ask_overwrite(const char *dst) {
	fprintf(stderr, "%s: overwrite %s? ", applet, quote(dst));
	char line[256];
	if (fgets(line, sizeof line, stdin) == NULL) return false;
	return line[0] == 'y' || line[0] == 'Y';
}

/* -p: the source's times and exact mode. */
static void keep_attributes(const char *dst, const struct stat *st, bool link) {
	struct timespec ts[2] = { st->st_atim, st->st_mtim };
	if (utimensat(AT_FDCWD, dst, ts, link ? AT_SYMLINK_NOFOLLOW : 0) != 0 && !link) {
		message("preserving times for %s: %s", quote(dst), strerror(errno));
	}
	if (!link && chmod(dst, st->st_mode & 07777) != 0) {
		message("preserving permissions for %s: %s", quote(dst), strerror(errno));
	}
}

static bool copy_data(const char *src, const char *dst, const struct stat *st, bool exists) {
	int in = open(src, O_RDONLY);
	if (in < 0) {
		message("cannot open %s for reading: %s", quote(src), strerror(errno));
		return false;
	}
	int out = -1;
	if (exists) {
		out = open(dst, O_WRONLY | O_TRUNC);
		if (out < 0 && force && unlink(dst) == 0) exists = false;
		else if (out < 0) message("cannot open %s for writing: %s", quote(dst), strerror(errno));
	}
	if (!exists) {
		out = open(dst, O_WRONLY | O_CREAT | O_EXCL, st->st_mode & 0777);
		if (out < 0) message("cannot create regular file %s: %s", quote(dst), strerror(errno));
	}
	if (out < 0) {
		close(in);
		return false;
	}
	static char buf[65536];
	bool ok = true;
	for (;;) {
		ssize_t n = read(in, buf, sizeof buf);
		if (n < 0 && errno == EINTR) continue;
		if (n < 0) {
			message("error reading %s: %s", quote(src), strerror(errno));
			ok = false;
			break;
		}
		if (n == 0) break;
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR) continue;
			if (w < 0) {
				message("error writing %s: %s", quote(dst), strerror(errno));
				ok = false;
				break;
			}
			done += w;
		}
		if (!ok) break;
	}
	close(in);
	if (close(out) != 0 && ok) {
		message("error writing %s: %s", quote(dst), strerror(errno));
		ok = false;
	}
	return ok;
}

static bool copy(const char *src, const char *dst);

static bool copy_directory(const char *src, const char *dst, const struct stat *st, bool exists) {
	if (!exists) {
		if (mkdir(dst, (st->st_mode & 07777) | S_IRWXU) != 0) {
			message("cannot create directory %s: %s", quote(dst), strerror(errno));
			return false;
		}
		struct stat made_st;
		if (lstat(dst, &made_st) == 0) {
			if (n_made == cap_made) {
				cap_made = cap_made ? 2 * cap_made : 16;
				made = realloc(made, cap_made * sizeof *made);
				if (made == NULL) fail(1, "memory exhausted");
			}
			made[n_made].dev = made_st.st_dev;
			made[n_made++].ino = made_st.st_ino;
		}
		if (verbose) printf("%s -> %s\n", quote_n(0, src), quote_n(1, dst));
	}
	DIR *d = opendir(src);
	if (d == NULL) {
		message("cannot access %s: %s", quote(src), strerror(errno));
		return false;
	}
	bool ok = true;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
		char *s = join_path(src, de->d_name), *t = join_path(dst, de->d_name);
		ok &= copy(s, t);
		free(s);
		free(t);
	}
	closedir(d);
	/* Made with u+rwx so that it could be filled: now the mode it should have. */
	if (preserve) keep_attributes(dst, st, false);
	else if (!exists && (st->st_mode & S_IRWXU) != S_IRWXU) chmod(dst, st->st_mode & ~umask_bits & 07777);
	return ok;
}

static bool copy(const char *src, const char *dst) {
	struct stat st, dst_st;
	bool follow = deref == DEREF_ALWAYS || (deref == DEREF_DEFAULT && !recursive);
	if ((follow ? stat(src, &st) : lstat(src, &st)) != 0) {
		message("cannot stat %s: %s", quote(src), strerror(errno));
		return false;
	}
	bool exists = lstat(dst, &dst_st) == 0;
	if (exists && !S_ISLNK(st.st_mode)) {
		struct stat target;
		if (stat(dst, &target) == 0) {
			if (target.st_dev == st.st_dev && target.st_ino == st.st_ino) {
				message("%s and %s are the same file", quote_n(0, src), quote_n(1, dst));
				return false;
			}
			dst_st = target;
		}
	}
	if (S_ISDIR(st.st_mode)) {
		if (!recursive) {
			message("-r not specified; omitting directory %s", quote(src));
			return false;
		}
		for (size_t i = 0; i < n_made; i++) {
			if (made[i].dev == st.st_dev && made[i].ino == st.st_ino) {
				message("cannot copy a directory, %s, into itself, %s", quote_n(0, top_src), quote_n(1, top_dst));
				return false;
			}
		}
		if (exists && !S_ISDIR(dst_st.st_mode)) {
			message("cannot overwrite non-directory %s with directory %s", quote_n(0, dst), quote_n(1, src));
			return false;
		}
		return copy_directory(src, dst, &st, exists);
	}
	if (exists && S_ISDIR(dst_st.st_mode)) {
		message("cannot overwrite directory %s with non-directory", quote(dst));
		return false;
	}
	if (exists && no_clobber) return true;
	if (exists && interactive && !ask_overwrite(dst)) return true;
	bool ok;
	if (S_ISLNK(st.st_mode)) {
		char target[4096];
		ssize_t n = readlink(src, target, sizeof target - 1);
		if (n < 0) {
			message("cannot read symbolic link %s: %s", quote(src), strerror(errno));
			return false;
		}
		target[n] = '\0';
		if (exists && unlink(dst) != 0) {
			message("cannot remove %s: %s", quote(dst), strerror(errno));
			return false;
		}
		ok = symlink(target, dst) == 0;
		if (!ok) message("cannot create symbolic link %s to %s: %s", quote_n(0, dst), quote_n(1, target), strerror(errno));
	} else if (S_ISFIFO(st.st_mode) && recursive && !follow) {
		if (exists) unlink(dst);
		ok = mkfifo(dst, st.st_mode & 07777) == 0;
		if (!ok) message("cannot create fifo %s: %s", quote(dst), strerror(errno));
	} else {
		ok = copy_data(src, dst, &st, exists);
	}
	if (ok && preserve) keep_attributes(dst, &st, S_ISLNK(st.st_mode));
	if (ok && verbose) printf("%s -> %s\n", quote_n(0, src), quote_n(1, dst));
	return ok;
}

int cp_main(int argc, char **argv) {
	static const struct option longopts[] = {
		{ "archive", no_argument, NULL, 'a' },
		{ "force", no_argument, NULL, 'f' },
		{ "interactive", no_argument, NULL, 'i' },
		{ "dereference", no_argument, NULL, 'L' },
		{ "no-clobber", no_argument, NULL, 'n' },
		{ "no-dereference", no_argument, NULL, 'P' },
		{ "recursive", no_argument, NULL, 'R' },
		{ "no-target-directory", no_argument, NULL, 'T' },
		{ "target-directory", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *optstring = "adfiLnPprRTt:v";
	const char *target_dir = NULL;
	bool no_target_dir = false;
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		switch (c) {
		case 'a': recursive = preserve = true; deref = DEREF_NEVER; break;
		case 'd': case 'P': deref = DEREF_NEVER; break;
		case 'f': force = true; break;
		case 'i': interactive = true; no_clobber = false; break;
		case 'L': deref = DEREF_ALWAYS; break;
		case 'n': no_clobber = true; interactive = false; break;
		case 'p': preserve = true; break;
		case 'r': case 'R': recursive = true; break;
		case 'T': no_target_dir = true; break;
		case 't': target_dir = optarg; break;
		case 'v': verbose = true; break;
		case 'h': printf("Usage: cp [-adfiLnPprRTv] SOURCE DEST | SOURCE... DIRECTORY | -t DIRECTORY SOURCE...\n"); return 0;
		default: option_error(argv, optstring); return 1;
		}
	}
	umask_bits = umask(0);
	umask(umask_bits);
	int n = argc - optind;
	char **files = argv + optind;
	if (!target_operands(&n, files, &target_dir, no_target_dir)) return 1;
	if (target_dir == NULL) {
		top_src = files[0];
		top_dst = files[1];
		return copy(files[0], files[1]) ? 0 : 1;
	}
	bool ok = true;
	for (int i = 0; i < n; i++) {
		char *dst = join_path(target_dir, last_component(files[i]));
		top_src = files[i];
		top_dst = dst;
		ok &= copy(files[i], dst);
		free(dst);
	}
	return ok ? 0 : 1;
}
