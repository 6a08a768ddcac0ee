/* l4wasm overlay of wasi-libc's <sys/statvfs.h>: statvfs and fstatvfs answer here (sysroot/src/statfs.c)
 * where wasi-libc's fail. wasi-libc defines both, so they cannot be replaced at link time: the
 * declarations below send calls to libl4posix's versions (__l4wasm_*) instead. */
#ifndef _L4WASM_SYS_STATVFS_H
#define _L4WASM_SYS_STATVFS_H

#include_next <sys/statvfs.h>

#ifdef __cplusplus
extern "C" {
#endif

int statvfs(const char *__restrict, struct statvfs *__restrict) __asm__("__l4wasm_statvfs");
int fstatvfs(int, struct statvfs *) __asm__("__l4wasm_fstatvfs");

#ifdef __cplusplus
}
#endif

#endif
