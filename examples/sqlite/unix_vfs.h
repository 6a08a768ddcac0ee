/* Force-included (-include) ahead of SQLite's amalgamation so that it builds its real unix VFS.
 * The amalgamation treats __wasi__ as "no locks, no mmap, no WAL, unix-dotfile VFS, getpid() is 1".
 * l4wasm gives a wasm program POSIX record locks, MAP_SHARED file mappings and real pids, so the
 * system headers are read first (wasi-libc's need __wasi__), then __wasi__ is dropped and the
 * unmodified sqlite3.c is compiled as on any unix (src/cli/sqlite_build.ts). */
#ifndef L4WASM_SQLITE_UNIX_VFS_H
#define L4WASM_SQLITE_UNIX_VFS_H
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#undef __wasi__

#endif
