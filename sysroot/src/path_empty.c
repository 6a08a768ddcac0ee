/* An empty path names no file: open(""), stat(""), opendir(""), chdir("") and every other call
 * that takes a path fail with ENOENT, as on Linux. wasi-libc turns a relative path into an
 * absolute one by prefixing the working directory, which makes "" the working directory itself;
 * every path call of wasi-libc (and chdir) resolves through __wasilibc_find_relpath_alloc, so
 * `l4wasm cc` links with --wrap of it (and -u of this wrapper, which an archive would otherwise
 * not give up for a weak reference): the check comes before wasi-libc's resolution.
 * A path that is exactly "." or "./" must keep its last component: wasi-libc makes it the working
 * directory's own path, so rmdir(".") removed the working directory (Linux: EINVAL) and
 * rename(".", ...) renamed it. wasi-libc drops a leading "./" and keeps the rest, so "./."
 * reaches the file system as "<cwd>/.". A path of PATH_MAX bytes or more is ENAMETOOLONG, as on
 * Linux (wasi-libc's joining with the working directory failed with ERANGE). */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <string.h>

int __real___wasilibc_find_relpath_alloc(const char *path, const char **abs_prefix, char **relative_buf,
                                         size_t *relative_buf_len, int can_realloc);

int __wrap___wasilibc_find_relpath_alloc(const char *path, const char **abs_prefix, char **relative_buf,
                                         size_t *relative_buf_len, int can_realloc) {
	if (path[0] == '\0') {
		errno = ENOENT;
		return -1;
	}
	if (strnlen(path, PATH_MAX) >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (path[0] == '.' && (path[1] == '\0' || (path[1] == '/' && path[2] == '\0'))) path = "./.";
	return __real___wasilibc_find_relpath_alloc(path, abs_prefix, relative_buf, relative_buf_len, can_realloc);
}
