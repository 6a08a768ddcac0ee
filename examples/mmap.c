/* mmap: memory mappings on l4wasm's region manager. Anonymous memory comes from the root task as
 * dataspaces attached in the task's region map; unmapping the middle of a mapping splits its
 * region; freed ranges are reused; a file is mapped privately (a copy) or shared (written back
 * by msync and munmap); a boot module is mapped from its ROM dataspace; malloc works beside it all.
 * Usage: mmap [ROM-NAME]   (default "motd", i.e. /rom/motd) */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define die(what) do { perror(what); return 1; } while (0)

int main(int argc, char **argv) {
  const long page = sysconf(_SC_PAGESIZE);
  printf("page size: %ld\n", page);

  /* Anonymous memory: zeroed, private. */
  char *a = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (a == MAP_FAILED) die("mmap");
  size_t zeros = 0;
  for (long i = 0; i < 3 * page; i++) zeros += a[i] == 0;
  printf("anonymous: %zu of %ld bytes are zero\n", zeros, 3 * page);
  memset(a, '#', 3 * page);

  /* Unmap the middle page: the region splits in two, both halves keep their contents. */
  if (munmap(a + page, page) < 0) die("munmap");
  printf("after munmap of the middle page: first '%c', last '%c'\n", a[0], a[3 * page - 1]);
  char *b = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  printf("the next page-sized mapping reuses the hole: %s\n", b == a + page ? "yes" : "no");
  munmap(a, 3 * page);

  /* A map/unmap loop does not make the memory grow. */
  void *top = sbrk(0);
  for (int i = 0; i < 1000; i++) {
    char *p = mmap(NULL, 64 * 1024, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 1;
    munmap(p, 64 * 1024);
  }
  printf("1000 map/unmap cycles grew the memory by %ld bytes\n", (long)((char *)sbrk(0) - (char *)top));

  /* malloc keeps working beside mappings. */
  char *heap = malloc(1 << 20);
  char *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  memset(heap, 'h', 1 << 20);
  memset(m, 'm', 1 << 20);
  printf("malloc and mmap side by side: '%c' '%c', disjoint: %s\n", heap[12345], m[12345],
         heap + (1 << 20) <= m || m + (1 << 20) <= heap ? "yes" : "no");
  free(heap);
  munmap(m, 1 << 20);

  /* A private file mapping is a copy; a shared one goes back to the file. */
  int fd = open("/tmp/mapped.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  write(fd, "the quick brown fox\n", 20);
  char *priv = mmap(NULL, 20, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  memcpy(priv + 4, "QUICK", 5);
  char buf[32] = {0};
  pread(fd, buf, 20, 0);
  printf("private mapping: %.20s", priv);
  printf("file unchanged:  %s", buf);
  char *shared = mmap(NULL, 20, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  memcpy(shared + 10, "BROWN", 5);
  msync(shared, 20, MS_SYNC);
  pread(fd, buf, 20, 0);
  printf("after msync:     %s", buf);
  memcpy(shared + 16, "FOX", 3);
  close(fd); /* the mapping keeps the file */
  munmap(shared, 20);
  fd = open("/tmp/mapped.txt", O_RDONLY);
  pread(fd, buf, 20, 0);
  printf("after munmap:    %s", buf);
  close(fd);

  /* A boot module, mapped from its read-only ROM dataspace. */
  char rom[256];
  snprintf(rom, sizeof rom, "/rom/%s", argc > 1 ? argv[1] : "motd");
  fd = open(rom, O_RDONLY);
  if (fd < 0) die(rom);
  char *r = mmap(NULL, page, PROT_READ, MAP_PRIVATE, fd, 0);
  if (r == MAP_FAILED) die("mmap rom");
  printf("%s: %.*s", rom, (int)(strchr(r, '\n') - r + 1), r);
  printf("shared writable mapping of it: %s\n",
         mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED ? strerror(errno) : "allowed");

  /* Protection is recorded (wasm cannot enforce it); an unmapped range is refused. */
  printf("mprotect read-only: %d\n", mprotect(r, page, PROT_READ));
  munmap(r, page);
  printf("mprotect of what was unmapped: %s\n", mprotect(r, page, PROT_READ) < 0 ? strerror(errno) : "ok");
  return 0;
}
