/* Memory mappings on the task's region map: the l4posix memory family (src/libc/l4posix_mem.ts).
 * The library keeps its own list of the mappings mmap made (where, protection, flags, and the file
 * and offset of a file mapping), which mremap needs to extend or move one as Linux would; mincore
 * asks the region map which pages are mapped. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <l4posix.h>

L4POSIX_IMPORT(mmap) int __l4posix_mmap(uintptr_t addr, size_t len, int prot, int flags, int fd,
                                        long long offset, uintptr_t *out);
L4POSIX_IMPORT(munmap) int __l4posix_munmap(uintptr_t addr, size_t len);
L4POSIX_IMPORT(mprotect) int __l4posix_mprotect(uintptr_t addr, size_t len, int prot);
L4POSIX_IMPORT(msync) int __l4posix_msync(uintptr_t addr, size_t len, int flags);
L4POSIX_IMPORT(madvise) int __l4posix_madvise(uintptr_t addr, size_t len, int advice);


#define PAGE 4096
#define PAGE_UP(n) (((n) + PAGE - 1) & ~(uintptr_t)(PAGE - 1))

/* A mapping as mmap made it, or the part of one that munmap and mprotect left. fd, dev and ino are
 * the file's (fd -1 for anonymous memory); offset is the file offset of `start`. */
struct mapping {
  uintptr_t start, end;
  int prot, flags, fd;
  off_t offset;
  dev_t dev;
  ino_t ino;
};

static struct mapping *maps;
static size_t count, room;

/* Cuts the mapping that spans addr (if one does) in two at addr: 0, or -1 without memory. */
static int split_at(uintptr_t addr) {
  for (size_t i = 0; i < count; i++) {
    if (maps[i].start >= addr || maps[i].end <= addr) continue;
    if (count == room) {
      size_t more = room ? 2 * room : 16;
      struct mapping *m = realloc(maps, more * sizeof *m);
      if (!m) return -1;
      maps = m;
      room = more;
    }
    maps[count] = maps[i];
    maps[count].start = addr;
    if (maps[i].fd >= 0) maps[count].offset += (off_t)(addr - maps[i].start);
    maps[i].end = addr;
    count++;
    return 0;
  }
  return 0;
}

/* Drops [start, end) from the list (mappings partly in it keep the rest). */
static void forget(uintptr_t start, uintptr_t end) {
  split_at(start);
  split_at(end);
  size_t k = 0;
  for (size_t i = 0; i < count; i++)
    if (maps[i].start < start || maps[i].end > end) maps[k++] = maps[i];
  count = k;
}

static void remember(uintptr_t start, size_t len, int prot, int flags, int fd, off_t offset) {
  uintptr_t end = start + PAGE_UP(len);
  forget(start, end);
  if (count == room) {
    size_t more = room ? 2 * room : 16;
    struct mapping *m = realloc(maps, more * sizeof *m);
    if (!m) return;
    maps = m;
    room = more;
  }
  struct mapping m = { start, end, prot, flags & (MAP_SHARED | MAP_PRIVATE | MAP_SHARED_VALIDATE | MAP_ANONYMOUS), -1, 0, 0, 0 };
  struct stat st;
  if (!(flags & MAP_ANONYMOUS) && fstat(fd, &st) == 0) {
    m.fd = fd;
    m.offset = offset;
    m.dev = st.st_dev;
    m.ino = st.st_ino;
  }
  /* One mapping with the one before it when it continues it, as Linux merges them (a mapping that
   * mremap grew in place is one mapping again). */
  for (size_t i = 0; i < count; i++) {
    struct mapping *p = &maps[i];
    if (p->end == m.start && p->prot == m.prot && p->flags == m.flags && p->fd == m.fd && p->dev == m.dev &&
        p->ino == m.ino && (m.fd < 0 || p->offset + (off_t)(p->end - p->start) == m.offset)) {
      p->end = m.end;
      return;
    }
  }
  maps[count++] = m;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset) {
  uintptr_t at;
  int r = __l4posix_mmap((uintptr_t)addr, len, prot, flags, fd, offset, &at);
  if (l4posix_ret(r) < 0) return MAP_FAILED;
  remember(at, len, prot, flags, fd, offset);
  return (void *)at;
}

int munmap(void *addr, size_t len) {
  if (l4posix_ret(__l4posix_munmap((uintptr_t)addr, len)) < 0) return -1;
  forget((uintptr_t)addr, (uintptr_t)addr + PAGE_UP(len));
  return 0;
}

int mprotect(void *addr, size_t len, int prot) {
  if (l4posix_ret(__l4posix_mprotect((uintptr_t)addr, len, prot)) < 0) return -1;
  uintptr_t start = (uintptr_t)addr, end = start + PAGE_UP(len);
  split_at(start);
  split_at(end);
  for (size_t i = 0; i < count; i++)
    if (maps[i].start >= start && maps[i].end <= end) maps[i].prot = prot;
  return 0;
}

int msync(void *addr, size_t len, int flags) { return l4posix_ret(__l4posix_msync((uintptr_t)addr, len, flags)); }

int madvise(void *addr, size_t len, int advice) { return l4posix_ret(__l4posix_madvise((uintptr_t)addr, len, advice)); }

/* posix_madvise returns the error number instead of setting errno. */
int posix_madvise(void *addr, size_t len, int advice) {
  int r = __l4posix_madvise((uintptr_t)addr, len, advice);
  return r < 0 ? -r : 0;
}

/* Memory is never paged out: locking has nothing to do. */
int mlock(const void *addr, size_t len) { (void)addr; (void)len; return 0; }
int munlock(const void *addr, size_t len) { (void)addr; (void)len; return 0; }
int mlockall(int flags) {
  if (flags == 0 || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) != 0) {
    errno = EINVAL;
    return -1;
  }
  return 0;
}
int munlockall(void) { return 0; }

static void *fail(int e) {
  errno = e;
  return MAP_FAILED;
}

/* The recorded mapping holding [addr, addr + len), or NULL. */
static struct mapping *holding(uintptr_t addr, uintptr_t len) {
  for (size_t i = 0; i < count; i++)
    if (maps[i].start <= addr && addr < maps[i].end) return addr + len <= maps[i].end ? &maps[i] : NULL;
  return NULL;
}

/* The file of a file mapping, when its descriptor is still open on it (the mapping does not keep
 * one of its own): the descriptor, or -1. */
static int file_of(const struct mapping *m) {
  struct stat st;
  if (m->fd < 0 || fstat(m->fd, &st) != 0 || st.st_dev != m->dev || st.st_ino != m->ino) return -1;
  return m->fd;
}

/* A mapping like m (its protection, flags and file) of len bytes at `at` (MAP_FIXED_NOREPLACE,
 * MAP_FIXED, or anywhere for 0), for the part of it that starts at addr. */
static void *map_like(const struct mapping *m, uintptr_t addr, uintptr_t at, size_t len, int placement) {
  int fd = -1;
  off_t offset = 0;
  if (!(m->flags & MAP_ANONYMOUS)) {
    if ((fd = file_of(m)) < 0) return fail(ENOMEM);
    offset = m->offset + (off_t)(addr - m->start);
  }
  return mmap((void *)at, len, m->prot, m->flags | placement, fd, offset);
}

/* mremap: shrinking unmaps the tail. Growing extends the mapping in place when the pages after it
 * are free (anonymous memory, or the file's next pages while its descriptor is open), else with
 * MREMAP_MAYMOVE makes a new mapping and moves the contents: private pages are copied, a shared file
 * mapping is written back and mapped again. Shared anonymous memory cannot move (its pages stay
 * shared with the children already forked only where they are): ENOMEM, as for no room. Without
 * MREMAP_MAYMOVE and no room: ENOMEM. */
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...) {
  uintptr_t addr = (uintptr_t)old, target = 0;
  if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) return fail(EINVAL);
  if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) return fail(EINVAL);
  if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len)) return fail(EINVAL);
  if (addr % PAGE) return fail(EINVAL);
  if (flags & MREMAP_FIXED) {
    va_list ap;
    va_start(ap, flags);
    target = (uintptr_t)va_arg(ap, void *);
    va_end(ap);
    if (target % PAGE) return fail(EINVAL);
  }
  old_len = PAGE_UP(old_len);
  new_len = PAGE_UP(new_len);
  if (new_len == 0) return fail(EINVAL);
  struct mapping *m = holding(addr, old_len ? old_len : PAGE);
  if (!m) return fail(EFAULT);
  int shared = (m->flags & MAP_SHARED_VALIDATE) != MAP_PRIVATE;
  /* old_len 0 asks for a second view of shared pages; private ones have none to share. */
  if (old_len == 0) return fail(shared ? ENOMEM : EINVAL);
  if ((flags & MREMAP_DONTUNMAP) && (shared || !(m->flags & MAP_ANONYMOUS))) return fail(EINVAL);
  if (target && target < addr + old_len && addr < target + new_len) return fail(EINVAL);
  struct mapping was = *m;
  if (!(flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))) {
    if (new_len <= old_len) {
      if (new_len < old_len && munmap((void *)(addr + new_len), old_len - new_len) != 0) return MAP_FAILED;
      return old;
    }
    if (addr + old_len == was.end) {
      int saved = errno;
      void *more = map_like(&was, addr + old_len, addr + old_len, new_len - old_len, MAP_FIXED_NOREPLACE);
      if (more != MAP_FAILED) return old;
      errno = saved;
    }
    if (!(flags & MREMAP_MAYMOVE)) return fail(ENOMEM);
  }
  if (shared && (was.flags & MAP_ANONYMOUS)) return fail(ENOMEM);
  if (shared && msync(old, old_len, MS_SYNC) != 0) return MAP_FAILED;
  void *moved = map_like(&was, addr, target, new_len, target ? MAP_FIXED : 0);
  if (moved == MAP_FAILED) return MAP_FAILED;
  if (!shared) memcpy(moved, old, old_len < new_len ? old_len : new_len);
  if (flags & MREMAP_DONTUNMAP) madvise(old, old_len, MADV_DONTNEED);
  else munmap(old, old_len);
  return moved;
}

/* Every mapped page is resident (nothing is paged out): 1 for each page of the range, where the
 * program's image and stack (below the heap) count as mapped too. ENOMEM when a page of it is not
 * mapped, EINVAL for an unaligned address. */
extern unsigned char __heap_base;

int mincore(void *addr, size_t len, unsigned char *vec) {
  uintptr_t start = (uintptr_t)addr;
  if (start % PAGE) {
    errno = EINVAL;
    return -1;
  }
  size_t pages = PAGE_UP(len) / PAGE;
  if (len > UINTPTR_MAX - start) {
    errno = ENOMEM;
    return -1;
  }
  int whole = pages == 0 || __l4posix_madvise(start, len, MADV_NORMAL) == 0;
  for (size_t i = 0; i < pages; i++) {
    uintptr_t page = start + i * PAGE;
    if (!whole && page + PAGE > (uintptr_t)&__heap_base && __l4posix_madvise(page, PAGE, MADV_NORMAL) != 0) {
      errno = ENOMEM;
      return -1;
    }
    vec[i] = 1;
  }
  return 0;
}
