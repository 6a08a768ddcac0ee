/* sh: shell variables (exported or not, read-only), function-local saves, the positional
 * parameters and the function table. The environment of a new program is built from here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

struct var { struct var *next; char *name, *value; int flags; };

#define BUCKETS 256
static struct var *buckets[BUCKETS];
static int nvars;

static unsigned hash(const char *s) {
  unsigned h = 5381;
  while (*s) h = h * 33 + (unsigned char)*s++;
  return h % BUCKETS;
}

static struct var *lookup(const char *name) {
  for (struct var *v = buckets[hash(name)]; v; v = v->next) if (!strcmp(v->name, name)) return v;
  return 0;
}

static struct var *create(const char *name) {
  struct var *v = lookup(name);
  if (v) return v;
  v = xmalloc(sizeof *v);
  v->name = xstrdup(name);
  v->value = 0;
  v->flags = 0;
  unsigned h = hash(name);
  v->next = buckets[h];
  buckets[h] = v;
  nvars++;
  return v;
}

void vars_init(char **env) {
  for (char **e = env; e && *e; e++) {
    const char *eq = strchr(*e, '=');
    if (!eq || !is_name(*e, eq - *e)) continue;
    char *name = xstrndup(*e, eq - *e);
    struct var *v = create(name);
    free(name);
    free(v->value);
    v->value = xstrdup(eq + 1);
    v->flags = V_EXPORT;
  }
  var_set("IFS", " \t\n", 0);
  var_set("PS1", "$ ", 0);
  var_set("PS2", "> ", 0);
  var_set("PS4", "+ ", 0);
  var_set("OPTIND", "1", 0);
  char num[16];
  snprintf(num, sizeof num, "%d", (int)getppid());
  var_set("PPID", num, 0);
}

const char *var_get(const char *name) {
  struct var *v = lookup(name);
  return v ? v->value : 0;
}

int var_flags(const char *name) {
  struct var *v = lookup(name);
  return v ? v->flags : 0;
}

int var_set(const char *name, const char *value, int flags) {
  struct var *v = create(name);
  if (v->flags & V_READONLY) { sh_error_at(sh.line, "%s: is read only", name); return -1; }
  char *copy = value ? xstrdup(value) : 0;
  free(v->value);
  v->value = copy;
  v->flags |= flags;
  return 0;
}

void var_add_flags(const char *name, int flags) { create(name)->flags |= flags; }

int var_assign(const char *assignment, int flags) {
  const char *eq = strchr(assignment, '=');
  char *name = xstrndup(assignment, eq - assignment);
  int r = var_set(name, eq + 1, flags);
  free(name);
  return r;
}

int var_unset(const char *name) {
  unsigned h = hash(name);
  for (struct var **p = &buckets[h]; *p; p = &(*p)->next) {
    struct var *v = *p;
    if (strcmp(v->name, name)) continue;
    if (v->flags & V_READONLY) { sh_error_at(sh.line, "unset: %s: is read only", name); return -1; }
    *p = v->next;
    free(v->name);
    free(v->value);
    free(v);
    nvars--;
    return 0;
  }
  return 0;
}

char **vars_environ(struct strlist *extra) {
  struct strlist env = { 0 };
  for (int b = 0; b < BUCKETS; b++)
    for (struct var *v = buckets[b]; v; v = v->next) {
      if (!(v->flags & V_EXPORT) || !v->value) continue;
      int overridden = 0;
      for (int i = 0; extra && i < extra->n; i++) {
        size_t n = strchr(extra->v[i], '=') - extra->v[i];
        if (strlen(v->name) == n && !strncmp(v->name, extra->v[i], n)) overridden = 1;
      }
      if (overridden) continue;
      struct strbuf s = { 0 };
      sb_puts(&s, v->name);
      sb_putc(&s, '=');
      sb_puts(&s, v->value);
      sl_add(&env, sb_finish(&s));
    }
  for (int i = 0; extra && i < extra->n; i++) sl_add(&env, xstrdup(extra->v[i]));
  if (!env.v) { env.v = xmalloc(sizeof *env.v); env.v[0] = 0; }
  return env.v;
}

static int by_name(const void *a, const void *b) {
  return strcmp((*(struct var *const *)a)->name, (*(struct var *const *)b)->name);
}

void vars_print(int only_flags, const char *prefix) {
  struct var **all = xmalloc((nvars + 1) * sizeof *all);
  int n = 0;
  for (int b = 0; b < BUCKETS; b++)
    for (struct var *v = buckets[b]; v; v = v->next)
      if ((only_flags ? (v->flags & only_flags) != 0 : v->value != 0)) all[n++] = v;
  qsort(all, n, sizeof *all, by_name);
  for (int i = 0; i < n; i++) {
    if (all[i]->value) {
      char *q = quote_for_reuse(all[i]->value);
      printf("%s%s=%s\n", prefix, all[i]->name, q);
      free(q);
    } else printf("%s%s\n", prefix, all[i]->name);
  }
  free(all);
}

/* ---- local variables: each function call is a frame of saved values ---- */

struct saved_var { struct saved_var *next; char *name, *value; int flags, existed; };
struct frame { struct frame *up; struct saved_var *saved; };
static struct frame *frames;

void locals_push(void) {
  struct frame *f = xmalloc(sizeof *f);
  f->up = frames;
  f->saved = 0;
  frames = f;
}

void locals_pop(void) {
  struct frame *f = frames;
  if (!f) return;
  while (f->saved) {
    struct saved_var *s = f->saved;
    f->saved = s->next;
    if (s->existed) {
      struct var *v = create(s->name);
      free(v->value);
      v->value = s->value;
      v->flags = s->flags;
    } else {
      struct var *v = lookup(s->name);
      if (v) v->flags &= ~V_READONLY;
      var_unset(s->name);
      free(s->value);
    }
    free(s->name);
    free(s);
  }
  frames = f->up;
  free(f);
}

int local_declare(const char *name) {
  if (!frames) return -1;
  for (struct saved_var *s = frames->saved; s; s = s->next) if (!strcmp(s->name, name)) return 0;
  struct saved_var *s = xmalloc(sizeof *s);
  struct var *v = lookup(name);
  s->name = xstrdup(name);
  s->existed = v != 0;
  s->value = v && v->value ? xstrdup(v->value) : 0;
  s->flags = v ? v->flags : 0;
  s->next = frames->saved;
  frames->saved = s;
  return 0;
}

/* ---- positional parameters ---- */

struct params params;
char *arg0 = "sh";

void params_set(char **v, int n) {
  for (int i = 0; i < params.n; i++) free(params.v[i]);
  free(params.v);
  params.v = xmalloc((n + 1) * sizeof *params.v);
  for (int i = 0; i < n; i++) params.v[i] = xstrdup(v[i]);
  params.v[n] = 0;
  params.n = n;
}

struct params params_save(void) {
  struct params saved = params;
  params.v = 0;
  params.n = 0;
  return saved;
}

void params_restore(struct params saved) {
  for (int i = 0; i < params.n; i++) free(params.v[i]);
  free(params.v);
  params = saved;
}

/* ---- functions ---- */

struct func { struct func *next; char *name; struct node *body; };
static struct func *funcs;

struct node *func_get(const char *name) {
  for (struct func *f = funcs; f; f = f->next) if (!strcmp(f->name, name)) return f->body;
  return 0;
}

void func_set(const char *name, struct node *body) {
  for (struct func *f = funcs; f; f = f->next) if (!strcmp(f->name, name)) { f->body = body; return; }
  struct func *f = xmalloc(sizeof *f);
  f->name = xstrdup(name);
  f->body = body;
  f->next = funcs;
  funcs = f;
}

int func_unset(const char *name) {
  for (struct func **p = &funcs; *p; p = &(*p)->next) {
    if (strcmp((*p)->name, name)) continue;
    struct func *f = *p;
    *p = f->next;
    free(f->name);
    free(f);
    return 0;
  }
  return 0;
}
