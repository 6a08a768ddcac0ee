/* l4wasm overlay of wasi-libc's <unistd.h>: process identity is real here (see sysroot/src/identity.c). */
#ifndef _L4WASM_UNISTD_H
#define _L4WASM_UNISTD_H

#ifndef _WASI_EMULATED_GETPID
#define _WASI_EMULATED_GETPID 1 /* declares getpid without wasi-libc's "placeholder value" warning */
#endif
#include_next <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

/* lseek's SEEK_DATA and SEEK_HOLE (sysroot/src/seek_data.c): files here have no holes. */
#if defined(_GNU_SOURCE) && !defined(SEEK_DATA)
#define SEEK_DATA 3
#define SEEK_HOLE 4
#endif

/* Pipes and descriptor duplication (sysroot/src: l4posix fd family). */
int pipe(int [2]);
int pipe2(int [2], int);
int dup(int);
int dup2(int, int);
int dup3(int, int, int);

/* Waiting for a signal, and the alarm (sysroot/src: l4posix signal family). */
int pause(void);
unsigned alarm(unsigned);

pid_t getppid(void);

/* fork and vfork (sysroot/src/fork.c). */
pid_t fork(void);
pid_t vfork(void);

/* The exec family (sysroot/src/exec.c: l4posix process family). */
int execve(const char *, char *const [], char *const []);
int execv(const char *, char *const []);
int execle(const char *, const char *, ...);
int execl(const char *, const char *, ...);
int execvp(const char *, char *const []);
int execlp(const char *, const char *, ...);
int execvpe(const char *, char *const [], char *const []);
int fexecve(int, char *const [], char *const []);

/* Process groups and sessions (sysroot/src/proc.c: l4posix process family). */
pid_t getpgrp(void);
pid_t getpgid(pid_t);
int setpgid(pid_t, pid_t);
pid_t setsid(void);
pid_t getsid(pid_t);

/* Ownership (sysroot/src/chown.c): one unprivileged user, changes to another owner are EPERM. */
int chown(const char *, uid_t, gid_t);
int fchown(int, uid_t, gid_t);
int lchown(const char *, uid_t, gid_t);
int fchownat(int, const char *, uid_t, gid_t, int);

uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
/* A process keeps its identity: setting its own ids succeeds, others are EPERM; one group
 * (sysroot/src/unistd_more.c, pwd.c). */
int getgroups(int, gid_t []);
int setuid(uid_t);
int seteuid(uid_t);
int setgid(gid_t);
int setegid(gid_t);

/* Terminals are /dev/tty; lockf locks records through fcntl; nice is recorded
 * (sysroot/src/unistd_more.c). */
char *ttyname(int);
int ttyname_r(int, char *, size_t);
#if defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
int lockf(int, int, off_t);
int nice(int);
#endif
#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
int getdtablesize(void);
#endif

/* access checks the permission bits, chdir records the canonical path that getcwd reports, and
 * getcwd fails as glibc's does (sysroot/src/mode.c); wasi-libc defines access with open and stat,
 * so calls are sent to libl4posix's versions by name. */
int access(const char *, int) __asm__("__l4wasm_access");
int faccessat(int, const char *, int, int) __asm__("__l4wasm_faccessat");
int chdir(const char *) __asm__("__l4wasm_chdir");
char *getcwd(char *, size_t) __asm__("__l4wasm_getcwd");
int fchdir(int);
int eaccess(const char *, int);

/* unlinkat and linkat refuse unknown flags, readlink and readlinkat a buffer of no bytes, with
 * EINVAL as on Linux (sysroot/src/at_flags.c). */
int unlinkat(int, const char *, int) __asm__("__l4wasm_unlinkat");
int linkat(int, const char *, int, const char *, int) __asm__("__l4wasm_linkat");
ssize_t readlink(const char *__restrict, char *__restrict, size_t) __asm__("__l4wasm_readlink");
ssize_t readlinkat(int, const char *__restrict, char *__restrict, size_t) __asm__("__l4wasm_readlinkat");
int euidaccess(const char *, int);

/* getopt permutes as glibc's does (operands after options are skipped and moved behind them,
 * unless the option string starts with '+' or '-'); wasi-libc's stops at the first operand
 * (sysroot/src/getopt.c). */
int getopt(int, char *const[], const char *) __asm__("__l4wasm_getopt");

/* The terminal's foreground process group (sysroot/src/tcpgrp.c), and sync (sysroot/src/sync.c). */
pid_t tcgetpgrp(int);
int tcsetpgrp(int, pid_t);
void sync(void);

/* Real and effective ids together, as setuid does them (sysroot/src/ids_re.c); setpgrp is
 * setpgid(0, 0) (sysroot/src/misc_gnu.c). */
#if defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
int setreuid(uid_t, uid_t);
int setregid(gid_t, gid_t);
pid_t setpgrp(void);
#endif
#ifdef _GNU_SOURCE
/* The calling thread's id (sysroot/src/pthread.c): the pid for the main thread. */
pid_t gettid(void);
int getresuid(uid_t *, uid_t *, uid_t *);
int getresgid(gid_t *, gid_t *, gid_t *);
int setresuid(uid_t, uid_t, uid_t);
int setresgid(gid_t, gid_t, gid_t);
char *get_current_dir_name(void);
/* sysroot/src/sendfile.c */
ssize_t copy_file_range(int, off_t *, int, off_t *, size_t, unsigned);
#endif
#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
int daemon(int, int);
#endif

/* A password read from the terminal with echo off (sysroot/src/getpass.c); what only a privileged
 * user may do is EPERM, as for Linux's unprivileged processes (sysroot/src/privileged.c, sys.c);
 * the domain name is uname's, "(none)"; the break cannot be moved (sysroot/src/malloc_gnu.c). */
#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
char *getpass(const char *);
int chroot(const char *);
int acct(const char *);
int brk(void *);
int sethostname(const char *, size_t);
int getdomainname(char *, size_t);
int setdomainname(const char *, size_t);
#endif
#ifdef _GNU_SOURCE
/* sync for the file system of a descriptor (sysroot/src/sync.c). */
int syncfs(int);
#endif

#ifdef __cplusplus
}
#endif

#endif
