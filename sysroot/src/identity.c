/* Process identity, answered by the process manager of the machine the program runs on. */
#include <unistd.h>
#include <l4posix.h>

L4POSIX_IMPORT(getpid) int __l4posix_getpid(void);
L4POSIX_IMPORT(getppid) int __l4posix_getppid(void);
L4POSIX_IMPORT(getuid) int __l4posix_getuid(int effective);
L4POSIX_IMPORT(getgid) int __l4posix_getgid(int effective);

pid_t getpid(void) { return __l4posix_getpid(); }
pid_t getppid(void) { return __l4posix_getppid(); }
uid_t getuid(void) { return (uid_t)__l4posix_getuid(0); }
uid_t geteuid(void) { return (uid_t)__l4posix_getuid(1); }
gid_t getgid(void) { return (gid_t)__l4posix_getgid(0); }
gid_t getegid(void) { return (gid_t)__l4posix_getgid(1); }
