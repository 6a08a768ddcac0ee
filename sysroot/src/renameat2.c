/* renameat2: flags 0 is renameat. RENAME_NOREPLACE fails with EEXIST when the new name exists: for
 * anything but a directory atomically, by linking the new name (which fails if it exists) and then
 * removing the old one; a directory cannot be linked, so for one the check and the rename are two
 * steps. RENAME_EXCHANGE and RENAME_WHITEOUT no file system here can do: EINVAL once both names
 * are found, as Linux answers for such a file system. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(int e) {
	errno = e;
	return -1;
}

static int no_replace(int olddir, const char *old, int newdir, const char *new) {
	if (linkat(olddir, old, newdir, new, 0) == 0) {
		if (unlinkat(olddir, old, 0) == 0) return 0;
		int e = errno;
		unlinkat(newdir, new, 0);
		return fail(e);
	}
	if (errno == EEXIST) return -1;
	struct stat st;
	if (fstatat(olddir, old, &st, AT_SYMLINK_NOFOLLOW) != 0) return -1;
	if (fstatat(newdir, new, &st, AT_SYMLINK_NOFOLLOW) == 0) return fail(EEXIST);
	if (errno != ENOENT) return -1;
	return renameat(olddir, old, newdir, new);
}

int renameat2(int olddir, const char *old, int newdir, const char *new, unsigned flags) {
	if (flags & ~(unsigned)(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) return fail(EINVAL);
	if ((flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)) && (flags & RENAME_EXCHANGE)) return fail(EINVAL);
	if (flags == 0) return renameat(olddir, old, newdir, new);
	if (flags == RENAME_NOREPLACE) return no_replace(olddir, old, newdir, new);
	struct stat st;
	if (fstatat(olddir, old, &st, AT_SYMLINK_NOFOLLOW) != 0) return -1;
	if ((flags & RENAME_EXCHANGE) && fstatat(newdir, new, &st, AT_SYMLINK_NOFOLLOW) != 0) return -1;
	return fail(EINVAL);
}
