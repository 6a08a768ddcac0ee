/* sh: the test and [ built-ins (XCU test): POSIX's rules for one to four arguments, and the
 * -a -o ! ( ) grammar beyond. Status 0 true, 1 false, 2 an error. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sh.h"

struct test { char **args; int n, pos; int error; };

static void test_error(struct test *t, const char *fmt, const char *arg) {
  if (t->error) return;
  char msg[512];
  snprintf(msg, sizeof msg, fmt, arg);
  sh_error_at(sh.line, "test: %s", msg);
  t->error = 1;
}

static long long number(struct test *t, const char *s) {
  const char *p = s;
  while (isspace((unsigned char)*p)) p++;
  char *end;
  errno = 0;
  long long v = strtoll(p, &end, 10);
  while (isspace((unsigned char)*end)) end++;
  if (p == end || *end || errno) { test_error(t, "Illegal number: %s", s); return 0; }
  return v;
}

static int unary_op(const char *op) {
  return op[0] == '-' && op[1] && !op[2] && strchr("bcdefghkLnprsStuwxzOG", op[1]);
}

static int binary_op(const char *op) {
  static const char *const ops[] = { "=", "!=", "==", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef", 0 };
  for (int i = 0; ops[i]; i++) if (!strcmp(op, ops[i])) return 1;
  return 0;
}

static int unary(struct test *t, char op, const char *arg) {
  struct stat st;
  switch (op) {
  case 'n': return *arg != 0;
  case 'z': return *arg == 0;
  case 't': return isatty((int)number(t, arg));
  case 'h': case 'L': return lstat(arg, &st) == 0 && S_ISLNK(st.st_mode);
  case 'r': return access(arg, R_OK) == 0;
  case 'w': return access(arg, W_OK) == 0;
  case 'x': return access(arg, X_OK) == 0;
  }
  if (stat(arg, &st) < 0) return 0;
  switch (op) {
  case 'e': return 1;
  case 'f': return S_ISREG(st.st_mode);
  case 'd': return S_ISDIR(st.st_mode);
  case 'b': return S_ISBLK(st.st_mode);
  case 'c': return S_ISCHR(st.st_mode);
  case 'p': return S_ISFIFO(st.st_mode);
  case 'S': return S_ISSOCK(st.st_mode);
  case 's': return st.st_size > 0;
  case 'g': return (st.st_mode & S_ISGID) != 0;
  case 'u': return (st.st_mode & S_ISUID) != 0;
  case 'k': return (st.st_mode & S_ISVTX) != 0;
  case 'O': return st.st_uid == geteuid();
  case 'G': return st.st_gid == getegid();
  }
  return 0;
}

static int binary(struct test *t, const char *a, const char *op, const char *b) {
  if (!strcmp(op, "=") || !strcmp(op, "==")) return strcmp(a, b) == 0;
  if (!strcmp(op, "!=")) return strcmp(a, b) != 0;
  if (!strcmp(op, "<")) return strcmp(a, b) < 0;
  if (!strcmp(op, ">")) return strcmp(a, b) > 0;
  if (!strcmp(op, "-nt") || !strcmp(op, "-ot") || !strcmp(op, "-ef")) {
    struct stat sa, sb;
    int ha = stat(a, &sa) == 0, hb = stat(b, &sb) == 0;
    if (op[1] == 'e') return ha && hb && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    if (op[1] == 'n') return ha && (!hb || sa.st_mtime > sb.st_mtime);
    return hb && (!ha || sa.st_mtime < sb.st_mtime);
  }
  long long x = number(t, a), y = number(t, b);
  if (!strcmp(op, "-eq")) return x == y;
  if (!strcmp(op, "-ne")) return x != y;
  if (!strcmp(op, "-lt")) return x < y;
  if (!strcmp(op, "-le")) return x <= y;
  if (!strcmp(op, "-gt")) return x > y;
  return x >= y;
}

static int or_expr(struct test *t);

static const char *take(struct test *t) {
  if (t->pos >= t->n) { test_error(t, "%s", "argument expected"); return ""; }
  return t->args[t->pos++];
}

static int primary(struct test *t) {
  if (t->pos >= t->n) { test_error(t, "%s", "argument expected"); return 0; }
  const char *a = t->args[t->pos];
  if (!strcmp(a, "!")) { t->pos++; return !primary(t); }
  if (!strcmp(a, "(")) {
    t->pos++;
    int v = or_expr(t);
    if (t->pos >= t->n || strcmp(t->args[t->pos], ")")) { test_error(t, "%s", "closing paren expected"); return 0; }
    t->pos++;
    return v;
  }
  if (t->pos + 2 < t->n && binary_op(t->args[t->pos + 1])) {
    t->pos += 3;
    return binary(t, a, t->args[t->pos - 2], t->args[t->pos - 1]);
  }
  if (unary_op(a) && t->pos + 1 < t->n) {
    t->pos++;
    return unary(t, a[1], take(t));
  }
  t->pos++;
  return *a != 0;
}

static int and_expr(struct test *t) {
  int v = primary(t);
  while (t->pos < t->n && !strcmp(t->args[t->pos], "-a")) { t->pos++; int r = primary(t); v = v && r; }
  return v;
}

static int or_expr(struct test *t) {
  int v = and_expr(t);
  while (t->pos < t->n && !strcmp(t->args[t->pos], "-o")) { t->pos++; int r = and_expr(t); v = v || r; }
  return v;
}

/* POSIX's table for up to four arguments, where the general grammar would read them otherwise. */
static int evaluate(struct test *t, char **a, int n) {
  if (n == 0) return 0;
  if (n == 1) return *a[0] != 0;
  if (n == 2) {
    if (!strcmp(a[0], "!")) return *a[1] == 0;
    if (unary_op(a[0])) return unary(t, a[0][1], a[1]);
    test_error(t, "%s: unexpected operator", a[0]);
    return 0;
  }
  if (n == 3) {
    if (binary_op(a[1])) return binary(t, a[0], a[1], a[2]);
    if (!strcmp(a[0], "!")) return !evaluate(t, a + 1, 2);
    if (!strcmp(a[0], "(") && !strcmp(a[2], ")")) return *a[1] != 0;
    if (!strcmp(a[1], "-a")) return *a[0] && *a[2];
    if (!strcmp(a[1], "-o")) return *a[0] || *a[2];
  }
  if (n == 4) {
    if (!strcmp(a[0], "!")) return !evaluate(t, a + 1, 3);
    if (!strcmp(a[0], "(") && !strcmp(a[3], ")")) return evaluate(t, a + 1, 2);
  }
  t->args = a;
  t->n = n;
  t->pos = 0;
  int v = or_expr(t);
  if (!t->error && t->pos < t->n) test_error(t, "%s: unexpected operator", t->args[t->pos]);
  return v;
}

int test_builtin(int argc, char **argv) {
  if (!strcmp(argv[0], "[")) {
    if (strcmp(argv[argc - 1], "]")) { sh_error_at(sh.line, "[: missing ]"); return 2; }
    argc--;
  }
  struct test t = { argv + 1, argc - 1, 0, 0 };
  int v = evaluate(&t, argv + 1, argc - 1);
  return t.error ? 2 : !v;
}
