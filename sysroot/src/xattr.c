/* Extended attributes: no file system of the guest keeps them. Once the file is found (its path
 * resolved, following symbolic links or not, or its descriptor valid), reading, setting and
 * removing an attribute is ENOTSUP, as Linux answers on a file system without them; a list is
 * empty (0), as Linux's VFS answers there for a file system without a list operation. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>

/* 0 when the file exists, else -1 with stat's errno. */
static int found(const char *path, int follow) {
	struct stat st;
	return follow ? stat(path, &st) : lstat(path, &st);
}

static int fd_found(int fd) { return fcntl(fd, F_GETFD) < 0 ? -1 : 0; }

static int unsupported(int found) {
	if (found != 0) return -1;
	errno = ENOTSUP;
	return -1;
}

/* A setxattr flag other than XATTR_CREATE and XATTR_REPLACE is EINVAL, before the path is looked at. */
static int bad_flags(int flags) {
	if (flags & ~(XATTR_CREATE | XATTR_REPLACE)) {
		errno = EINVAL;
		return 1;
	}
	return 0;
}

ssize_t getxattr(const char *path, const char *name, void *value, size_t size) {
	(void)name; (void)value; (void)size;
	return unsupported(found(path, 1));
}

ssize_t lgetxattr(const char *path, const char *name, void *value, size_t size) {
	(void)name; (void)value; (void)size;
	return unsupported(found(path, 0));
}

ssize_t fgetxattr(int fd, const char *name, void *value, size_t size) {
	(void)name; (void)value; (void)size;
	return unsupported(fd_found(fd));
}

int setxattr(const char *path, const char *name, const void *value, size_t size, int flags) {
	(void)name; (void)value; (void)size;
	return bad_flags(flags) ? -1 : unsupported(found(path, 1));
}

int lsetxattr(const char *path, const char *name, const void *value, size_t size, int flags) {
	(void)name; (void)value; (void)size;
	return bad_flags(flags) ? -1 : unsupported(found(path, 0));
}

int fsetxattr(int fd, const char *name, const void *value, size_t size, int flags) {
	(void)name; (void)value; (void)size;
	return bad_flags(flags) ? -1 : unsupported(fd_found(fd));
}

ssize_t listxattr(const char *path, char *list, size_t size) {
	(void)list; (void)size;
	return found(path, 1);
}

ssize_t llistxattr(const char *path, char *list, size_t size) {
	(void)list; (void)size;
	return found(path, 0);
}

ssize_t flistxattr(int fd, char *list, size_t size) {
	(void)list; (void)size;
	return fd_found(fd);
}

int removexattr(const char *path, const char *name) {
	(void)name;
	return unsupported(found(path, 1));
}

int lremovexattr(const char *path, const char *name) {
	(void)name;
	return unsupported(found(path, 0));
}

int fremovexattr(int fd, const char *name) {
	(void)name;
	return unsupported(fd_found(fd));
}
