/* l4wasm overlay of wasi-libc's <string.h>: glibc's GNU string functions wasi-libc leaves out
 * (sysroot/src/string_gnu.c). */
#ifndef _L4WASM_STRING_H
#define _L4WASM_STRING_H

#include_next <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef _GNU_SOURCE
void *rawmemchr(const void *, int);
void *memfrob(void *, size_t);
char *strfry(char *);
/* GNU basename: the part after the last slash, "" for a path ending in one; the argument is never
 * changed. As in glibc, <libgen.h>'s POSIX basename wins when that header defines its name (see
 * it), and C++ gets none (glibc gives it two overloads). */
#if !defined(basename) && !defined(__cplusplus)
char *basename(const char *) __asm__("__l4wasm_gnu_basename");
#endif
#endif

#ifdef __cplusplus
}
#endif

#endif
