/* posix_spawn and posix_spawnp with file actions and attributes: the l4posix process family
 * (src/libc/l4posix_proc.ts). The program is a .wasm file in the guest tree. An open action is
 * performed here, in the parent, on a close-on-exec descriptor that the child gets by dup2, so the
 * host only ever sees close and dup2 actions. glibc's chdir and fchdir actions are performed here
 * too, in order with the opens (a later relative open is made in the new directory): the child
 * starts in the directory they lead to, and the parent returns to its own. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <l4posix.h>
#include "spawn_req.h"

enum { ACT_CLOSE = 1, ACT_DUP2 = 2, ACT_OPEN = 3, ACT_CHDIR = 4, ACT_FCHDIR = 5 };

struct __l4posix_spawn_action {
  int kind, fd, newfd;
  char *path;
  int oflag;
  mode_t mode;
};


L4POSIX_IMPORT(spawn) int __l4posix_spawn(const struct spawn_req *req, pid_t *pid);

static int do_spawn(pid_t *pid, const char *path, const char *search, const posix_spawn_file_actions_t *fa,
                    const posix_spawnattr_t *attr, char *const argv[], char *const envp[]) {
  static char cwd[PATH_MAX], home[PATH_MAX];
  int n = fa ? fa->__count : 0;
  int *acts = n ? malloc(sizeof(int) * 3 * n) : 0;
  int *opened = n ? malloc(sizeof(int) * n) : 0;
  int nopened = 0, nacts = 0, err = 0, moved = 0;
  if (n && (!acts || !opened)) { free(acts); free(opened); return ENOMEM; }
  for (int i = 0; i < n && !err; i++) {
    const struct __l4posix_spawn_action *a = &fa->__actions[i];
    if (a->kind == ACT_CHDIR || a->kind == ACT_FCHDIR) {
      if (!moved && !getcwd(home, sizeof home)) { err = errno; break; }
      moved = 1;
      if ((a->kind == ACT_CHDIR ? chdir(a->path) : fchdir(a->fd)) != 0) err = errno;
      continue;
    }
    int *act = &acts[3 * nacts++];
    act[0] = a->kind == ACT_CLOSE ? ACT_CLOSE : ACT_DUP2;
    act[1] = a->fd;
    act[2] = a->newfd;
    if (a->kind == ACT_OPEN) {
      int fd = open(a->path, a->oflag, a->mode);
      if (fd < 0) { err = errno; break; }
      fcntl(fd, F_SETFD, FD_CLOEXEC);
      opened[nopened++] = fd;
      act[1] = fd;
      act[2] = a->fd;
    }
  }
  if (!err) {
    struct spawn_req req = {
      .path = path, .search = search, .argv = argv, .envp = envp, .actions = acts, .nactions = nacts,
      .flags = attr ? attr->__flags : 0, .pgroup = attr ? attr->__pgrp : 0,
      .sigmask = { attr ? (unsigned)attr->__mask.__bits[0] : 0, attr ? (unsigned)attr->__mask.__bits[1] : 0 },
      .sigdefault = { attr ? (unsigned)attr->__def.__bits[0] : 0, attr ? (unsigned)attr->__def.__bits[1] : 0 },
      .cwd = getcwd(cwd, sizeof cwd) ? cwd : "/",
    };
    int r = __l4posix_spawn(&req, pid);
    if (r < 0) err = -r;
  }
  for (int i = 0; i < nopened; i++) close(opened[i]);
  if (moved) chdir(home);
  free(acts);
  free(opened);
  return err;
}

int posix_spawn(pid_t *restrict pid, const char *restrict path, const posix_spawn_file_actions_t *fa,
                const posix_spawnattr_t *restrict attr, char *const argv[restrict], char *const envp[restrict]) {
  return do_spawn(pid, path, 0, fa, attr, argv, envp);
}

int posix_spawnp(pid_t *restrict pid, const char *restrict file, const posix_spawn_file_actions_t *fa,
                 const posix_spawnattr_t *restrict attr, char *const argv[restrict], char *const envp[restrict]) {
  const char *path = getenv("PATH");
  return do_spawn(pid, file, path ? path : "", fa, attr, argv, envp);
}

/* ---- attributes ---- */

int posix_spawnattr_init(posix_spawnattr_t *a) { memset(a, 0, sizeof *a); return 0; }
int posix_spawnattr_destroy(posix_spawnattr_t *a) { (void)a; return 0; }

int posix_spawnattr_setflags(posix_spawnattr_t *a, short flags) {
  const unsigned all = POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK |
    POSIX_SPAWN_SETSCHEDPARAM | POSIX_SPAWN_SETSCHEDULER | POSIX_SPAWN_USEVFORK | POSIX_SPAWN_SETSID;
  if ((unsigned)flags & ~all) return EINVAL;
  a->__flags = flags;
  return 0;
}
int posix_spawnattr_getflags(const posix_spawnattr_t *restrict a, short *restrict flags) { *flags = a->__flags; return 0; }
int posix_spawnattr_setpgroup(posix_spawnattr_t *a, pid_t pgrp) { a->__pgrp = pgrp; return 0; }
int posix_spawnattr_getpgroup(const posix_spawnattr_t *restrict a, pid_t *restrict pgrp) { *pgrp = a->__pgrp; return 0; }
int posix_spawnattr_setsigmask(posix_spawnattr_t *restrict a, const sigset_t *restrict m) { a->__mask = *m; return 0; }
int posix_spawnattr_getsigmask(const posix_spawnattr_t *restrict a, sigset_t *restrict m) { *m = a->__mask; return 0; }
int posix_spawnattr_setsigdefault(posix_spawnattr_t *restrict a, const sigset_t *restrict d) { a->__def = *d; return 0; }
int posix_spawnattr_getsigdefault(const posix_spawnattr_t *restrict a, sigset_t *restrict d) { *d = a->__def; return 0; }

/* ---- file actions ---- */

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa) { memset(fa, 0, sizeof *fa); return 0; }

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa) {
  for (int i = 0; i < fa->__count; i++) free(fa->__actions[i].path);
  free(fa->__actions);
  memset(fa, 0, sizeof *fa);
  return 0;
}

static struct __l4posix_spawn_action *add(posix_spawn_file_actions_t *fa) {
  if (fa->__count == fa->__capacity) {
    int cap = fa->__capacity ? 2 * fa->__capacity : 4;
    struct __l4posix_spawn_action *p = realloc(fa->__actions, cap * sizeof *p);
    if (!p) return 0;
    fa->__actions = p;
    fa->__capacity = cap;
  }
  struct __l4posix_spawn_action *a = &fa->__actions[fa->__count++];
  memset(a, 0, sizeof *a);
  return a;
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *restrict fa, int fd, const char *restrict path, int oflag, mode_t mode) {
  if (fd < 0) return EBADF;
  char *copy = strdup(path);
  if (!copy) return ENOMEM;
  struct __l4posix_spawn_action *a = add(fa);
  if (!a) { free(copy); return ENOMEM; }
  a->kind = ACT_OPEN; a->fd = fd; a->path = copy; a->oflag = oflag; a->mode = mode;
  return 0;
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa, int fd) {
  if (fd < 0) return EBADF;
  struct __l4posix_spawn_action *a = add(fa);
  if (!a) return ENOMEM;
  a->kind = ACT_CLOSE; a->fd = fd;
  return 0;
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa, int fd, int newfd) {
  if (fd < 0 || newfd < 0) return EBADF;
  struct __l4posix_spawn_action *a = add(fa);
  if (!a) return ENOMEM;
  a->kind = ACT_DUP2; a->fd = fd; a->newfd = newfd;
  return 0;
}

/* glibc's: the child's working directory, by path or by an open directory. */
int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *restrict fa, const char *restrict path) {
  char *copy = strdup(path);
  if (!copy) return ENOMEM;
  struct __l4posix_spawn_action *a = add(fa);
  if (!a) { free(copy); return ENOMEM; }
  a->kind = ACT_CHDIR; a->path = copy;
  return 0;
}

int posix_spawn_file_actions_addfchdir_np(posix_spawn_file_actions_t *fa, int fd) {
  if (fd < 0) return EBADF;
  struct __l4posix_spawn_action *a = add(fa);
  if (!a) return ENOMEM;
  a->kind = ACT_FCHDIR; a->fd = fd;
  return 0;
}
