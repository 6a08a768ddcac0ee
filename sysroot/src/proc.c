/* Process groups and sessions: the l4posix process family (src/libc/l4posix_proc.ts). */
#include <errno.h>
#include <unistd.h>
#include <l4posix.h>

L4POSIX_IMPORT(setpgid) int __l4posix_setpgid(pid_t pid, pid_t pgid);
L4POSIX_IMPORT(getpgid) int __l4posix_getpgid(pid_t pid);
L4POSIX_IMPORT(setsid) int __l4posix_setsid(void);
L4POSIX_IMPORT(getsid) int __l4posix_getsid(pid_t pid);


int setpgid(pid_t pid, pid_t pgid) { return l4posix_ret(__l4posix_setpgid(pid, pgid)); }
pid_t getpgid(pid_t pid) { return l4posix_ret(__l4posix_getpgid(pid)); }
pid_t getpgrp(void) { return __l4posix_getpgid(0); }
pid_t setsid(void) { return l4posix_ret(__l4posix_setsid()); }
pid_t getsid(pid_t pid) { return l4posix_ret(__l4posix_getsid(pid)); }
