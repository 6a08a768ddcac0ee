/* l4wasm overlay of wasi-libc's <langinfo.h>: nl_langinfo answers glibc's strings where musl's
 * differ (CODESET "ANSI_X3.4-1968" in the C locale, D_T_FMT, the empty era items, CRNCYSTR;
 * sysroot/src/locale.c). */
#ifndef _L4WASM_LANGINFO_H
#define _L4WASM_LANGINFO_H

#include_next <langinfo.h>

#ifdef __cplusplus
extern "C" {
#endif

char *nl_langinfo(nl_item) __asm__("__l4wasm_nl_langinfo");

#ifdef __cplusplus
}
#endif

#endif
