/* sh: growing buffers and lists, allocation that cannot fail quietly, error messages. */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) { write(2, "sh: out of memory\n", 18); _exit(2); }
  return p;
}

void *xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p) { write(2, "sh: out of memory\n", 18); _exit(2); }
  return p;
}

char *xstrndup(const char *s, size_t n) {
  char *d = xmalloc(n + 1);
  memcpy(d, s, n);
  d[n] = 0;
  return d;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

void sb_put(struct strbuf *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    b->cap = (b->n + n + 1) * 2;
    b->p = xrealloc(b->p, b->cap);
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = 0;
}

void sb_puts(struct strbuf *b, const char *s) { sb_put(b, s, strlen(s)); }
void sb_putc(struct strbuf *b, char c) { sb_put(b, &c, 1); }

char *sb_finish(struct strbuf *b) {
  char *s = b->p ? b->p : xstrdup("");
  b->p = 0;
  b->n = b->cap = 0;
  return s;
}

void sl_add(struct strlist *l, char *s) {
  if (l->n + 2 > l->cap) {
    l->cap = (l->n + 2) * 2;
    l->v = xrealloc(l->v, l->cap * sizeof *l->v);
  }
  l->v[l->n++] = s;
  l->v[l->n] = 0;
}

void sl_free(struct strlist *l) {
  for (int i = 0; i < l->n; i++) free(l->v[i]);
  free(l->v);
  l->v = 0;
  l->n = l->cap = 0;
}

void sh_error(const char *fmt, ...) {
  fflush(stdout);
  va_list ap;
  va_start(ap, fmt);
  fputs("sh: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  fflush(stderr);
}

void sh_error_at(int line, const char *fmt, ...) {
  fflush(stdout);
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "sh: %d: ", line);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  fflush(stderr);
}

int is_name(const char *s, size_t n) {
  if (n == 0 || !(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) return 0;
  for (size_t i = 1; i < n; i++)
    if (!(s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
      return 0;
  return 1;
}

int is_assignment(const char *word) {
  const char *eq = strchr(word, '=');
  return eq && is_name(word, eq - word);
}

char *quote_for_reuse(const char *s) {
  int plain = *s != 0;
  for (const char *p = s; *p; p++)
    if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/.,:+-=%@", *p)) plain = 0;
  if (plain) return xstrdup(s);
  struct strbuf b = { 0 };
  sb_putc(&b, '\'');
  for (; *s; s++) {
    if (*s == '\'') sb_puts(&b, "'\"'\"'");
    else sb_putc(&b, *s);
  }
  sb_putc(&b, '\'');
  return sb_finish(&b);
}

char *read_file(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return 0;
  struct strbuf b = { 0 };
  sb_put(&b, "", 0);
  char chunk[4096];
  ssize_t n;
  while ((n = read(fd, chunk, sizeof chunk)) > 0) sb_put(&b, chunk, (size_t)n);
  close(fd);
  return sb_finish(&b);
}
