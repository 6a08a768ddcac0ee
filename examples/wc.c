/* wc: counts lines, words and bytes of each named file (or standard input), like wc with no
 * options: one line per file, "lines words bytes name", and a total line for several files. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct counts { long long lines, words, bytes; };

/* Counts what fd holds; 0 or -1 with errno. A word is a maximal run of non-space bytes. */
static int count(int fd, struct counts *c) {
  static unsigned char buf[16384];
  int in_word = 0;
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n == 0) return 0;
    if (n < 0) return -1;
    c->bytes += n;
    for (ssize_t i = 0; i < n; i++) {
      if (buf[i] == '\n') c->lines++;
      if (isspace(buf[i])) in_word = 0;
      else if (!in_word) { in_word = 1; c->words++; }
    }
  }
}

static void print(const struct counts *c, const char *name) {
  printf("%7lld %7lld %7lld%s%s\n", c->lines, c->words, c->bytes, name ? " " : "", name ? name : "");
}

int main(int argc, char **argv) {
  struct counts total = { 0, 0, 0 };
  int status = 0;
  if (argc < 2) {
    if (count(0, &total) < 0) { fprintf(stderr, "wc: stdin: %s\n", strerror(errno)); return 1; }
    print(&total, NULL);
    return 0;
  }
  for (int i = 1; i < argc; i++) {
    struct counts c = { 0, 0, 0 };
    int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);
    if (fd < 0 || count(fd, &c) < 0) {
      fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
      status = 1;
    } else {
      print(&c, argv[i]);
      total.lines += c.lines;
      total.words += c.words;
      total.bytes += c.bytes;
    }
    if (fd > 0) close(fd);
  }
  if (argc > 2) print(&total, "total");
  return status;
}
