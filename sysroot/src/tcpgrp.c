/* tcgetpgrp and tcsetpgrp: the terminal's foreground process group, kept by the host
 * (src/libc/l4posix_tcpgrp.ts). */
#include <unistd.h>
#include <l4posix.h>

L4POSIX_IMPORT(tcgetpgrp) int __l4posix_tcgetpgrp(int);
L4POSIX_IMPORT(tcsetpgrp) int __l4posix_tcsetpgrp(int, int);

pid_t tcgetpgrp(int fd) { return l4posix_ret(__l4posix_tcgetpgrp(fd)); }

int tcsetpgrp(int fd, pid_t pgrp) { return l4posix_ret(__l4posix_tcsetpgrp(fd, pgrp)); }
