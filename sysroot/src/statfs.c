/* statvfs, fstatvfs, statfs, fstatfs (the l4posix statfs and fstatfs calls, src/libc/l4posix_fs.ts):
 * what the file system holding the path or the open file reports — a host mount's are the host
 * file system's own figures, a tmpfs's the machine's tmpfs budget. wasi-libc has no such calls. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <l4posix.h>
#include "path_at.h"

/* type, bsize, blocks, bfree, bavail, files, ffree, namemax, flags: as l4posix writes them. */
enum { TYPE, BSIZE, BLOCKS, BFREE, BAVAIL, FILES, FFREE, NAMEMAX, FLAGS, WORDS };

L4POSIX_IMPORT(statfs) int __l4posix_statfs(int dirfd, const char *path, size_t len, uint64_t *buf);
L4POSIX_IMPORT(fstatfs) int __l4posix_fstatfs(int fd, uint64_t *buf);

static int path_usage(const char *path, uint64_t *w) {
	int dirfd;
	const char *rel;
	if (__l4posix_path_at(AT_FDCWD, path, &dirfd, &rel) < 0) return -1;
	return l4posix_ret(__l4posix_statfs(dirfd, rel, strlen(rel), w));
}

static void to_statvfs(const uint64_t *w, struct statvfs *out) {
	memset(out, 0, sizeof *out);
	out->f_bsize = out->f_frsize = w[BSIZE];
	out->f_blocks = w[BLOCKS];
	out->f_bfree = w[BFREE];
	out->f_bavail = w[BAVAIL];
	out->f_files = w[FILES];
	out->f_ffree = out->f_favail = w[FFREE];
	out->f_flag = w[FLAGS];
	out->f_namemax = w[NAMEMAX];
	out->f_type = w[TYPE];
}

static void to_statfs(const uint64_t *w, struct statfs *out) {
	memset(out, 0, sizeof *out);
	out->f_type = w[TYPE];
	out->f_bsize = out->f_frsize = w[BSIZE];
	out->f_blocks = w[BLOCKS];
	out->f_bfree = w[BFREE];
	out->f_bavail = w[BAVAIL];
	out->f_files = w[FILES];
	out->f_ffree = w[FFREE];
	out->f_namelen = w[NAMEMAX];
	/* Linux's f_flags carry ST_VALID (0x20) besides the mount flags. */
	out->f_flags = w[FLAGS] | 0x20;
}

int statvfs(const char *__restrict path, struct statvfs *__restrict out) {
	uint64_t w[WORDS];
	if (path_usage(path, w) < 0) return -1;
	to_statvfs(w, out);
	return 0;
}

int fstatvfs(int fd, struct statvfs *out) {
	uint64_t w[WORDS];
	if (l4posix_ret(__l4posix_fstatfs(fd, w)) < 0) return -1;
	to_statvfs(w, out);
	return 0;
}

int statfs(const char *path, struct statfs *out) {
	uint64_t w[WORDS];
	if (path_usage(path, w) < 0) return -1;
	to_statfs(w, out);
	return 0;
}

int fstatfs(int fd, struct statfs *out) {
	uint64_t w[WORDS];
	if (l4posix_ret(__l4posix_fstatfs(fd, w)) < 0) return -1;
	to_statfs(w, out);
	return 0;
}
