/* canonicalize: a file name made absolute with symbolic links resolved, as gnulib's
 * canonicalize_filename_mode. Used by readlink (-f/-e/-m) and realpath. */
#include "canonicalize.h"
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

/* PATH made absolute, symbolic links resolved, "." and ".." gone, as gnulib's
 * canonicalize_filename_mode; components that must exist per NEED. Without RESOLVE (-s) links are
 * kept, and only checked to lead somewhere. NULL with errno. */
char *canonicalize(const char *path, enum need need, bool resolve) {
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
		if ((resolve ? lstat(out, &st) : stat(out, &st)) != 0) {
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
