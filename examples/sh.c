/* sh: a small shell, and the guest's /bin/sh (system, popen run `sh -c`). `sh -c 'cmd'`,
 * `sh script`, or commands from standard input, one line at a time. Pipelines (|), redirections
 * (< > >> 2> 2>&1), && || ; and !, $VAR ${VAR} $? $$, the positional parameters $0 $1 ... ${10}
 * and $# (`sh -c 'cmd' name args...`, `sh script args...`), quotes and backslashes, NAME=value,
 * built-ins cd exit echo true false pwd export kill, and pathname expansion (* ? [...]; no field
 * splitting). Commands are found in PATH (default /bin:/usr/bin) and started with posix_spawnp;
 * l4wasm installs programs there. */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define MAX_TOKENS 4096
#define MAX_ARGS 256
#define MAX_REDIRS 16
#define MAX_STAGES 256

/* ---- tokens: words keep their quotes until they are expanded, when the command runs ---- */

enum { T_WORD, T_PIPE, T_AND, T_OR, T_SEMI, T_BANG, T_LT, T_GT, T_APPEND, T_ERR_GT, T_ERR_DUP, T_END };

struct token { int type; char *text; };

static struct token toks[MAX_TOKENS];
static int ntok, pos;
static int last_status;

static int tokenize(const char *s) {
  ntok = 0;
  for (;;) {
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
      if (*s == '\n' && ntok < MAX_TOKENS) toks[ntok++] = (struct token){ T_SEMI, 0 };
      s++;
    }
    if (ntok >= MAX_TOKENS - 1) { fprintf(stderr, "sh: line too long\n"); return -1; }
    if (!*s) break;
    if (*s == '#') { while (*s && *s != '\n') s++; continue; }
    struct token *t = &toks[ntok++];
    t->text = 0;
    if (s[0] == '2' && s[1] == '>' && s[2] == '&' && s[3] == '1') { t->type = T_ERR_DUP; s += 4; continue; }
    if (s[0] == '2' && s[1] == '>') { t->type = T_ERR_GT; s += 2; continue; }
    if (s[0] == '|' && s[1] == '|') { t->type = T_OR; s += 2; continue; }
    if (s[0] == '&' && s[1] == '&') { t->type = T_AND; s += 2; continue; }
    if (s[0] == '>' && s[1] == '>') { t->type = T_APPEND; s += 2; continue; }
    if (*s == '|') { t->type = T_PIPE; s++; continue; }
    if (*s == ';') { t->type = T_SEMI; s++; continue; }
    if (*s == '<') { t->type = T_LT; s++; continue; }
    if (*s == '>') { t->type = T_GT; s++; continue; }
    /* ! negates only where a pipeline starts; elsewhere it is a word (test ! -f x). */
    int starts = ntok == 1 || t[-1].type == T_SEMI || t[-1].type == T_AND || t[-1].type == T_OR;
    if (*s == '!' && starts && (s[1] == ' ' || s[1] == '\t' || s[1] == 0)) { t->type = T_BANG; s++; continue; }
    const char *start = s;
    while (*s && !strchr(" \t\n\r|&;<>", *s)) {
      if (*s == '\\' && s[1]) s += 2;
      else if (*s == '\'' || *s == '"') {
        char q = *s++;
        while (*s && *s != q) s += (q == '"' && *s == '\\' && s[1]) ? 2 : 1;
        if (!*s) { fprintf(stderr, "sh: unterminated quote\n"); return -1; }
        s++;
      } else s++;
    }
    t->type = T_WORD;
    t->text = strndup(start, s - start);
  }
  toks[ntok] = (struct token){ T_END, 0 };
  return 0;
}

static void free_tokens(void) {
  for (int i = 0; i < ntok; i++) free(toks[i].text);
  ntok = 0;
}

/* ---- expansion: quotes removed, $NAME ${NAME} $? $$ $N ${N} $# replaced ---- */

/* The positional parameters: $0 and $1 ... $nparams. */
static const char *param0 = "sh";
static char **params;
static int nparams;

struct buf { char *p; size_t n, cap; };

static void put(struct buf *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    b->cap = (b->n + n + 1) * 2;
    b->p = realloc(b->p, b->cap);
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = 0;
}

static const char *dollar(const char *s, struct buf *b) {
  char num[16];
  if (*s == '?') { snprintf(num, sizeof num, "%d", last_status); put(b, num, strlen(num)); return s + 1; }
  if (*s == '$') { snprintf(num, sizeof num, "%d", getpid()); put(b, num, strlen(num)); return s + 1; }
  if (*s == '#') { snprintf(num, sizeof num, "%d", nparams); put(b, num, strlen(num)); return s + 1; }
  int braced = *s == '{';
  const char *name = s + braced, *e = name;
  if (*name >= '0' && *name <= '9') {
    /* a positional parameter: one digit ($10 is $1 then 0), any number of them braced (${10}) */
    long n = 0;
    do n = n * 10 + (*e++ - '0'); while (braced && *e >= '0' && *e <= '9' && n < 100000);
    const char *v = n == 0 ? param0 : n <= nparams ? params[n - 1] : 0;
    if (v) put(b, v, strlen(v));
    return braced && *e == '}' ? e + 1 : e;
  }
  while (*e == '_' || (*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9')) e++;
  if (e == name) { put(b, "$", 1); return s; }
  char *n = strndup(name, e - name);
  const char *v = getenv(n);
  free(n);
  if (v) put(b, v, strlen(v));
  return braced && *e == '}' ? e + 1 : e;
}

/* Appends `n` bytes that came quoted (or from a variable) to the pattern: glob(3) must take them literally. */
static void put_literal(struct buf *pat, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (strchr("*?[\\", s[i])) put(pat, "\\", 1);
    put(pat, s + i, 1);
  }
}

/*
 * A word with its quotes removed and its parameters expanded; with `pattern`, also the pattern
 * for pathname expansion (unquoted *, ? and [ stay special, everything else is escaped), and
 * whether it has any such character (*globbing).
 */
static char *expand_word(const char *s, struct buf *pattern, int *globbing) {
  struct buf b = { 0, 0, 0 };
  put(&b, "", 0);
  if (pattern) put(pattern, "", 0);
  while (*s) {
    size_t before = b.n;
    int quoted = 1;
    if (*s == '\\' && s[1]) { put(&b, s + 1, 1); s += 2; }
    else if (*s == '\'') {
      const char *e = strchr(s + 1, '\'');
      put(&b, s + 1, e - s - 1);
      s = e + 1;
    } else if (*s == '"') {
      s++;
      while (*s != '"') {
        if (*s == '\\' && s[1] && strchr("\"\\$", s[1])) { put(&b, s + 1, 1); s += 2; }
        else if (*s == '$') s = dollar(s + 1, &b);
        else put(&b, s++, 1);
      }
      s++;
    } else if (*s == '$') { quoted = 0; s = dollar(s + 1, &b); }
    else { quoted = 0; put(&b, s++, 1); }
    if (!pattern) continue;
    if (quoted) put_literal(pattern, b.p + before, b.n - before);
    else {
      /* Unquoted text and an unquoted parameter's value are patterns (POSIX). */
      put(pattern, b.p + before, b.n - before);
      for (size_t i = before; i < b.n; i++) if (strchr("*?[", b.p[i])) *globbing = 1;
    }
  }
  return b.p;
}

static char *expand(const char *s) { return expand_word(s, 0, 0); }

/* ---- commands ---- */

struct redir { int fd; int kind; char *path; }; /* kind: T_LT, T_GT, T_APPEND, T_ERR_DUP */

struct command {
  char *argv[MAX_ARGS + 1];
  int argc;
  struct redir redirs[MAX_REDIRS];
  int nredir;
};

static void free_command(struct command *c) {
  for (int i = 0; i < c->argc; i++) free(c->argv[i]);
  for (int i = 0; i < c->nredir; i++) free(c->redirs[i].path);
}

/* Adds word `text` to c's arguments, expanded; an unquoted *, ? or [ makes it the sorted names it matches (none: the word itself, as POSIX says). */
static int add_argument(struct command *c, const char *text) {
  struct buf pattern = { 0, 0, 0 };
  int globbing = 0;
  char *word = expand_word(text, &pattern, &globbing);
  glob_t g;
  if (globbing && glob(pattern.p, 0, 0, &g) == 0) {
    free(word);
    for (size_t i = 0; i < g.gl_pathc; i++) {
      if (c->argc == MAX_ARGS) { globfree(&g); free(pattern.p); fprintf(stderr, "sh: too many arguments\n"); return -1; }
      c->argv[c->argc++] = strdup(g.gl_pathv[i]);
    }
    globfree(&g);
  } else {
    if (c->argc == MAX_ARGS) { free(word); free(pattern.p); fprintf(stderr, "sh: too many arguments\n"); return -1; }
    c->argv[c->argc++] = word;
  }
  free(pattern.p);
  return 0;
}

/* Parses (and expands) one simple command at pos; -1 on a syntax error. */
static int parse_command(struct command *c) {
  c->argc = c->nredir = 0;
  for (;;) {
    struct token *t = &toks[pos];
    if (t->type == T_WORD) {
      if (add_argument(c, t->text) < 0) return -1;
      pos++;
    } else if (t->type == T_LT || t->type == T_GT || t->type == T_APPEND || t->type == T_ERR_GT || t->type == T_ERR_DUP) {
      if (c->nredir == MAX_REDIRS) { fprintf(stderr, "sh: too many redirections\n"); return -1; }
      struct redir *r = &c->redirs[c->nredir++];
      r->fd = t->type == T_LT ? 0 : (t->type == T_ERR_GT || t->type == T_ERR_DUP) ? 2 : 1;
      r->kind = t->type == T_ERR_GT ? T_GT : t->type;
      r->path = 0;
      pos++;
      if (t->type != T_ERR_DUP) {
        if (toks[pos].type != T_WORD) { fprintf(stderr, "sh: syntax error: a redirection needs a file name\n"); return -1; }
        r->path = expand(toks[pos++].text);
      }
    } else break;
  }
  c->argv[c->argc] = 0;
  if (c->argc == 0 && c->nredir == 0) { fprintf(stderr, "sh: syntax error near an operator\n"); return -1; }
  return 0;
}

static int open_flags(int kind) {
  return kind == T_LT ? O_RDONLY : kind == T_GT ? O_WRONLY | O_CREAT | O_TRUNC : O_WRONLY | O_CREAT | O_APPEND;
}

static int is_assignment(const char *w) {
  const char *eq = strchr(w, '=');
  if (!eq || eq == w) return 0;
  for (const char *p = w; p < eq; p++)
    if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (p > w && *p >= '0' && *p <= '9'))) return 0;
  return 1;
}

static void set_var(const char *assignment) {
  const char *eq = strchr(assignment, '=');
  char *name = strndup(assignment, eq - assignment);
  setenv(name, eq + 1, 1);
  free(name);
}

static int is_builtin(const char *name) {
  static const char *const names[] = { "cd", "exit", "echo", "true", "false", "pwd", "export", ":", "kill", 0 };
  for (int i = 0; names[i]; i++) if (!strcmp(name, names[i])) return 1;
  return 0;
}

/* ---- kill: kill [-s NAME | -NAME | -N | -n N] [--] pid..., kill -l [status | NAME...] ---- */

static const char *const signal_names[] = { 0, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
  "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
  "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS" };
#define NAMED_SIGNALS ((int)(sizeof signal_names / sizeof *signal_names))

/* A signal by name (TERM, SIGTERM, any case) or number (0 .. 64); -1 when it is neither. */
static int signal_number(const char *s) {
  char *end;
  long n = strtol(s, &end, 10);
  if (*s && !*end) return n >= 0 && n < 65 ? (int)n : -1;
  if (!strncasecmp(s, "SIG", 3)) s += 3;
  for (int i = 1; i < NAMED_SIGNALS; i++) if (!strcasecmp(s, signal_names[i])) return i;
  return -1;
}

static void print_signal_name(int sig) {
  if (sig > 0 && sig < NAMED_SIGNALS) printf("%s\n", signal_names[sig]);
  else printf("%d\n", sig);
}

static int kill_builtin(int argc, char **argv) {
  int sig = SIGTERM, i = 1;
  if (i < argc && !strcmp(argv[i], "-l")) {
    if (i + 1 == argc) {
      for (int s = 1; s < NAMED_SIGNALS; s++) print_signal_name(s);
      return 0;
    }
    int status = 0;
    for (i++; i < argc; i++) {
      char *end;
      long n = strtol(argv[i], &end, 10);
      if (*argv[i] && !*end) {
        /* A number is a signal, or the exit status of a process a signal ended (128 + signal). */
        int s = n > 128 ? (int)(n - 128) : (int)n;
        if (s > 0 && s < 65) print_signal_name(s);
        else { fprintf(stderr, "sh: kill: %s: invalid signal specification\n", argv[i]); status = 1; }
      } else {
        int s = signal_number(argv[i]);
        if (s > 0) printf("%d\n", s);
        else { fprintf(stderr, "sh: kill: %s: invalid signal specification\n", argv[i]); status = 1; }
      }
    }
    return status;
  }
  if (i < argc && (!strcmp(argv[i], "-s") || !strcmp(argv[i], "-n"))) {
    if (i + 1 >= argc) { fprintf(stderr, "sh: kill: %s: option requires an argument\n", argv[i]); return 2; }
    sig = signal_number(argv[i + 1]);
    if (sig < 0) { fprintf(stderr, "sh: kill: %s: invalid signal specification\n", argv[i + 1]); return 1; }
    i += 2;
  } else if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--")) {
    sig = signal_number(argv[i] + 1);
    if (sig < 0) { fprintf(stderr, "sh: kill: %s: invalid signal specification\n", argv[i] + 1); return 1; }
    i++;
  }
  if (i < argc && !strcmp(argv[i], "--")) i++;
  if (i >= argc) {
    fprintf(stderr, "usage: kill [-s sigspec | -n signum | -sigspec] pid ... or kill -l [sigspec]\n");
    return 2;
  }
  int status = 0;
  for (; i < argc; i++) {
    char *end;
    long pid = strtol(argv[i], &end, 10);
    if (!*argv[i] || *end) {
      fprintf(stderr, "sh: kill: %s: arguments must be process or job IDs\n", argv[i]);
      status = 1;
      continue;
    }
    if (kill((pid_t)pid, sig) < 0) {
      fprintf(stderr, "sh: kill: (%ld) - %s\n", pid, strerror(errno));
      status = 1;
    }
  }
  return status;
}

/* Runs a built-in in the shell itself with its redirections applied for the time it runs. */
static int builtin(struct command *c) {
  int saved[3] = { -1, -1, -1 };
  int status = 0;
  for (int i = 0; i < c->nredir; i++) {
    struct redir *r = &c->redirs[i];
    if (saved[r->fd] < 0) saved[r->fd] = dup(r->fd);
    fflush(stdout);
    int fd = r->kind == T_ERR_DUP ? dup(1) : open(r->path, open_flags(r->kind), 0644);
    if (fd < 0) { fprintf(stderr, "sh: %s: %s\n", r->path ? r->path : "2>&1", strerror(errno)); status = 1; goto restore; }
    dup2(fd, r->fd);
    close(fd);
  }
  const char *name = c->argv[0];
  if (!strcmp(name, "true") || !strcmp(name, ":")) status = 0;
  else if (!strcmp(name, "false")) status = 1;
  else if (!strcmp(name, "echo")) {
    int i = 1, newline = 1;
    if (c->argv[1] && !strcmp(c->argv[1], "-n")) { newline = 0; i++; }
    for (; i < c->argc; i++) printf("%s%s", c->argv[i], i + 1 < c->argc ? " " : "");
    if (newline) printf("\n");
  } else if (!strcmp(name, "pwd")) {
    char b[1024];
    if (getcwd(b, sizeof b)) printf("%s\n", b); else status = 1;
  } else if (!strcmp(name, "cd")) {
    const char *dir = c->argc > 1 ? c->argv[1] : getenv("HOME") ? getenv("HOME") : "/";
    if (chdir(dir) < 0) { fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno)); status = 1; }
    else { char b[1024]; if (getcwd(b, sizeof b)) setenv("PWD", b, 1); }
  } else if (!strcmp(name, "export")) {
    for (int i = 1; i < c->argc; i++) {
      if (is_assignment(c->argv[i])) set_var(c->argv[i]);
      else if (!getenv(c->argv[i])) setenv(c->argv[i], "", 1);
    }
  } else if (!strcmp(name, "kill")) {
    status = kill_builtin(c->argc, c->argv);
  } else if (!strcmp(name, "exit")) {
    fflush(stdout);
    exit(c->argc > 1 ? atoi(c->argv[1]) : last_status);
  }
restore:
  fflush(stdout);
  fflush(stderr);
  for (int fd = 0; fd < 3; fd++) if (saved[fd] >= 0) { dup2(saved[fd], fd); close(saved[fd]); }
  return status;
}

static int status_of(int s) {
  return WIFEXITED(s) ? WEXITSTATUS(s) : WIFSIGNALED(s) ? 128 + WTERMSIG(s) : 1;
}

/* Starts an external command with stdin `in` and stdout `out` (-1: the shell's), closing `other`
 * (the pipe end the child must not hold). Returns its pid, or -1 with last_status set. */
static pid_t start(struct command *c, int in, int out, int other) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (in >= 0) { posix_spawn_file_actions_adddup2(&fa, in, 0); posix_spawn_file_actions_addclose(&fa, in); }
  if (out >= 0) { posix_spawn_file_actions_adddup2(&fa, out, 1); posix_spawn_file_actions_addclose(&fa, out); }
  if (other >= 0) posix_spawn_file_actions_addclose(&fa, other);
  for (int i = 0; i < c->nredir; i++) {
    struct redir *r = &c->redirs[i];
    if (r->kind == T_ERR_DUP) posix_spawn_file_actions_adddup2(&fa, 1, 2);
    else posix_spawn_file_actions_addopen(&fa, r->fd, r->path, open_flags(r->kind), 0644);
  }
  pid_t pid;
  int e = posix_spawnp(&pid, c->argv[0], &fa, 0, c->argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  if (e) {
    /* A redirection that could not be made is the file's error, not the command's (as bash says it). */
    for (int i = 0; i < c->nredir; i++) {
      struct redir *r = &c->redirs[i];
      if (r->kind == T_ERR_DUP) continue;
      int fd = open(r->path, open_flags(r->kind), 0644);
      if (fd >= 0) { close(fd); continue; }
      fprintf(stderr, "sh: %s: %s\n", r->path, strerror(errno));
      last_status = 1;
      return -1;
    }
    /* the message goes where the command's standard error would have gone */
    int err = 2;
    for (int i = 0; i < c->nredir; i++) {
      struct redir *r = &c->redirs[i];
      if (r->fd != 2) continue;
      if (err != 2) close(err);
      err = r->kind == T_ERR_DUP ? (out >= 0 ? dup(out) : dup(1)) : open(r->path, open_flags(r->kind), 0644);
      if (err < 0) err = 2;
    }
    if (e == ENOENT) dprintf(err, "sh: %s: not found\n", c->argv[0]);
    else dprintf(err, "sh: %s: %s\n", c->argv[0], strerror(e));
    if (err != 2) close(err);
    last_status = e == ENOENT ? 127 : 126;
    return -1;
  }
  return pid;
}

/* A pipeline at pos: its exit status (the last command's), or -1 on a syntax error. */
static int pipeline(int run) {
  int negate = 0;
  if (toks[pos].type == T_BANG) { negate = 1; pos++; }
  static struct command cmds[MAX_STAGES];
  int n = 0;
  for (;;) {
    if (n == MAX_STAGES) { fprintf(stderr, "sh: pipeline too long\n"); return -1; }
    if (parse_command(&cmds[n]) < 0) { for (int i = 0; i <= n; i++) free_command(&cmds[i]); return -1; }
    n++;
    if (toks[pos].type != T_PIPE) break;
    pos++;
  }
  if (!run) { for (int i = 0; i < n; i++) free_command(&cmds[i]); return last_status; }
  int status = 0;
  if (n == 1 && cmds[0].argc > 0 && is_assignment(cmds[0].argv[0]) && cmds[0].argc == 1) {
    set_var(cmds[0].argv[0]);
  } else if (n == 1 && cmds[0].argc > 0 && is_builtin(cmds[0].argv[0])) {
    status = builtin(&cmds[0]);
  } else {
    static pid_t pids[MAX_STAGES];
    static int builtin_out[MAX_STAGES];
    int in = -1;
    /* External stages start first, left to right; built-ins in a pipeline run afterwards in the
     * shell, writing into their pipe (their readers are running by then). */
    for (int i = 0; i < n; i++) {
      int p[2] = { -1, -1 };
      if (i + 1 < n && pipe(p) < 0) { perror("sh: pipe"); status = 1; n = i; break; }
      fcntl(p[0], F_SETFD, FD_CLOEXEC);
      pids[i] = -1;
      builtin_out[i] = -1;
      if (cmds[i].argc == 0) { /* redirections only: nothing runs */ }
      else if (is_builtin(cmds[i].argv[0])) {
        /* held until the built-in runs: later stages must not inherit it (their reader would never see EOF) */
        if (p[1] >= 0) fcntl(p[1], F_SETFD, FD_CLOEXEC);
        builtin_out[i] = p[1];
        p[1] = -1;
      }
      else pids[i] = start(&cmds[i], in, p[1], p[0]);
      if (in >= 0) close(in);
      if (p[1] >= 0) close(p[1]);
      in = p[0];
    }
    if (in >= 0) close(in);
    for (int i = 0; i < n; i++) {
      if (builtin_out[i] < 0 && !(i + 1 == n && cmds[i].argc > 0 && is_builtin(cmds[i].argv[0]))) continue;
      int saved = -1;
      /* a built-in writing into a pipe whose reader is gone gets EPIPE, not the shell's death */
      void (*old)(int) = signal(SIGPIPE, SIG_IGN);
      if (builtin_out[i] >= 0) { fflush(stdout); saved = dup(1); dup2(builtin_out[i], 1); close(builtin_out[i]); }
      int s = builtin(&cmds[i]);
      if (saved >= 0) { fflush(stdout); clearerr(stdout); dup2(saved, 1); close(saved); }
      signal(SIGPIPE, old);
      if (i + 1 == n) status = s;
    }
    for (int i = 0; i < n; i++) {
      if (pids[i] < 0) { if (i + 1 == n && cmds[i].argc > 0 && !is_builtin(cmds[i].argv[0])) status = last_status; continue; }
      int s;
      while (waitpid(pids[i], &s, 0) < 0 && errno == EINTR) {}
      if (i + 1 == n) status = status_of(s);
    }
  }
  for (int i = 0; i < n; i++) free_command(&cmds[i]);
  return negate ? !status : status;
}

/* A list: pipelines joined by && || ; and newlines. Returns -1 on a syntax error. */
static int list(void) {
  int run = 1;
  while (toks[pos].type != T_END) {
    if (toks[pos].type == T_SEMI) { pos++; run = 1; continue; }
    int s = pipeline(run);
    if (s < 0) return -1;
    if (run) last_status = s;
    int t = toks[pos].type;
    /* a skipped pipeline leaves $? alone: `false && a || b` runs b, `true || a && b` runs b */
    if (t == T_AND) { run = last_status == 0; pos++; }
    else if (t == T_OR) { run = last_status != 0; pos++; }
    else if (t == T_SEMI) { run = 1; pos++; }
    else if (t != T_END) { fprintf(stderr, "sh: syntax error\n"); return -1; }
    if ((t == T_AND || t == T_OR) && toks[pos].type == T_END) { fprintf(stderr, "sh: syntax error: a command is missing\n"); return -1; }
  }
  return 0;
}

static int run_text(const char *text) {
  pos = 0;
  if (tokenize(text) < 0) { free_tokens(); return 2; }
  int r = list();
  free_tokens();
  return r < 0 ? 2 : last_status;
}

static char *read_all(FILE *f) {
  struct buf b = { 0, 0, 0 };
  put(&b, "", 0);
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) put(&b, chunk, n);
  return b.p;
}

int main(int argc, char **argv) {
  if (!getenv("PATH")) setenv("PATH", "/bin:/usr/bin", 1);
  signal(SIGPIPE, SIG_DFL);
  param0 = argv[0];
  if (argc > 2 && !strcmp(argv[1], "-c")) {
    /* sh -c command [name [argument...]]: name is $0, the arguments $1 ... (POSIX) */
    if (argc > 3) { param0 = argv[3]; params = argv + 4; nparams = argc - 4; }
    return run_text(argv[2]);
  }
  if (argc > 1) {
    param0 = argv[1];
    params = argv + 2;
    nparams = argc - 2;
    FILE *f = fopen(argv[1], "r");
    if (!f) { fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno)); return 127; }
    char *text = read_all(f);
    fclose(f);
    int r = run_text(text);
    free(text);
    return r;
  }
  /* standard input, a line at a time (a syntax error ends only that line) */
  char line[8192];
  while (fgets(line, sizeof line, stdin)) {
    int r = run_text(line);
    if (r == 2 && last_status != 2) last_status = 2;
  }
  return last_status;
}
