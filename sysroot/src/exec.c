/* The exec family: the program (a .wasm file in the guest tree) replaces the caller's, keeping its
 * pid, descriptors without FD_CLOEXEC, ignored signals and mask (src/guest/process.ts exec). The
 * l4posix process family (src/libc/l4posix_proc.ts) reads the same request as posix_spawn's. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>
#include <l4posix.h>
#include "spawn_req.h"

extern char **environ;


L4POSIX_IMPORT(exec) int __l4posix_exec(const struct spawn_req *req);
L4POSIX_IMPORT(fexec) int __l4posix_fexec(int fd, const struct spawn_req *req);

static int do_exec(const char *path, const char *search, char *const argv[], char *const envp[]) {
  static char cwd[PATH_MAX];
  struct spawn_req req = {
    .path = path, .search = search, .argv = argv, .envp = envp,
    .cwd = getcwd(cwd, sizeof cwd) ? cwd : "/",
  };
  /* Returns only when it failed. */
  return l4posix_ret(__l4posix_exec(&req));
}

int execve(const char *path, char *const argv[], char *const envp[]) { return do_exec(path, 0, argv, envp); }

/* fexecve: the program is the file open as `fd` (read from its start; its offset does not move). */
int fexecve(int fd, char *const argv[], char *const envp[]) {
  static char cwd[PATH_MAX];
  struct spawn_req req = {
    .path = "", .argv = argv, .envp = envp,
    .cwd = getcwd(cwd, sizeof cwd) ? cwd : "/",
  };
  return l4posix_ret(__l4posix_fexec(fd, &req));
}
int execv(const char *path, char *const argv[]) { return do_exec(path, 0, argv, environ); }

int execvpe(const char *file, char *const argv[], char *const envp[]) {
  const char *p = getenv("PATH");
  return do_exec(file, p ? p : "", argv, envp);
}
int execvp(const char *file, char *const argv[]) { return execvpe(file, argv, environ); }

/* execl and friends: the variadic arguments up to the NULL as an argv array on the stack. */
#define VARARGS_TO_ARGV(first, last, argv) \
  int argc = 1; \
  va_list ap; \
  va_start(ap, last); \
  while (va_arg(ap, const char *)) argc++; \
  va_end(ap); \
  char *argv[argc + 1]; \
  argv[0] = (char *)(first); \
  va_start(ap, last); \
  for (int i = 1; i <= argc; i++) argv[i] = va_arg(ap, char *); \
  va_end(ap)

int execl(const char *path, const char *arg, ...) {
  VARARGS_TO_ARGV(arg, arg, argv);
  return execv(path, argv);
}

int execlp(const char *file, const char *arg, ...) {
  VARARGS_TO_ARGV(arg, arg, argv);
  return execvp(file, argv);
}

int execle(const char *path, const char *arg, ...) {
  VARARGS_TO_ARGV(arg, arg, argv);
  va_start(ap, arg);
  for (int i = 0; i < argc; i++) va_arg(ap, char *); /* the arguments after arg, and the NULL */
  char *const *envp = va_arg(ap, char *const *);
  va_end(ap);
  return execve(path, argv, envp);
}
