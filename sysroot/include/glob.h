/* l4wasm overlay of wasi-libc's <glob.h>: glibc's GLOB_BRACE, GLOB_NOMAGIC, GLOB_TILDE,
 * GLOB_TILDE_CHECK and GLOB_ONLYDIR (glibc's values), which wasi-libc's (musl's) glob lacks;
 * glob calls go to sysroot/src/glob_gnu.c by name. */
#ifndef _L4WASM_GLOB_H
#define _L4WASM_GLOB_H

#include_next <glob.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GLOB_BRACE       0x0400
#define GLOB_NOMAGIC     0x0800
#define GLOB_TILDE       0x1000
#define GLOB_ONLYDIR     0x2000
#define GLOB_TILDE_CHECK 0x4000

int glob(const char *__restrict, int, int (*)(const char *, int), glob_t *__restrict) __asm__("__l4wasm_glob");

#ifdef __cplusplus
}
#endif

#endif
