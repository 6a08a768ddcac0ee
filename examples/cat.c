/* cat: copies each named file (or standard input, for none or "-") to standard output.
 * A file that cannot be read is reported on stderr and makes the exit status 1; the rest are
 * still copied, as cat does. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Writes all of buf, retrying short writes. */
static int write_all(const char *buf, size_t n) {
  while (n > 0) {
    ssize_t w = write(1, buf, n);
    if (w < 0) return -1;
    buf += w;
    n -= (size_t)w;
  }
  return 0;
}

/* Copies fd to stdout; 0 or -1 with errno. */
static int copy(int fd) {
  static char buf[16384];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n == 0) return 0;
    if (n < 0) return -1;
    if (write_all(buf, (size_t)n) < 0) return -1;
  }
}

int main(int argc, char **argv) {
  int status = 0;
  if (argc < 2) return copy(0) < 0 ? 1 : 0;
  for (int i = 1; i < argc; i++) {
    const char *name = argv[i];
    int fd = strcmp(name, "-") == 0 ? 0 : open(name, O_RDONLY);
    if (fd < 0 || copy(fd) < 0) {
      fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
      status = 1;
    }
    if (fd > 0) close(fd);
  }
  return status;
}
