/* sh: the evaluator. Walks the syntax tree: simple commands (built-ins, functions, programs
 * started with posix_spawn), pipelines, lists, compound commands, redirections, subshells and
 * command substitutions (fork), background jobs. break/continue/return/exit travel up the tree
 * as a pending jump that every level checks. */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

struct shell_state sh = { .subst_status = -1 };

/* ---- redirections: each changed descriptor is saved (a close-on-exec copy) to be put back ---- */

struct saved_fd { int fd, copy; }; /* copy -1: fd was closed before */
static struct saved_fd *saved;
static int nsaved, saved_cap;
static int command_mark; /* the saves of the command running now (exec keeps them) */

static void save_fd(int fd) {
  if (nsaved == saved_cap) {
    saved_cap = saved_cap * 2 + 8;
    saved = xrealloc(saved, saved_cap * sizeof *saved);
  }
  int copy = fcntl(fd, F_DUPFD_CLOEXEC, 10);
  saved[nsaved++] = (struct saved_fd){ fd, copy };
}

void redirs_mark(int *mark) { *mark = nsaved; }

void redirs_restore(int mark) {
  fflush(stdout);
  fflush(stderr);
  while (nsaved > mark) {
    struct saved_fd s = saved[--nsaved];
    if (s.copy >= 0) { dup2(s.copy, s.fd); close(s.copy); }
    else close(s.fd);
  }
}

void redirs_forget(void) {
  for (int i = command_mark; i < nsaved; i++) if (saved[i].copy >= 0) close(saved[i].copy);
  if (nsaved > command_mark) nsaved = command_mark;
}

/* Moves fd `from` to `to` (saving `to` first when asked). */
static void move_fd(int from, int to, int save) {
  fflush(stdout);
  if (save) save_fd(to);
  if (from != to) { dup2(from, to); close(from); }
}

/* A here-document's body as a descriptor to read: a pipe, filled by a child when it is large. */
static int heredoc_fd(struct redir *r) {
  char *body = r->heredoc_quoted ? xstrdup(r->heredoc ? r->heredoc : "") : expand_heredoc(r->heredoc ? r->heredoc : "");
  if (expand_failed()) { free(body); return -1; }
  int p[2];
  if (pipe(p) < 0) { sh_error("pipe: %s", strerror(errno)); free(body); return -1; }
  size_t n = strlen(body);
  if (n <= 4096) {
    if (n) write(p[1], body, n);
  } else {
    pid_t pid = fork_subshell();
    if (pid == 0) {
      close(p[0]);
      signal(SIGPIPE, SIG_DFL);
      for (size_t off = 0; off < n;) {
        ssize_t w = write(p[1], body + off, n - off);
        if (w <= 0) break;
        off += (size_t)w;
      }
      _exit(0);
    }
  }
  close(p[1]);
  free(body);
  return p[0];
}

int apply_redirs(struct redir *r, int save) {
  for (; r; r = r->next) {
    int fd = -1;
    if (r->kind == R_HEREDOC) {
      if ((fd = heredoc_fd(r)) < 0) return -1;
      move_fd(fd, r->fd, save);
      continue;
    }
    char *target = expand_word(r->target);
    if (expand_failed()) { free(target); return -1; }
    if (r->kind == R_DUPIN || r->kind == R_DUPOUT) {
      if (!strcmp(target, "-")) {
        fflush(stdout);
        if (save) save_fd(r->fd);
        close(r->fd);
        free(target);
        continue;
      }
      char *end;
      long from = strtol(target, &end, 10);
      if (!*target || *end || from < 0 || fcntl((int)from, F_GETFD) < 0) {
        sh_error_at(sh.line, "%s: Bad file descriptor", target);
        free(target);
        return -1;
      }
      free(target);
      if (from == r->fd) continue;
      fflush(stdout);
      if (save) save_fd(r->fd);
      dup2((int)from, r->fd);
      continue;
    }
    static const int flags[] = {
      [R_IN] = O_RDONLY, [R_OUT] = O_WRONLY | O_CREAT | O_TRUNC, [R_CLOBBER] = O_WRONLY | O_CREAT | O_TRUNC,
      [R_APPEND] = O_WRONLY | O_CREAT | O_APPEND, [R_RDWR] = O_RDWR | O_CREAT,
    };
    fd = open(target, flags[r->kind], 0666);
    if (fd < 0) {
      sh_error("%s: %s", target, strerror(errno));
      free(target);
      return -1;
    }
    free(target);
    move_fd(fd, r->fd, save);
  }
  return 0;
}

/* ---- processes ---- */

static int status_of(int s) {
  return WIFEXITED(s) ? WEXITSTATUS(s) : WIFSIGNALED(s) ? 128 + WTERMSIG(s) : 1;
}

int wait_pid(pid_t pid) {
  int s;
  while (waitpid(pid, &s, 0) < 0) {
    if (errno != EINTR) return 127;
    traps_run_pending();
  }
  return status_of(s);
}

pid_t fork_subshell(void) {
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  /* ENOSYS: a decoupled shell has no fork; callers that can do without one say nothing */
  if (pid < 0 && !(errno == ENOSYS && sh.fork_optional)) sh_error("fork: %s", strerror(errno));
  if (pid < 0) return -1;
  if (pid == 0) {
    /* the saved descriptors belong to the parent's redirections: this process never puts them back */
    for (int i = 0; i < nsaved; i++) if (saved[i].copy >= 0) close(saved[i].copy);
    nsaved = command_mark = 0;
    sh.subshell = 1;
    traps_reset_for_subshell();
  }
  return pid;
}

_Noreturn void sh_exit(int status) {
  sh.status = status;
  trap_run_exit();
  fflush(stdout);
  fflush(stderr);
  _exit(sh.status);
}

void request_exit(int status) {
  sh.status = status;
  sh.jump = J_EXIT;
}

/* background jobs, remembered until `wait` collects them */
struct job { pid_t pid; int status, done; };
static struct job *jobs;
static int njobs;

void job_add(pid_t pid) {
  jobs = xrealloc(jobs, (njobs + 1) * sizeof *jobs);
  jobs[njobs++] = (struct job){ pid, 0, 0 };
}

int job_wait(pid_t pid) {
  for (int i = 0; i < njobs; i++) {
    if (jobs[i].pid != pid) continue;
    int s = jobs[i].done ? jobs[i].status : wait_pid(pid);
    jobs[i] = jobs[--njobs];
    return s;
  }
  return 127;
}

int job_wait_all(void) {
  while (njobs > 0) job_wait(jobs[njobs - 1].pid);
  return 0;
}

char *find_in_path(const char *name) {
  if (strchr(name, '/')) return xstrdup(name);
  const char *path = var_get("PATH");
  if (!path) path = "/bin:/usr/bin";
  for (const char *p = path;; ) {
    const char *colon = strchr(p, ':');
    size_t n = colon ? (size_t)(colon - p) : strlen(p);
    struct strbuf b = { 0 };
    sb_put(&b, n ? p : ".", n ? n : 1);
    sb_putc(&b, '/');
    sb_puts(&b, name);
    struct stat st;
    if (stat(b.p, &st) == 0 && S_ISREG(st.st_mode) && access(b.p, X_OK) == 0) return sb_finish(&b);
    free(b.p);
    if (!colon) return 0;
    p = colon + 1;
  }
}

/* ---- simple commands ---- */

static void trace(struct strlist *assigns, char **argv) {
  const char *ps4 = var_get("PS4");
  struct strbuf b = { 0 };
  sb_puts(&b, ps4 ? ps4 : "");
  int first = 1;
  for (int i = 0; i < assigns->n; i++, first = 0) {
    if (!first) sb_putc(&b, ' ');
    sb_puts(&b, assigns->v[i]);
  }
  for (int i = 0; argv[i]; i++, first = 0) {
    if (!first) sb_putc(&b, ' ');
    sb_puts(&b, argv[i]); /* as dash shows them: unquoted */
  }
  sb_putc(&b, '\n');
  fflush(stdout);
  fputs(b.p, stderr);
  fflush(stderr);
  free(b.p);
}

static int call_function(struct node *body, char **argv, int argc, struct strlist *assigns) {
  struct params saved = params_save();
  params_set(argv + 1, argc - 1);
  locals_push();
  for (int i = 0; i < assigns->n; i++) {
    char *name = xstrndup(assigns->v[i], strchr(assigns->v[i], '=') - assigns->v[i]);
    local_declare(name);
    free(name);
    var_assign(assigns->v[i], V_EXPORT);
  }
  int loops = sh.loop_depth;
  sh.loop_depth = 0;
  sh.func_depth++;
  int status = eval(body);
  if (sh.jump == J_RETURN) { sh.jump = J_NONE; status = sh.status; }
  sh.func_depth--;
  sh.loop_depth = loops;
  locals_pop();
  params_restore(saved);
  return status;
}

/*
 * A file that is no program (ENOEXEC) is a script: the interpreter its #! line names, or this
 * shell (XCU 2.9.1.1). The argument vector for that, and in *interp the interpreter's path.
 */
char **script_argv(const char *path, char **argv, char **interp) {
  char line[256] = "";
  int fd = open(path, O_RDONLY);
  if (fd >= 0) {
    ssize_t n = read(fd, line, sizeof line - 1);
    line[n > 0 ? n : 0] = 0;
    close(fd);
  }
  struct strlist v = { 0 };
  if (line[0] == '#' && line[1] == '!') {
    char *nl = strchr(line, '\n');
    if (nl) *nl = 0;
    char *name = line + 2 + strspn(line + 2, " \t");
    char *arg = name + strcspn(name, " \t");
    if (*arg) { *arg++ = 0; arg += strspn(arg, " \t"); }
    size_t alen = strlen(arg);
    while (alen && (arg[alen - 1] == ' ' || arg[alen - 1] == '\t' || arg[alen - 1] == '\r')) arg[--alen] = 0;
    *interp = xstrdup(name);
    sl_add(&v, xstrdup(name));
    if (*arg) sl_add(&v, xstrdup(arg));
  } else {
    *interp = xstrdup("/bin/sh");
    sl_add(&v, xstrdup("sh"));
  }
  sl_add(&v, xstrdup(path));
  for (int i = 1; argv[i]; i++) sl_add(&v, xstrdup(argv[i]));
  return v.v;
}

/* An external program, its redirections already in place; its pid, or -1 with the status in *status. */
static pid_t spawn_program(char **argv, struct strlist *assigns, int *status) {
  char *path = find_in_path(argv[0]);
  if (!path) {
    sh_error("%s: not found", argv[0]);
    *status = 127;
    return -1;
  }
  char **env = vars_environ(assigns);
  pid_t pid;
  fflush(stdout);
  fflush(stderr);
  int e = posix_spawn(&pid, path, 0, 0, argv, env);
  if (e == ENOEXEC) {
    char *interp;
    char **script = script_argv(path, argv, &interp);
    e = posix_spawn(&pid, interp, 0, 0, script, env);
    for (char **p = script; *p; p++) free(*p);
    free(script);
    free(interp);
  }
  for (char **p = env; *p; p++) free(*p);
  free(env);
  if (e) {
    if (e == ENOENT) sh_error("%s: not found", argv[0]);
    else sh_error("%s: %s", argv[0], strerror(e));
    *status = e == ENOENT ? 127 : 126;
    free(path);
    return -1;
  }
  free(path);
  return pid;
}

/* The command's NAME=value words, expanded: -1 on an expansion error. */
static int expand_assignments(struct node *n, struct strlist *out) {
  for (int i = 0; i < n->nassigns; i++) {
    const char *eq = strchr(n->assigns[i], '=');
    char *value = expand_assign_value(eq + 1);
    if (expand_failed()) { free(value); return -1; }
    struct strbuf b = { 0 };
    sb_put(&b, n->assigns[i], eq - n->assigns[i] + 1);
    sb_puts(&b, value);
    free(value);
    sl_add(out, sb_finish(&b));
  }
  return 0;
}

/* What the name of a command is, in POSIX's order of lookup. */
enum command_kind { K_SPECIAL, K_FUNCTION, K_BUILTIN, K_PROGRAM };

static enum command_kind classify(const char *name, int skip_functions, builtin_fn **fn, struct node **body) {
  int flags = 0;
  *fn = builtin_find(name, &flags);
  if (*fn && (flags & B_SPECIAL)) return K_SPECIAL;
  if (!skip_functions && (*body = func_get(name))) return K_FUNCTION;
  return *fn ? K_BUILTIN : K_PROGRAM;
}

/* Runs a simple command whose words are expanded and redirections made. */
static int dispatch(enum command_kind kind, builtin_fn *fn, struct node *body, int argc, char **argv,
                    struct strlist *assigns, pid_t *async) {
  int status = 0;
  if (argc == 0) {
    /* a read-only variable ends the shell, as a special built-in's error does */
    for (int i = 0; i < assigns->n && !status; i++) if (var_assign(assigns->v[i], 0) < 0) { status = 2; request_exit(2); }
    if (!status && sh.subst_status >= 0) status = sh.subst_status;
  } else if (kind == K_SPECIAL) {
    for (int i = 0; i < assigns->n; i++) var_assign(assigns->v[i], 0);
    status = fn(argc, argv);
  } else if (kind == K_FUNCTION) {
    status = call_function(body, argv, argc, assigns);
  } else if (kind == K_BUILTIN) {
    if (assigns->n) {
      locals_push();
      for (int i = 0; i < assigns->n; i++) {
        char *name = xstrndup(assigns->v[i], strchr(assigns->v[i], '=') - assigns->v[i]);
        local_declare(name);
        free(name);
        var_assign(assigns->v[i], 0);
      }
    }
    status = fn(argc, argv);
    if (assigns->n) locals_pop();
  } else {
    pid_t pid = spawn_program(argv, assigns, &status);
    if (async) *async = pid;
    else if (pid > 0) status = wait_pid(pid);
  }
  return status;
}

/*
 * A simple command. With `async` (a pipeline stage, a background job) it only starts: a program
 * is spawned, anything else runs in a forked child; *async gets the pid (-1: not started).
 */
static int eval_simple(struct node *n, pid_t *async, int close_in_child) {
  sh.line = n->line;
  struct strlist args = { 0 }, assigns = { 0 };
  int status = 0;
  sh.subst_status = -1;
  if (expand_fields(n->words, n->nwords, &args) < 0) { sl_free(&args); if (async) *async = -1; return 2; }
  char **argv = args.v;
  int argc = args.n;
  int skip_functions = 0;
  /* command NAME ...: no function lookup, and a special built-in is an ordinary one */
  while (argc > 1 && !strcmp(argv[0], "command") && argv[1][0] != '-') { argv++; argc--; skip_functions = 1; }

  builtin_fn *fn = 0;
  struct node *body = 0;
  enum command_kind kind = argc ? classify(argv[0], skip_functions, &fn, &body) : K_SPECIAL;
  if (skip_functions && kind == K_SPECIAL && argc) kind = K_BUILTIN;

  int in_child = 0;
  if (async && kind != K_PROGRAM) {
    sh.fork_optional = 1;
    pid_t pid = fork_subshell();
    sh.fork_optional = 0;
    if (pid < 0 && errno == ENOSYS) {
      /* No fork (a decoupled shell): the built-in or function runs here, to its end, with the
       * stage's descriptors; its effects on the shell stay, as in the last stage of ksh's pipelines. */
      *async = -1;
      async = 0;
    } else if (pid != 0) {
      sl_free(&args);
      sl_free(&assigns);
      *async = pid;
      return 0;
    } else {
      if (close_in_child >= 0) close(close_in_child);
      async = 0;
      in_child = 1;
    }
  }

  int mark;
  redirs_mark(&mark);
  int outer_mark = command_mark;
  command_mark = mark;
  /* as dash does: redirections before the assignments are expanded */
  if (apply_redirs(n->redirs, 1) < 0) {
    status = 1;
    if (argc && kind == K_SPECIAL) request_exit(2);
    if (async) *async = -1;
  } else if (expand_assignments(n, &assigns) < 0) {
    status = 2;
    if (async) *async = -1;
  } else {
    if (sh.xtrace) trace(&assigns, argv);
    status = dispatch(kind, fn, body, argc, argv, &assigns, async);
  }
  fflush(stdout);
  redirs_restore(mark);
  command_mark = outer_mark;
  sl_free(&args);
  sl_free(&assigns);
  if (in_child) sh_exit(sh.jump == J_EXIT ? sh.status : status);
  return status;
}

/* Starts node in a process of its own with the current descriptors: its pid, or -1. */
static pid_t start_async(struct node *n, int close_in_child) {
  if (n->type == N_SIMPLE) {
    pid_t pid = -1;
    sh.status = eval_simple(n, &pid, close_in_child);
    return pid;
  }
  pid_t pid = fork_subshell();
  if (pid == 0) {
    if (close_in_child >= 0) close(close_in_child);
    sh_exit(eval(n));
  }
  return pid;
}

static int eval_pipeline(struct node *n) {
  pid_t *pids = xmalloc(n->ncmds * sizeof *pids);
  int in = -1, last_status = 0;
  for (int i = 0; i < n->ncmds; i++) {
    int p[2] = { -1, -1 };
    if (i + 1 < n->ncmds && pipe2(p, O_CLOEXEC) < 0) {
      sh_error("pipe: %s", strerror(errno));
      for (int k = i; k < n->ncmds; k++) pids[k] = -1;
      last_status = 2;
      break;
    }
    int mark;
    redirs_mark(&mark);
    if (in >= 0) { fflush(stdout); save_fd(0); dup2(in, 0); }
    if (p[1] >= 0) { fflush(stdout); save_fd(1); dup2(p[1], 1); }
    pids[i] = start_async(n->cmds[i], p[0]);
    if (pids[i] < 0) last_status = sh.status;
    redirs_restore(mark);
    if (in >= 0) close(in);
    if (p[1] >= 0) close(p[1]);
    in = p[0];
  }
  if (in >= 0) close(in);
  int status = last_status;
  for (int i = 0; i < n->ncmds; i++) {
    if (pids[i] < 0) continue;
    int s = wait_pid(pids[i]);
    if (i + 1 == n->ncmds) status = s;
  }
  if (pids[n->ncmds - 1] < 0) status = last_status;
  free(pids);
  return n->negate ? !status : status;
}

static int eval_background(struct node *n) {
  int mark;
  redirs_mark(&mark);
  /* a job started without job control reads /dev/null, unless redirected (XCU 2.9.3) */
  int null = open("/dev/null", O_RDONLY);
  if (null >= 0) move_fd(null, 0, 1);
  pid_t pid = start_async(n->left, -1);
  redirs_restore(mark);
  if (pid > 0) {
    sh.last_bg = pid;
    job_add(pid);
  }
  return 0;
}

/* ---- compound commands ---- */

static int eval_condition(struct node *n) {
  sh.errexit_off++;
  int s = eval(n);
  sh.errexit_off--;
  return s;
}

/* After a loop's body: 1 when the loop must stop (break, or a jump for an outer level). */
static int loop_should_stop(void) {
  if (sh.jump == J_BREAK) {
    if (--sh.jump_count == 0) sh.jump = J_NONE;
    return 1;
  }
  if (sh.jump == J_CONTINUE) {
    if (--sh.jump_count == 0) { sh.jump = J_NONE; return 0; }
    return 1;
  }
  return sh.jump != J_NONE;
}

static int eval_loop(struct node *n) {
  int status = 0;
  sh.loop_depth++;
  for (;;) {
    int c = eval_condition(n->cond);
    if (sh.jump) { if (loop_should_stop()) break; continue; }
    if ((c == 0) != (n->type == N_WHILE)) break;
    status = eval(n->body);
    if (loop_should_stop()) break;
  }
  sh.loop_depth--;
  return status;
}

static int eval_for(struct node *n) {
  struct strlist values = { 0 };
  sh.line = n->line;
  if (n->has_in) {
    if (expand_fields(n->words, n->nwords, &values) < 0) { sl_free(&values); return 2; }
  } else {
    for (int i = 0; i < params.n; i++) sl_add(&values, xstrdup(params.v[i]));
  }
  int status = 0;
  sh.loop_depth++;
  for (int i = 0; i < values.n; i++) {
    if (var_set(n->name, values.v[i], 0) < 0) { status = 2; request_exit(2); break; }
    status = eval(n->body);
    if (loop_should_stop()) break;
  }
  sh.loop_depth--;
  sl_free(&values);
  return status;
}

static int eval_case(struct node *n) {
  sh.line = n->line;
  char *word = expand_word(n->words[0]);
  if (expand_failed()) { free(word); return 2; }
  int status = 0;
  for (struct case_item *item = n->items; item; item = item->next) {
    for (int i = 0; i < item->npatterns; i++) {
      char *pat = expand_pattern(item->patterns[i]);
      int match = fnmatch(pat, word, 0) == 0;
      free(pat);
      if (sh.jump) { free(word); return 2; }
      if (!match) continue;
      free(word);
      return item->body ? eval(item->body) : 0;
    }
  }
  free(word);
  return status;
}

int eval(struct node *n) {
  if (!n || sh.jump) return sh.status;
  int status = 0, mark;
  redirs_mark(&mark);
  int compound = n->type != N_SIMPLE && n->type != N_SUBSHELL;
  if (compound && n->redirs && apply_redirs(n->redirs, 1) < 0) {
    redirs_restore(mark);
    return sh.status = 1;
  }
  switch (n->type) {
  case N_SIMPLE: status = eval_simple(n, 0, -1); break;
  case N_PIPE:
    if (n->negate) sh.errexit_off++;
    status = eval_pipeline(n);
    if (n->negate) sh.errexit_off--;
    break;
  case N_NOT: status = !eval_condition(n->left); break;
  case N_AND: case N_OR:
    status = eval_condition(n->left);
    if (!sh.jump && (status == 0) == (n->type == N_AND)) status = eval(n->right);
    break;
  case N_SEQ:
    eval(n->left);
    status = eval(n->right);
    break;
  case N_BACKGROUND: status = eval_background(n); break;
  case N_SUBSHELL: {
    pid_t pid = fork_subshell();
    if (pid == 0) {
      if (apply_redirs(n->redirs, 0) < 0) sh_exit(1);
      sh_exit(eval(n->body));
    }
    status = pid < 0 ? 2 : wait_pid(pid);
    break;
  }
  case N_GROUP: status = eval(n->body); break;
  case N_IF: {
    int c = eval_condition(n->cond);
    if (sh.jump) break;
    if (c == 0) status = eval(n->body);
    else if (n->orelse) status = eval(n->orelse);
    break;
  }
  case N_WHILE: case N_UNTIL: status = eval_loop(n); break;
  case N_FOR: status = eval_for(n); break;
  case N_CASE: status = eval_case(n); break;
  case N_FUNCDEF:
    func_set(n->name, n->body);
    arena_keep(current_arena());
    break;
  }
  if (compound) redirs_restore(mark);
  if (sh.jump) return sh.status;
  sh.status = status;
  if (sh.errexit && status && !sh.errexit_off && (n->type == N_SIMPLE || n->type == N_PIPE || n->type == N_SUBSHELL))
    request_exit(status);
  traps_run_pending();
  return status;
}

/* ---- running text ---- */

static struct arena *running_arena;

struct arena *current_arena(void) { return running_arena; }

/* ---- reading commands ---- */

/* A line of standard input with its newline, read a byte at a time: what follows stays there for
 * the commands the shell runs. NULL at the end. */
static char *read_line(void) {
  struct strbuf b = { 0 };
  for (;;) {
    char c;
    ssize_t n = read(0, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    sb_putc(&b, c);
    if (c == '\n') break;
  }
  return b.p;
}

static void show_verbose(struct parser *p) {
  if (!sh.verbose) return;
  size_t n;
  const char *text = parser_last_text(p, &n);
  fflush(stdout);
  fwrite(text, 1, n, stderr);
  fflush(stderr);
}

void run_parser(struct parser *p, int incremental, enum run_level level) {
  int top = level != RUN_NESTED;
  int at_eof = !incremental;
  parser_set_incremental(p, incremental);
  for (;;) {
    struct node *n;
    struct arena *a;
    enum parse_status r = parse_next(p, &n, &a);
    if (!at_eof && parser_wants_more(p)) {
      /* the command may go on in the next line: parse it again with that line */
      arena_free(a);
      char *line = read_line();
      if (line) parser_append(p, line);
      else { at_eof = 1; parser_set_incremental(p, 0); }
      free(line);
      parser_restart(p);
      continue;
    }
    if (r == P_EOF) break;
    if (r == P_ERROR) {
      sh_error_at(parser_error_line(p), "Syntax error: %s", parser_error(p));
      request_exit(2);
      break;
    }
    if (level == RUN_INPUT) show_verbose(p); /* sh -v: the input as it is read (not -c's) */
    struct arena *outer = running_arena;
    running_arena = a;
    if (!sh.noexec) eval(n);
    running_arena = outer;
    arena_free(a);
    if (incremental) parser_compact(p);
    if (sh.jump == J_EXIT || (sh.jump && !top)) break;
    sh.jump = J_NONE; /* a break or continue with no loop to stop ends here */
  }
}

int eval_text(const char *text, int first_line) {
  struct parser *p = parser_new(text, first_line);
  run_parser(p, 0, RUN_NESTED);
  parser_free(p);
  return sh.status;
}

char *command_output(const char *text) {
  int p[2];
  struct strbuf out = { 0 };
  sb_put(&out, "", 0);
  if (pipe(p) < 0) { sh_error("pipe: %s", strerror(errno)); return sb_finish(&out); }
  pid_t pid = fork_subshell();
  if (pid == 0) {
    close(p[0]);
    if (p[1] != 1) { dup2(p[1], 1); close(p[1]); }
    eval_text(text, sh.line);
    sh_exit(sh.status);
  }
  close(p[1]);
  char chunk[4096];
  for (;;) {
    ssize_t n = read(p[0], chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    sb_put(&out, chunk, (size_t)n);
  }
  close(p[0]);
  sh.subst_status = pid < 0 ? 2 : wait_pid(pid);
  while (out.n > 0 && out.p[out.n - 1] == '\n') out.p[--out.n] = 0;
  return sb_finish(&out);
}
