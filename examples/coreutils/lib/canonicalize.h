/* canonicalize: a file name made absolute with symbolic links resolved (readlink, realpath). */
#ifndef L4WASM_COREUTILS_CANONICALIZE_H
#define L4WASM_COREUTILS_CANONICALIZE_H

#include <stdbool.h>

/* Which components must exist: all, all but the last, or none. */
enum need { EXISTING, ALL_BUT_LAST, MISSING };

/* PATH made absolute, "." and ".." gone, symbolic links resolved unless RESOLVE is false (then they
 * are kept, and only checked to lead somewhere); components must exist per NEED. The result is in a
 * static buffer. NULL with errno. */
char *canonicalize(const char *path, enum need need, bool resolve);

#endif
