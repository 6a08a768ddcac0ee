/* How libl4posix's path calls name a path to the l4posix imports: a directory descriptor and a
 * path relative to it, as wasi-libc splits it (AT_FDCWD: the preopen under the working directory
 * wasi-libc keeps in the program, and the rest of the path). */
#ifndef _L4POSIX_PATH_AT_H
#define _L4POSIX_PATH_AT_H

/* Sets *dirfd and *rel for (fd, path); 0, or -1 with errno set (ENOENT for an empty path). */
int __l4posix_path_at(int fd, const char *path, int *dirfd, const char **rel);

#endif
