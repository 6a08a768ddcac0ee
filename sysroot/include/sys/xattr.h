/* l4wasm's <sys/xattr.h> (wasi-libc has none): no file system here keeps extended attributes, so
 * reading, setting and removing one is ENOTSUP and a list is empty, as Linux answers for such a
 * file system, once the file itself is found (sysroot/src/xattr.c). */
#ifndef _SYS_XATTR_H
#define _SYS_XATTR_H

#define __NEED_size_t
#define __NEED_ssize_t
#include <bits/alltypes.h>

#ifdef __cplusplus
extern "C" {
#endif

#define XATTR_CREATE 1
#define XATTR_REPLACE 2

int setxattr(const char *, const char *, const void *, size_t, int);
int lsetxattr(const char *, const char *, const void *, size_t, int);
int fsetxattr(int, const char *, const void *, size_t, int);
ssize_t getxattr(const char *, const char *, void *, size_t);
ssize_t lgetxattr(const char *, const char *, void *, size_t);
ssize_t fgetxattr(int, const char *, void *, size_t);
ssize_t listxattr(const char *, char *, size_t);
ssize_t llistxattr(const char *, char *, size_t);
ssize_t flistxattr(int, char *, size_t);
int removexattr(const char *, const char *);
int lremovexattr(const char *, const char *);
int fremovexattr(int, const char *);

#ifdef __cplusplus
}
#endif

#endif
