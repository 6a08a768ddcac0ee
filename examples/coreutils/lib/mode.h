/* mode: file permission modes as text (chmod, mkdir, ls). */
#ifndef L4WASM_COREUTILS_MODE_H
#define L4WASM_COREUTILS_MODE_H

#include <stdbool.h>
#include <sys/types.h>

/* MODE (octal, or symbolic clauses) applied to OLD, the mode of a directory when DIR, as GNU's
 * mode_adjust does: a clause without u/g/o/a is limited by UMASK_BITS. -1 when MODE is not a mode. */
long parse_mode(const char *mode, mode_t old, bool dir, mode_t umask_bits);
/* "rwxr-xr-x" for the permission bits of M (set-id and sticky as s/S, t/T), written to S, which
 * holds 10 bytes. Returns S. */
const char *permission_string(mode_t m, char *s);

#endif
