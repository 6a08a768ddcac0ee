/* l4wasm overlay of wasi-libc's <sys/uio.h>: preadv2 and pwritev2 with Linux's RWF_* flags
 * (sysroot/src/preadv2.c). */
#ifndef _L4WASM_SYS_UIO_H
#define _L4WASM_SYS_UIO_H

#include_next <sys/uio.h>

#ifdef _GNU_SOURCE
#ifndef RWF_HIPRI
#define RWF_HIPRI 0x00000001
#define RWF_DSYNC 0x00000002
#define RWF_SYNC 0x00000004
#define RWF_NOWAIT 0x00000008
#define RWF_APPEND 0x00000010
#endif

#ifdef __cplusplus
extern "C" {
#endif

ssize_t preadv2(int, const struct iovec *, int, off_t, int);
ssize_t pwritev2(int, const struct iovec *, int, off_t, int);
#define preadv64v2 preadv2
#define pwritev64v2 pwritev2

#ifdef __cplusplus
}
#endif
#endif

#endif
