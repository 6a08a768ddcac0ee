/* romread: reads a boot module through the ROM file system: /rom/NAME. Prints its size (from
 * fstat, and what was read), a CRC-32 of its bytes and its first line; reads it once whole and
 * once in odd-sized pieces at positions (pread), which must agree. With -w it also tries to open
 * the module for writing, which a read-only file system refuses (EROFS).
 * Usage: romread [-w] NAME   (or a path starting with '/'). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static uint32_t crc32(uint32_t crc, const unsigned char *p, size_t n) {
  crc = ~crc;
  while (n--) {
    crc ^= *p++;
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
  }
  return ~crc;
}

int main(int argc, char **argv) {
  int try_write = argc > 2 && strcmp(argv[1], "-w") == 0;
  const char *name = argv[argc - 1];
  if (argc < 2 || (argc > 2 && !try_write)) { fprintf(stderr, "usage: romread [-w] NAME\n"); return 2; }
  char path[512];
  snprintf(path, sizeof path, name[0] == '/' ? "%s" : "/rom/%s", name);

  int fd = open(path, O_RDONLY);
  if (fd < 0) { fprintf(stderr, "romread: %s: %s\n", path, strerror(errno)); return 1; }
  struct stat st;
  if (fstat(fd, &st) < 0) { fprintf(stderr, "romread: fstat %s: %s\n", path, strerror(errno)); return 1; }
  printf("module: %s\n", path);
  printf("size: %lld\n", (long long)st.st_size);

  /* whole, in sequential reads */
  unsigned char *data = malloc(st.st_size + 1);
  size_t got = 0;
  for (;;) {
    ssize_t n = read(fd, data + got, (size_t)st.st_size + 1 - got);
    if (n < 0) { fprintf(stderr, "romread: read: %s\n", strerror(errno)); return 1; }
    if (n == 0 || got + n > (size_t)st.st_size) { got += n; break; }
    got += n;
  }
  printf("read: %zu bytes\n", got);
  uint32_t whole = crc32(0, data, got);
  printf("crc32: %08x\n", whole);

  /* again, in 7-byte pieces at explicit positions */
  uint32_t pieces = 0;
  unsigned char buf[7];
  for (off_t pos = 0;; pos += sizeof buf) {
    ssize_t n = pread(fd, buf, sizeof buf, pos);
    if (n <= 0) break;
    pieces = crc32(pieces, buf, n);
  }
  printf("pread pieces agree: %s\n", pieces == whole ? "yes" : "NO");

  size_t line = 0;
  while (line < got && data[line] != '\n') line++;
  printf("first line: %.*s\n", (int)line, (const char *)data);

  if (try_write) {
    int w = open(path, O_WRONLY);
    printf("open for writing: %s\n", w < 0 ? strerror(errno) : "allowed");
    if (w >= 0) close(w);
  }
  close(fd);
  return 0;
}
