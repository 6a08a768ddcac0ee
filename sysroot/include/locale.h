/* l4wasm overlay of wasi-libc's <locale.h>: setlocale knows the locales glibc has built in (C,
 * POSIX, C.UTF-8) and names them as glibc does (sysroot/src/locale.c). */
#ifndef _L4WASM_LOCALE_H
#define _L4WASM_LOCALE_H

#include_next <locale.h>

#ifdef __cplusplus
extern "C" {
#endif

char *setlocale(int, const char *) __asm__("__l4wasm_setlocale");

#ifdef __cplusplus
}
#endif

#endif
