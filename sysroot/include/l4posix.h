/* l4posix: the import module through which libl4posix reaches l4wasm's backend layer. */
#ifndef _L4POSIX_H
#define _L4POSIX_H

/* The bytes from address 0 no object of the program lies in (its stack grows down towards them):
 * a pointer there is a null pointer, EFAULT for a call given it (src/libc/abi.ts NULL_GUARD). */
#define L4POSIX_NULL_GUARD 1024
#define l4posix_null_pointer(p) ((unsigned long)(p) < L4POSIX_NULL_GUARD)

/* Declares `ret name(args)` as an import of the l4posix module. */
#define L4POSIX_IMPORT(name) __attribute__((__import_module__("l4posix"), __import_name__(#name)))

#include <errno.h>

/* The l4posix convention to C's: a call returns a value >= 0 or -errno; C wants -1 and errno. */
static inline int l4posix_ret(int r) {
  if (r < 0) {
    errno = -r;
    return -1;
  }
  return r;
}

#endif
