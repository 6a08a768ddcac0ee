/* sh: word expansion (XCU 2.6): tilde, parameters, command substitution and arithmetic on a
 * word's raw text, then field splitting on IFS, pathname expansion and quote removal. Each
 * character carries whether it was quoted (literal for splitting and patterns) or came from an
 * unquoted expansion (split on IFS). */
#include <fnmatch.h>
#include <glob.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

enum {
  X_QUOTED = 1,  /* literal: never split, never a pattern character */
  X_SPLIT = 2,   /* from an unquoted expansion: IFS characters separate fields */
  X_OPEN = 4,    /* a mark: quotes were here, so the field exists even if empty */
  X_BREAK = 8    /* a mark: "$@" and $@ end a field between two parameters */
};

enum { M_DQ = 1, M_PARAM_WORD = 2, M_HEREDOC = 4, M_ASSIGN = 8 };

struct xbuf { char *c; unsigned char *f; size_t n, cap; };

static int failed;

int expand_failed(void) { return failed; }

static void xput(struct xbuf *x, const char *s, size_t n, int flags) {
  if (x->n + n + 1 > x->cap) {
    x->cap = (x->n + n + 1) * 2;
    x->c = xrealloc(x->c, x->cap);
    x->f = xrealloc(x->f, x->cap);
  }
  memcpy(x->c + x->n, s, n);
  memset(x->f + x->n, flags, n);
  x->n += n;
}

static void xmark(struct xbuf *x, int mark) { xput(x, "", 1, mark); }

static void xfree(struct xbuf *x) { free(x->c); free(x->f); }

static int value_flags(int mode) { return mode & (M_DQ | M_HEREDOC) ? X_QUOTED : X_SPLIT; }

static void fail(const char *fmt, const char *a, const char *b) {
  char msg[512];
  snprintf(msg, sizeof msg, fmt, a, b);
  sh_error_at(sh.line, "%s", msg);
  failed = 1;
  request_exit(2);
}

/* ---- finding where constructs end in raw text (the lexer has checked they do) ---- */

static const char *skip_dollar(const char *s, int in_dq);

static const char *skip_single(const char *s) {
  const char *e = strchr(s + 1, '\'');
  return e ? e + 1 : s + strlen(s);
}

static const char *skip_backquote(const char *s) {
  for (s++; *s && *s != '`'; s++) if (*s == '\\' && s[1]) s++;
  return *s ? s + 1 : s;
}

static const char *skip_double(const char *s) {
  for (s++; *s && *s != '"';) {
    if (*s == '\\' && s[1]) s += 2;
    else if (*s == '$') s = skip_dollar(s, 1);
    else if (*s == '`') s = skip_backquote(s);
    else s++;
  }
  return *s ? s + 1 : s;
}

static const char *skip_braced(const char *s, int in_dq) {
  for (s += 2; *s && *s != '}';) {
    if (*s == '\\' && s[1]) s += 2;
    else if (*s == '\'' && !in_dq) s = skip_single(s);
    else if (*s == '"') s = skip_double(s);
    else if (*s == '$') s = skip_dollar(s, in_dq);
    else if (*s == '`') s = skip_backquote(s);
    else s++;
  }
  return *s ? s + 1 : s;
}

static const char *skip_arith(const char *s) {
  int depth = 0;
  for (s += 3; *s; s++) {
    if (*s == '(') depth++;
    else if (*s == ')') {
      if (depth == 0 && s[1] == ')') return s + 2;
      depth--;
    }
  }
  return s;
}

static const char *skip_dollar(const char *s, int in_dq) {
  if (s[1] == '(' && s[2] == '(') return skip_arith(s);
  if (s[1] == '(') {
    long n = command_subst_length(s + 2);
    return n < 0 ? s + strlen(s) : s + 2 + n;
  }
  if (s[1] == '{') return skip_braced(s, in_dq);
  return s + 1;
}

/* ---- parameters ---- */

static char *join_params(const char *sep) {
  struct strbuf b = { 0 };
  for (int i = 0; i < params.n; i++) {
    if (i) sb_puts(&b, sep);
    sb_puts(&b, params.v[i]);
  }
  return sb_finish(&b);
}

static const char *ifs(void) { const char *v = var_get("IFS"); return v ? v : " \t\n"; }

/* The value of parameter name[0..len): a new string, or NULL when unset. */
static char *param_value(const char *name, size_t len) {
  char num[32];
  if (len == 1) {
    switch (*name) {
    case '?': snprintf(num, sizeof num, "%d", sh.status); return xstrdup(num);
    case '$': snprintf(num, sizeof num, "%d", (int)getpid()); return xstrdup(num);
    case '#': snprintf(num, sizeof num, "%d", params.n); return xstrdup(num);
    case '!':
      if (!sh.last_bg) return 0;
      snprintf(num, sizeof num, "%d", (int)sh.last_bg);
      return xstrdup(num);
    case '-': {
      struct strbuf b = { 0 };
      if (sh.errexit) sb_putc(&b, 'e');
      if (sh.noglob) sb_putc(&b, 'f');
      if (sh.noexec) sb_putc(&b, 'n');
      if (sh.nounset) sb_putc(&b, 'u');
      if (sh.verbose) sb_putc(&b, 'v');
      if (sh.xtrace) sb_putc(&b, 'x');
      return sb_finish(&b);
    }
    case '@': case '*': return params.n ? join_params(" ") : 0;
    }
  }
  if (*name >= '0' && *name <= '9') {
    long n = 0;
    for (size_t i = 0; i < len && n < 1000000; i++) n = n * 10 + (name[i] - '0');
    if (n == 0) return xstrdup(arg0);
    return n <= params.n ? xstrdup(params.v[n - 1]) : 0;
  }
  char *var = xstrndup(name, len);
  const char *v = var_get(var);
  free(var);
  return v ? xstrdup(v) : 0;
}

/* The length of the parameter name at s: a special character, digits (braced) or a name. */
static size_t param_name_length(const char *s, int braced) {
  if (*s && strchr("@*#?$!-", *s)) return 1;
  if (*s >= '0' && *s <= '9') {
    if (!braced) return 1;
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9') n++;
    return n;
  }
  size_t n = 0;
  while (is_name(s, n + 1)) n++;
  return n;
}

/* $@ or $* into x: fields apart where splitting keeps them apart. */
static void put_params(struct xbuf *x, int star, int mode) {
  if (star && (mode & M_DQ)) {
    const char *sep = ifs();
    char s[2] = { sep[0], 0 };
    char *v = join_params(s);
    xmark(x, X_OPEN);
    xput(x, v, strlen(v), X_QUOTED);
    free(v);
    return;
  }
  for (int i = 0; i < params.n; i++) {
    if (i) xmark(x, X_BREAK);
    if (mode & M_DQ) xmark(x, X_OPEN);
    xput(x, params.v[i], strlen(params.v[i]), value_flags(mode));
  }
}

static int expand_part(struct xbuf *x, const char *s, const char *end, int mode);

static char *flatten(struct xbuf *x) {
  struct strbuf b = { 0 };
  sb_put(&b, "", 0);
  for (size_t i = 0; i < x->n; i++) {
    if (x->f[i] & X_BREAK) sb_putc(&b, ' ');
    else if (!(x->f[i] & X_OPEN)) sb_putc(&b, x->c[i]);
  }
  return sb_finish(&b);
}

/* A pattern for fnmatch: quoted pattern characters escaped. */
static char *to_pattern(struct xbuf *x) {
  struct strbuf b = { 0 };
  sb_put(&b, "", 0);
  for (size_t i = 0; i < x->n; i++) {
    if (x->f[i] & (X_OPEN | X_BREAK)) continue;
    if ((x->f[i] & X_QUOTED) && strchr("*?[]\\", x->c[i])) sb_putc(&b, '\\');
    sb_putc(&b, x->c[i]);
  }
  return sb_finish(&b);
}

/* ${v%p} ${v%%p} ${v#p} ${v##p}: the value with the shortest or longest matching suffix or prefix removed. */
static char *strip_pattern(const char *v, const char *pat, int suffix, int longest) {
  size_t n = strlen(v);
  char *tmp = xstrdup(v);
  for (size_t k = 0; k <= n; k++) {
    size_t len = longest ? n - k : k; /* length of the part tried */
    int ok;
    if (suffix) ok = fnmatch(pat, v + n - len, 0) == 0;
    else { char c = tmp[len]; tmp[len] = 0; ok = fnmatch(pat, tmp, 0) == 0; tmp[len] = c; }
    if (ok) {
      free(tmp);
      return suffix ? xstrndup(v, n - len) : xstrdup(v + len);
    }
  }
  free(tmp);
  return xstrdup(v);
}

/* ${...} at s (s at the $); returns where it ends. */
static const char *expand_braced(struct xbuf *x, const char *s, int mode) {
  const char *end = skip_braced(s, mode & M_DQ) - 1; /* at the } */
  const char *p = s + 2;
  int length = 0;
  if (*p == '#' && p + 1 < end) {
    size_t l = param_name_length(p + 1, 1);
    if (l > 0 && p + 1 + l == end) { length = 1; p++; }
  }
  size_t nlen = param_name_length(p, 1);
  if (nlen == 0) { fail("%s: Bad substitution", "${...}", 0); return end + 1; }
  const char *name = p;
  p += nlen;
  int is_at = nlen == 1 && (*name == '@' || *name == '*');
  char *value = param_value(name, nlen);
  int set = is_at ? params.n > 0 : value != 0;
  if (length) {
    if (p != end) { free(value); fail("%s: Bad substitution", "${#...}", 0); return end + 1; }
    if (!set && sh.nounset && !is_at) { char *n = xstrndup(name, nlen); fail("%s: parameter not set", n, 0); free(n); return end + 1; }
    char num[32];
    snprintf(num, sizeof num, "%zu", value ? strlen(value) : 0);
    xput(x, num, strlen(num), value_flags(mode));
    free(value);
    return end + 1;
  }
  int colon = 0;
  char op = 0;
  if (p < end) {
    if (*p == ':') { colon = 1; p++; }
    op = *p;
    if (!strchr("-=?+%#", op) || (colon && (op == '%' || op == '#'))) {
      free(value);
      fail("%s: Bad substitution", "${...}", 0);
      return end + 1;
    }
    p++;
  }
  int longest = 0;
  if ((op == '%' || op == '#') && *p == op) { longest = 1; p++; }
  int empty = !set || (colon && value && !*value) || (colon && is_at && params.n == 1 && !*params.v[0]);
  int word_mode = (mode & ~M_ASSIGN) | ((mode & M_DQ) ? 0 : M_PARAM_WORD);
  switch (op) {
  case 0:
    if (!set && sh.nounset && !is_at) { char *n = xstrndup(name, nlen); fail("%s: parameter not set", n, 0); free(n); break; }
    if (is_at) put_params(x, *name == '*', mode);
    else if (value) xput(x, value, strlen(value), value_flags(mode));
    break;
  case '-': case '+':
    if ((op == '-') == empty) expand_part(x, p, end, word_mode);
    else if (op == '-') {
      if (is_at) put_params(x, *name == '*', mode);
      else xput(x, value, strlen(value), value_flags(mode));
    }
    break;
  case '=':
    if (empty) {
      if (nlen == 0 || !is_name(name, nlen)) { char *n = xstrndup(name, nlen); fail("%s: bad variable name", n, 0); free(n); break; }
      struct xbuf w = { 0 };
      expand_part(&w, p, end, mode & M_DQ);
      char *v = flatten(&w);
      xfree(&w);
      char *n = xstrndup(name, nlen);
      if (var_set(n, v, 0) < 0) { failed = 1; request_exit(2); }
      free(n);
      free(value);
      value = v;
    }
    xput(x, value, strlen(value), value_flags(mode));
    break;
  case '?':
    if (empty) {
      struct xbuf w = { 0 };
      expand_part(&w, p, end, M_DQ);
      char *msg = flatten(&w);
      xfree(&w);
      char *n = xstrndup(name, nlen);
      fail("%s: %s", n, *msg ? msg : colon ? "parameter not set or null" : "parameter not set");
      free(n);
      free(msg);
    } else if (is_at) put_params(x, *name == '*', mode);
    else xput(x, value, strlen(value), value_flags(mode));
    break;
  case '%': case '#': {
    if (!set && sh.nounset) { char *n = xstrndup(name, nlen); fail("%s: parameter not set", n, 0); free(n); break; }
    /* the pattern's own quotes count, not the ones around the whole expansion */
    struct xbuf w = { 0 };
    expand_part(&w, p, end, 0);
    char *pat = to_pattern(&w);
    xfree(&w);
    char *r = strip_pattern(value ? value : "", pat, op == '%', longest);
    xput(x, r, strlen(r), value_flags(mode));
    free(r);
    free(pat);
    break;
  }
  }
  free(value);
  return end + 1;
}

/* The text of `...` with the backslashes that quoted \ $ ` (and " inside double quotes) removed. */
static char *unescape_backquoted(const char *s, const char *end, int in_dq) {
  struct strbuf b = { 0 };
  sb_put(&b, "", 0);
  for (; s < end; s++) {
    if (*s == '\\' && s + 1 < end && (s[1] == '\\' || s[1] == '$' || s[1] == '`' || (in_dq && s[1] == '"'))) s++;
    sb_putc(&b, *s);
  }
  return sb_finish(&b);
}

static void put_command_output(struct xbuf *x, const char *text, int mode) {
  char *out = command_output(text);
  xput(x, out, strlen(out), value_flags(mode));
  free(out);
}

static const char *expand_dollar(struct xbuf *x, const char *s, int mode) {
  if (s[1] == '(' && s[2] == '(') {
    const char *end = skip_arith(s);
    struct xbuf w = { 0 };
    if (expand_part(&w, s + 3, end - 2, M_DQ) < 0) { xfree(&w); return end; }
    char *expr = flatten(&w);
    xfree(&w);
    intmax_t v;
    if (arith_eval(expr, &v) < 0) { failed = 1; request_exit(2); }
    else {
      char num[32];
      snprintf(num, sizeof num, "%" PRIdMAX, v);
      xput(x, num, strlen(num), value_flags(mode));
    }
    free(expr);
    return end;
  }
  if (s[1] == '(') {
    const char *end = skip_dollar(s, 0);
    char *text = xstrndup(s + 2, end - s - 3);
    put_command_output(x, text, mode);
    free(text);
    return end;
  }
  if (s[1] == '{') return expand_braced(x, s, mode);
  size_t nlen = param_name_length(s + 1, 0);
  if (nlen == 0) { xput(x, "$", 1, mode & (M_DQ | M_HEREDOC) ? X_QUOTED : 0); return s + 1; }
  const char *name = s + 1;
  if (nlen == 1 && (*name == '@' || *name == '*')) { put_params(x, *name == '*', mode); return name + 1; }
  char *v = param_value(name, nlen);
  if (!v && sh.nounset) { char *n = xstrndup(name, nlen); fail("%s: parameter not set", n, 0); free(n); }
  if (v) xput(x, v, strlen(v), value_flags(mode));
  free(v);
  return name + nlen;
}

/* ~ or ~/...: $HOME (literal). Returns where the tilde prefix ends, or s when it is no tilde prefix. */
static const char *expand_tilde(struct xbuf *x, const char *s, const char *end, int mode) {
  const char *e = s + 1;
  while (e < end && *e != '/' && !((mode & M_ASSIGN) && *e == ':')) e++;
  if (e != s + 1) return s; /* ~user: not supported, kept as written */
  const char *home = var_get("HOME");
  if (!home) return s;
  xput(x, home, strlen(home), X_QUOTED);
  return e;
}

/* The raw text s..end into x. */
static int expand_part(struct xbuf *x, const char *s, const char *end, int mode) {
  const char *start = s;
  while (s < end && !failed) {
    char c = *s;
    if (mode & M_HEREDOC) {
      if (c == '\\' && s + 1 < end && strchr("$`\\\n", s[1])) {
        if (s[1] != '\n') xput(x, s + 1, 1, X_QUOTED);
        s += 2;
      } else if (c == '$') s = expand_dollar(x, s, mode);
      else if (c == '`') {
        const char *e = skip_backquote(s);
        char *text = unescape_backquoted(s + 1, e - 1, 0);
        put_command_output(x, text, mode);
        free(text);
        s = e;
      } else xput(x, s++, 1, X_QUOTED);
      continue;
    }
    if (c == '\\') {
      if (s + 1 >= end) { xput(x, s++, 1, X_QUOTED); continue; }
      if (!(mode & M_DQ) || strchr("$`\"\\\n", s[1])) {
        if (s[1] != '\n') xput(x, s + 1, 1, X_QUOTED);
      } else xput(x, s, 2, X_QUOTED);
      s += 2;
    } else if (c == '\'' && !(mode & M_DQ)) {
      const char *e = skip_single(s);
      xmark(x, X_OPEN);
      xput(x, s + 1, e - s - 2, X_QUOTED);
      s = e;
    } else if (c == '"') {
      const char *e = skip_double(s);
      /* "$@" with no parameters is no field at all */
      int only_at = (e - s == 4 && !strncmp(s, "\"$@\"", 4)) || (e - s == 6 && !strncmp(s, "\"${@}\"", 6));
      if (!(only_at && params.n == 0)) {
        xmark(x, X_OPEN);
        expand_part(x, s + 1, e - 1, (mode & ~M_PARAM_WORD) | M_DQ);
      }
      s = e;
    } else if (c == '$') s = expand_dollar(x, s, mode);
    else if (c == '`') {
      const char *e = skip_backquote(s);
      char *text = unescape_backquoted(s + 1, e - 1, mode & M_DQ);
      put_command_output(x, text, mode);
      free(text);
      s = e;
    } else if (c == '~' && !(mode & M_DQ) && (s == start || ((mode & M_ASSIGN) && s[-1] == ':'))) {
      const char *after = expand_tilde(x, s, end, mode);
      if (after == s) xput(x, s++, 1, 0);
      else s = after;
    } else {
      xput(x, s++, 1, (mode & M_DQ) ? X_QUOTED : (mode & M_PARAM_WORD) ? X_SPLIT : 0);
    }
  }
  return failed ? -1 : 0;
}

/* ---- fields ---- */

struct field { struct strbuf text, pattern; int open, globbing; };

static void field_add(struct field *f, char c, int flags) {
  sb_putc(&f->text, c);
  if ((flags & X_QUOTED) && strchr("*?[]\\", c)) sb_putc(&f->pattern, '\\');
  sb_putc(&f->pattern, c);
  if (!(flags & X_QUOTED) && strchr("*?[", c)) f->globbing = 1;
  f->open = 1;
}

static int compare_strings(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void field_end(struct field *f, struct strlist *out) {
  if (!f->open) return;
  glob_t g;
  if (f->globbing && !sh.noglob && glob(f->pattern.p ? f->pattern.p : "", 0, 0, &g) == 0) {
    int first = out->n;
    for (size_t i = 0; i < g.gl_pathc; i++) sl_add(out, xstrdup(g.gl_pathv[i]));
    qsort(out->v + first, out->n - first, sizeof *out->v, compare_strings);
    globfree(&g);
    free(f->text.p);
  } else sl_add(out, sb_finish(&f->text));
  free(f->pattern.p);
  memset(f, 0, sizeof *f);
}

/* Field splitting (XCU 2.6.5): IFS white space runs separate fields and vanish at the ends; every
 * other IFS character ends a field, possibly an empty one. */
static void split_fields(struct xbuf *x, struct strlist *out) {
  const char *sep = ifs();
  struct field f = { 0 };
  int pending_other = 1; /* an IFS non-white character here would end an (empty) field */
  for (size_t i = 0; i < x->n; i++) {
    int fl = x->f[i];
    char c = x->c[i];
    if (fl & X_OPEN) { f.open = 1; sb_put(&f.text, "", 0); sb_put(&f.pattern, "", 0); continue; }
    if (fl & X_BREAK) { field_end(&f, out); pending_other = 1; continue; }
    if ((fl & X_SPLIT) && c && strchr(sep, c)) {
      int white = c == ' ' || c == '\t' || c == '\n';
      if (white) {
        if (f.open) { field_end(&f, out); pending_other = 0; }
      } else {
        if (f.open) field_end(&f, out);
        else if (pending_other) { f.open = 1; sb_put(&f.text, "", 0); field_end(&f, out); }
        pending_other = 1;
      }
      continue;
    }
    field_add(&f, c, fl);
    pending_other = 0;
  }
  field_end(&f, out);
}

int expand_fields(char **words, int n, struct strlist *out) {
  failed = 0;
  for (int i = 0; i < n; i++) {
    struct xbuf x = { 0 };
    if (expand_part(&x, words[i], words[i] + strlen(words[i]), 0) < 0) { xfree(&x); return -1; }
    split_fields(&x, out);
    xfree(&x);
  }
  if (!out->v) { /* no fields: still a NULL-terminated vector */
    out->v = xmalloc(sizeof *out->v);
    out->v[0] = 0;
    out->cap = 1;
  }
  return 0;
}

static char *expand_flat(const char *word, int mode) {
  failed = 0;
  struct xbuf x = { 0 };
  expand_part(&x, word, word + strlen(word), mode);
  char *s = flatten(&x);
  xfree(&x);
  return s;
}

char *expand_word(const char *word) { return expand_flat(word, 0); }
char *expand_assign_value(const char *value) { return expand_flat(value, M_ASSIGN); }
char *expand_heredoc(const char *body) { return expand_flat(body, M_HEREDOC); }

char *expand_pattern(const char *word) {
  failed = 0;
  struct xbuf x = { 0 };
  expand_part(&x, word, word + strlen(word), 0);
  char *s = to_pattern(&x);
  xfree(&x);
  return s;
}
