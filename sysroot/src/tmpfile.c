/* Temporary files and directories, which wasi-libc leaves out: POSIX mkstemp, mkdtemp, tmpfile,
 * tmpnam; glibc's mkostemp, mkstemps, mkostemps, mktemp, tempnam. A name's six X's become letters
 * from the WASI random source; a file is created with O_CREAT|O_EXCL and mode 0600 (a directory
 * 0700), and a name someone else already has (EEXIST) is replaced by another, up to TMP_MAX
 * times. On failure the template has its X's back, as musl and glibc leave it. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

/* The preopened directories leave descriptors 3, 4, ... before this makes one (preopen_move.c). */
void __l4posix_move_preopens(void);
__attribute__((used)) static void (*const move_preopens)(void) = __l4posix_move_preopens;

static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/* Where the six X's of a template with `suffixlen` characters after them start, or NULL (EINVAL). */
static char *xs_of(char *template, int suffixlen) {
	size_t len = strlen(template);
	if (suffixlen < 0 || len < 6 || len - 6 < (size_t)suffixlen
	    || memcmp(template + len - 6 - suffixlen, "XXXXXX", 6) != 0) {
		errno = EINVAL;
		return NULL;
	}
	return template + len - 6 - suffixlen;
}

/* Six random letters at x. The counter keeps names apart should the random source ever fail. */
static void randomize(char *x) {
	static uint64_t seq;
	uint64_t v;
	if (__wasi_random_get((uint8_t *)&v, sizeof v) != 0) v = 0;
	v ^= ++seq * 0x9e3779b97f4a7c15ull;
	for (int i = 0; i < 6; i++, v /= 62) x[i] = letters[v % 62];
}

/* Tries names until `create` succeeds or fails with something other than EEXIST. */
static int try_names(char *template, int suffixlen, int (*create)(const char *, int), int arg) {
	char *x = xs_of(template, suffixlen);
	if (!x) return -1;
	for (int i = 0; i < TMP_MAX; i++) {
		randomize(x);
		int r = create(template, arg);
		if (r >= 0) return r;
		if (errno != EEXIST) break;
	}
	memcpy(x, "XXXXXX", 6);
	return -1;
}

static int create_file(const char *path, int flags) {
	return open(path, flags | O_RDWR | O_CREAT | O_EXCL, 0600);
}

static int create_dir(const char *path, int unused) {
	(void)unused;
	return mkdir(path, 0700);
}

/* Succeeds (0) for a name nothing has yet, else fails with EEXIST, or the error of the lookup. */
static int unused_name(const char *path, int unused) {
	(void)unused;
	struct stat st;
	if (lstat(path, &st) == 0) {
		errno = EEXIST;
		return -1;
	}
	return errno == ENOENT ? 0 : -1;
}

int mkostemps(char *template, int suffixlen, int flags) {
	/* glibc takes O_APPEND, O_CLOEXEC and O_SYNC from flags; the access mode is always O_RDWR. */
	return try_names(template, suffixlen, create_file, flags & ~O_ACCMODE & ~(O_CREAT | O_EXCL | O_TRUNC));
}

int mkstemps(char *template, int suffixlen) { return mkostemps(template, suffixlen, 0); }
int mkostemp(char *template, int flags) { return mkostemps(template, 0, flags); }
int mkstemp(char *template) { return mkostemps(template, 0, 0); }

char *mkdtemp(char *template) {
	return try_names(template, 0, create_dir, 0) < 0 ? NULL : template;
}

/* The unsafe one: a name free now, perhaps taken before the caller creates it. On failure the
 * template becomes "" (POSIX, glibc). */
char *mktemp(char *template) {
	if (try_names(template, 0, unused_name, 0) < 0) template[0] = '\0';
	return template;
}

/* Opens "w+" a file in P_tmpdir and removes its name at once: it lives until its last descriptor
 * is closed. */
FILE *tmpfile(void) {
	char path[] = P_tmpdir "/tmpfXXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) return NULL;
	unlink(path);
	FILE *f = fdopen(fd, "w+");
	if (!f) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return f;
}

/* glibc's form, "/tmp/fileXXXXXX", in s (at least L_tmpnam bytes) or in a static buffer. */
char *tmpnam(char *s) {
	static char internal[L_tmpnam];
	char path[] = P_tmpdir "/fileXXXXXX";
	if (try_names(path, 0, unused_name, 0) < 0) return NULL;
	return strcpy(s ? s : internal, path);
}

static int is_dir(const char *path) {
	struct stat st;
	return path && *path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* As glibc: the directory is $TMPDIR, else dir, else P_tmpdir, whichever is a directory first;
 * the prefix at most five characters of pfx ("file" when NULL or empty). The name is malloc'd. */
char *tempnam(const char *dir, const char *pfx) {
	const char *d = getenv("TMPDIR");
	if (!is_dir(d)) d = dir;
	if (!is_dir(d)) d = P_tmpdir;
	if (!pfx || !*pfx) pfx = "file";
	size_t dlen = strlen(d);
	while (dlen > 1 && d[dlen - 1] == '/') dlen--;
	char *path = malloc(dlen + 1 + 5 + 6 + 1);
	if (!path) return NULL;
	sprintf(path, "%.*s/%.5sXXXXXX", (int)dlen, d, pfx);
	if (try_names(path, 0, unused_name, 0) < 0) {
		free(path);
		return NULL;
	}
	return path;
}
