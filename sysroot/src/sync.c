/* sync: commits the open files' data to storage (src/libc/l4posix_sync.ts). */
#include <unistd.h>
#include <l4posix.h>

L4POSIX_IMPORT(sync) int __l4posix_sync(void);

void sync(void) { __l4posix_sync(); }
