/* open_memstream as glibc's: the size reported (at fflush, fseek and fclose) is the current
 * position, the buffer filled with zeros up to it; SEEK_END counts from where the last seek or
 * the writes after it reached; fclose ends the text at the position. musl's kept the largest size
 * written (a seek back and fflush left it), so "the text so far, then rewind and overwrite" read
 * otherwise than on Linux. Built on fopencookie; the buffer is the caller's to free. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

struct memstream {
  char **bufp;
  size_t *sizep;
  char *buf;
  size_t cap;
  size_t data; /* bytes that hold something (written, or zeros up to a position) */
  size_t pos;
  size_t end;  /* SEEK_END's base: the last seek's position, or past it what was written since */
};

static void publish(struct memstream *m) {
  *m->bufp = m->buf;
  *m->sizep = m->pos;
}

/* Room for `need` bytes and a NUL after them, the bytes between the data and `need` zeros. */
static int reach(struct memstream *m, size_t need) {
  if (need + 1 > m->cap) {
    size_t cap = m->cap * 2 > need + 1 ? m->cap * 2 : need + 1;
    char *b = realloc(m->buf, cap);
    if (!b) return -1;
    m->buf = b;
    m->cap = cap;
  }
  if (need > m->data) {
    memset(m->buf + m->data, 0, need - m->data + 1);
    m->data = need;
  }
  return 0;
}

static ssize_t ms_write(void *cookie, const char *data, size_t n) {
  struct memstream *m = cookie;
  if (n > (size_t)-1 / 2 - m->pos || reach(m, m->pos + n) != 0) {
    errno = ENOMEM;
    return -1;
  }
  memcpy(m->buf + m->pos, data, n);
  m->pos += n;
  if (m->pos > m->end) m->end = m->pos;
  publish(m);
  return (ssize_t)n;
}

static int ms_seek(void *cookie, off_t *off, int whence) {
  struct memstream *m = cookie;
  long long base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (long long)m->pos : whence == SEEK_END ? (long long)m->end : -1;
  if (base < 0 || *off < -base || *off > (off_t)(SSIZE_MAX - base)) {
    errno = EINVAL;
    return -1;
  }
  size_t to = (size_t)(base + *off);
  if (reach(m, to) != 0) {
    errno = ENOMEM;
    return -1;
  }
  m->pos = m->end = to;
  *off = (off_t)to;
  publish(m);
  return 0;
}

static int ms_close(void *cookie) {
  struct memstream *m = cookie;
  if (reach(m, m->pos) == 0) m->buf[m->pos] = 0;
  publish(m);
  free(m);
  return 0;
}

FILE *open_memstream(char **bufp, size_t *sizep) {
  if (!bufp || !sizep) {
    errno = EINVAL;
    return NULL;
  }
  struct memstream *m = calloc(1, sizeof *m);
  if (!m || !(m->buf = calloc(1, 64))) {
    free(m);
    errno = ENOMEM;
    return NULL;
  }
  m->cap = 64;
  m->bufp = bufp;
  m->sizep = sizep;
  FILE *f = fopencookie(m, "w", (cookie_io_functions_t){ .write = ms_write, .seek = ms_seek, .close = ms_close });
  if (!f) {
    free(m->buf);
    free(m);
    return NULL;
  }
  publish(m);
  return f;
}
