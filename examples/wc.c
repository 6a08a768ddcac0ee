/* wc: counts lines, words and bytes of each named file (or standard input): one line per file,
 * "lines words bytes name", and a total line for several files. -l, -w, -c print only those
 * counts (a single count of standard input without padding, as GNU wc prints it). */
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

static int show_lines = 1, show_words = 1, show_bytes = 1, width = 7;

static void print(const struct counts *c, const char *name) {
  const char *sep = "";
  if (show_lines) { printf("%*lld", width, c->lines); sep = " "; }
  if (show_words) { printf("%s%*lld", sep, width, c->words); sep = " "; }
  if (show_bytes) printf("%s%*lld", sep, width, c->bytes);
  printf("%s%s\n", name ? " " : "", name ? name : "");
}

int main(int argc, char **argv) {
  struct counts total = { 0, 0, 0 };
  int status = 0;
  int first = 1;
  if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
    show_lines = show_words = show_bytes = 0;
    for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++) {
      for (const char *o = argv[first] + 1; *o; o++) {
        if (*o == 'l') show_lines = 1;
        else if (*o == 'w') show_words = 1;
        else if (*o == 'c') show_bytes = 1;
        else { fprintf(stderr, "wc: unknown option -%c (use -l, -w, -c)\n", *o); return 2; }
      }
    }
    if (show_lines + show_words + show_bytes == 1 && first == argc) width = 1;
  }
  argv += first - 1;
  argc -= first - 1;
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
