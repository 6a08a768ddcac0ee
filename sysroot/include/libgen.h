/* l4wasm overlay of wasi-libc's <libgen.h>: basename is the POSIX one by the name glibc gives it,
 * __xpg_basename (wasi-libc defines it beside basename), so that it wins over <string.h>'s GNU
 * basename in whichever order the two headers come, as with glibc. */
#ifndef _L4WASM_LIBGEN_H
#define _L4WASM_LIBGEN_H

#define basename __xpg_basename
#include_next <libgen.h>

#endif
