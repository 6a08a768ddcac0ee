/* POSIX semaphores. The count is kept by l4wasm (src/libc/l4posix_sem.ts), where every process
 * meets: a semaphore in MAP_SHARED memory is shared by all processes that map it, any other is the
 * process's own. sem_wait suspends the program until a post, the deadline or a signal (EINTR).
 * Named semaphores are files /dev/shm/sem.NAME holding one sem_t, mapped MAP_SHARED (as glibc's):
 * created whole under a temporary name and linked into place, so no process opens one half made;
 * opening a name a process has open again gives the same address. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <l4posix.h>
#include "shm_name.h"

L4POSIX_IMPORT(sem_init) int __l4posix_sem_init(sem_t *sem, int pshared, int value);
L4POSIX_IMPORT(sem_post) int __l4posix_sem_post(sem_t *sem);
L4POSIX_IMPORT(sem_wait) int __l4posix_sem_wait(sem_t *sem, int flags, int64_t deadline_ns);
L4POSIX_IMPORT(sem_getvalue) int __l4posix_sem_getvalue(sem_t *sem);
L4POSIX_IMPORT(sem_destroy) int __l4posix_sem_destroy(sem_t *sem);

/* sem_wait's flags (src/libc/l4posix_sem.ts SemWait). */
#define SEM_TRY 1
#define SEM_TIMED 2
#define SEM_MONOTONIC 4

int sem_init(sem_t *sem, int pshared, unsigned value) {
  return l4posix_ret(__l4posix_sem_init(sem, pshared, (int)value));
}

int sem_destroy(sem_t *sem) { return l4posix_ret(__l4posix_sem_destroy(sem)); }

int sem_post(sem_t *sem) { return l4posix_ret(__l4posix_sem_post(sem)); }

int sem_wait(sem_t *sem) { return l4posix_ret(__l4posix_sem_wait(sem, 0, 0)); }

int sem_trywait(sem_t *sem) { return l4posix_ret(__l4posix_sem_wait(sem, SEM_TRY, 0)); }

static int timed_wait(sem_t *sem, int flags, const struct timespec *abstime) {
  if (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000L) { errno = EINVAL; return -1; }
  int64_t ns;
  if (abstime->tv_sec > INT64_MAX / 1000000000LL - 1) ns = INT64_MAX;
  else if (abstime->tv_sec < INT64_MIN / 1000000000LL + 1) ns = INT64_MIN;
  else ns = (int64_t)abstime->tv_sec * 1000000000LL + abstime->tv_nsec;
  return l4posix_ret(__l4posix_sem_wait(sem, SEM_TIMED | flags, ns));
}

/* The deadline is CLOCK_REALTIME; a bad tv_nsec is EINVAL before anything else, as in glibc. */
int sem_timedwait(sem_t *__restrict sem, const struct timespec *__restrict abstime) {
  return timed_wait(sem, 0, abstime);
}

/* POSIX.1-2024: the deadline on `clock`, CLOCK_REALTIME or CLOCK_MONOTONIC (others: EINVAL). */
int sem_clockwait(sem_t *__restrict sem, clockid_t clock, const struct timespec *__restrict abstime) {
  if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC) { errno = EINVAL; return -1; }
  return timed_wait(sem, clock == CLOCK_MONOTONIC ? SEM_MONOTONIC : 0, abstime);
}

int sem_getvalue(sem_t *__restrict sem, int *__restrict value) {
  int v = l4posix_ret(__l4posix_sem_getvalue(sem));
  if (v < 0) return -1;
  *value = v;
  return 0;
}

/* The named semaphores this process has open: one mapping per file, counted. */
struct named {
  struct named *next;
  dev_t dev;
  ino_t ino;
  sem_t *sem;
  int refs;
};
static struct named *opened;

/* A new semaphore file at `path` with count `value`, created whole: the open descriptor, or -1
 * (errno EEXIST when the name is taken). */
static int create(const char *path, mode_t mode, unsigned value) {
  sem_t init;
  memset(&init, 0, sizeof init);
  init.__val[0] = (int)value;
  init.__val[1] = 1;
  for (;;) {
    char tmp[] = SHM_DIR "sem.XXXXXX";
    if (mktemp(tmp)[0] == 0) return -1;
    int fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) {
      if (errno == EEXIST) continue;
      return -1;
    }
    int r = write(fd, &init, sizeof init) == (ssize_t)sizeof init ? link(tmp, path) : -1;
    int saved = errno;
    unlink(tmp);
    if (r == 0) return fd;
    close(fd);
    errno = saved;
    return -1;
  }
}

sem_t *sem_open(const char *name, int oflag, ...) {
  char path[SHM_PATH_MAX];
  if (__l4posix_shm_path(name, "sem.", path, sizeof path) < 0) {
    if (errno != ENAMETOOLONG) errno = EINVAL;
    return SEM_FAILED;
  }
  mode_t mode = 0;
  unsigned value = 0;
  if (oflag & O_CREAT) {
    va_list ap;
    va_start(ap, oflag);
    mode = va_arg(ap, mode_t);
    value = va_arg(ap, unsigned);
    va_end(ap);
  }
  int fd;
  for (;;) {
    if ((oflag & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL)) {
      fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
      if (fd >= 0) break;
      if (errno != ENOENT || !(oflag & O_CREAT)) return SEM_FAILED;
    }
    if (value > SEM_VALUE_MAX) { errno = EINVAL; return SEM_FAILED; }
    fd = create(path, mode, value);
    if (fd >= 0) break;
    /* Taken meanwhile: O_EXCL fails, otherwise open what is there. */
    if (errno != EEXIST || (oflag & O_EXCL)) return SEM_FAILED;
  }
  struct stat st;
  if (fstat(fd, &st) < 0) { close(fd); return SEM_FAILED; }
  for (struct named *n = opened; n != 0; n = n->next) {
    if (n->dev == st.st_dev && n->ino == st.st_ino) {
      n->refs++;
      close(fd);
      return n->sem;
    }
  }
  struct named *n = malloc(sizeof *n);
  if (n == 0) { close(fd); errno = ENOMEM; return SEM_FAILED; }
  sem_t *sem = mmap(0, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  int saved = errno;
  close(fd);
  if (sem == MAP_FAILED) { free(n); errno = saved; return SEM_FAILED; }
  *n = (struct named){ opened, st.st_dev, st.st_ino, sem, 1 };
  opened = n;
  return sem;
}

int sem_close(sem_t *sem) {
  for (struct named **p = &opened; *p != 0; p = &(*p)->next) {
    struct named *n = *p;
    if (n->sem != sem) continue;
    if (--n->refs == 0) {
      *p = n->next;
      munmap(sem, sizeof(sem_t));
      free(n);
    }
    return 0;
  }
  errno = EINVAL;
  return -1;
}

int sem_unlink(const char *name) {
  char path[SHM_PATH_MAX];
  if (__l4posix_shm_path(name, "sem.", path, sizeof path) < 0) {
    if (errno == EINVAL) errno = ENOENT;
    return -1;
  }
  int r = unlink(path);
  if (r < 0 && errno == EPERM) errno = EACCES;
  return r;
}
