/* sys/sendfile.h: Linux's sendfile (sysroot/src/sendfile.c): copies from one descriptor to another
 * without the bytes passing through the caller's buffers. */
#ifndef _SYS_SENDFILE_H
#define _SYS_SENDFILE_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

ssize_t sendfile(int, int, off_t *, size_t);
#define sendfile64 sendfile

#ifdef __cplusplus
}
#endif

#endif
