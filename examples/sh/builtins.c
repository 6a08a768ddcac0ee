/* sh: the built-in commands and their table. Special built-ins (XCU 2.14) keep their variable
 * assignments and end a non-interactive shell on an error; test, kill and trap are in files of
 * their own. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sh.h"

static int colon_builtin(int argc, char **argv) { (void)argc; (void)argv; return 0; }
static int false_builtin(int argc, char **argv) { (void)argc; (void)argv; return 1; }

/* echo as dash has it: -n first, and the escapes \a \b \c \f \n \r \t \v \\ \0NNN. */
static int echo_builtin(int argc, char **argv) {
  int i = 1, newline = 1;
  if (i < argc && !strcmp(argv[i], "-n")) { newline = 0; i++; }
  for (; i < argc; i++) {
    for (const char *s = argv[i]; *s; s++) {
      if (*s != '\\' || !s[1]) { putchar(*s); continue; }
      s++;
      switch (*s) {
      case 'a': putchar('\a'); break;
      case 'b': putchar('\b'); break;
      case 'c': fflush(stdout); return 0;
      case 'f': putchar('\f'); break;
      case 'n': putchar('\n'); break;
      case 'r': putchar('\r'); break;
      case 't': putchar('\t'); break;
      case 'v': putchar('\v'); break;
      case '\\': putchar('\\'); break;
      case '0': {
        int v = 0;
        for (int k = 0; k < 3 && s[1] >= '0' && s[1] <= '7'; k++) v = v * 8 + (*++s - '0');
        putchar(v);
        break;
      }
      default: putchar('\\'); putchar(*s);
      }
    }
    if (i + 1 < argc) putchar(' ');
  }
  if (newline) putchar('\n');
  fflush(stdout);
  return ferror(stdout) ? (clearerr(stdout), 1) : 0;
}

static int pwd_builtin(int argc, char **argv) {
  (void)argc; (void)argv;
  char b[4096];
  if (!getcwd(b, sizeof b)) { sh_error_at(sh.line, "pwd: %s", strerror(errno)); return 1; }
  printf("%s\n", b);
  return 0;
}

static int cd_builtin(int argc, char **argv) {
  int i = 1;
  while (i < argc && (!strcmp(argv[i], "-L") || !strcmp(argv[i], "-P"))) i++;
  if (i < argc && !strcmp(argv[i], "--")) i++;
  const char *dir = i < argc ? argv[i] : var_get("HOME");
  int print = 0;
  if (!dir) { sh_error_at(sh.line, "cd: HOME not set"); return 2; }
  if (!strcmp(dir, "-")) {
    dir = var_get("OLDPWD");
    if (!dir) { sh_error_at(sh.line, "cd: OLDPWD not set"); return 2; }
    print = 1;
  }
  char old[4096];
  int have_old = getcwd(old, sizeof old) != 0;
  if (chdir(dir) < 0) { sh_error_at(sh.line, "cd: can't cd to %s", dir); return 1; }
  char now[4096];
  if (have_old) var_set("OLDPWD", old, 0);
  if (getcwd(now, sizeof now)) {
    var_set("PWD", now, 0);
    if (print) printf("%s\n", now);
  }
  return 0;
}

static int exit_builtin(int argc, char **argv) {
  int status = sh.status;
  if (argc > 1) {
    char *end;
    long n = strtol(argv[1], &end, 10);
    if (!*argv[1] || *end || n < 0) { sh_error_at(sh.line, "exit: Illegal number: %s", argv[1]); request_exit(2); return 2; }
    status = (int)(n & 255);
  }
  request_exit(status);
  return status;
}

/* export and readonly: NAME[=value]..., or -p to list. */
static int flag_builtin(int argc, char **argv, int flag, const char *prefix) {
  int i = 1;
  if (i < argc && !strcmp(argv[i], "-p")) i++;
  if (i < argc && !strcmp(argv[i], "--")) i++;
  if (i == argc) { vars_print(flag, prefix); return 0; }
  for (; i < argc; i++) {
    const char *eq = strchr(argv[i], '=');
    size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
    if (!is_name(argv[i], n)) { sh_error_at(sh.line, "%s: %s: bad variable name", argv[0], argv[i]); request_exit(2); return 2; }
    if (eq) { if (var_assign(argv[i], flag) < 0) { request_exit(2); return 2; } }
    else var_add_flags(argv[i], flag);
  }
  return 0;
}

static int export_builtin(int argc, char **argv) { return flag_builtin(argc, argv, V_EXPORT, "export "); }
static int readonly_builtin(int argc, char **argv) { return flag_builtin(argc, argv, V_READONLY, "readonly "); }

static int unset_builtin(int argc, char **argv) {
  int i = 1, functions = 0, status = 0;
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (!strcmp(argv[i], "-f")) functions = 1;
    else if (!strcmp(argv[i], "-v")) functions = 0;
    else if (!strcmp(argv[i], "--")) { i++; break; }
    else { sh_error_at(sh.line, "unset: Illegal option %s", argv[i]); return 2; }
  }
  for (; i < argc; i++) {
    if (functions) func_unset(argv[i]);
    else if (var_unset(argv[i]) < 0) status = 1;
  }
  return status;
}

static const struct { char letter; const char *name; int *flag; } options[] = {
  { 'e', "errexit", &sh.errexit }, { 'f', "noglob", &sh.noglob }, { 'n', "noexec", &sh.noexec },
  { 'u', "nounset", &sh.nounset }, { 'v', "verbose", &sh.verbose }, { 'x', "xtrace", &sh.xtrace },
};
#define NOPTIONS ((int)(sizeof options / sizeof *options))

/* One option letter (or -o name): 0, or -1 when there is none such. */
int set_option(char letter, const char *name, int on) {
  for (int i = 0; i < NOPTIONS; i++)
    if ((name && !strcmp(name, options[i].name)) || (!name && letter == options[i].letter)) { *options[i].flag = on; return 0; }
  return -1;
}

static int set_builtin(int argc, char **argv) {
  if (argc == 1) { vars_print(0, ""); return 0; }
  int i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--")) { i++; params_set(argv + i, argc - i); return 0; }
    if (!strcmp(a, "-")) { sh.xtrace = sh.verbose = 0; i++; break; }
    if ((a[0] != '-' && a[0] != '+') || !a[1]) break;
    int on = a[0] == '-';
    for (const char *c = a + 1; *c; c++) {
      if (*c == 'o') {
        if (i + 1 >= argc) {
          for (int k = 0; k < NOPTIONS; k++) {
            if (on) printf("%-16s%s\n", options[k].name, *options[k].flag ? "on" : "off");
            else printf("set %co %s\n", *options[k].flag ? '-' : '+', options[k].name);
          }
          continue;
        }
        if (set_option(0, argv[++i], on) < 0) { sh_error_at(sh.line, "set: Illegal option -o %s", argv[i]); request_exit(2); return 2; }
      } else if (set_option(*c, 0, on) < 0) {
        sh_error_at(sh.line, "set: Illegal option %c%c", a[0], *c);
        request_exit(2);
        return 2;
      }
    }
  }
  if (i < argc) params_set(argv + i, argc - i);
  return 0;
}

static int shift_builtin(int argc, char **argv) {
  long n = 1;
  if (argc > 1) {
    char *end;
    n = strtol(argv[1], &end, 10);
    if (!*argv[1] || *end || n < 0) { sh_error_at(sh.line, "shift: Illegal number: %s", argv[1]); request_exit(2); return 2; }
  }
  if (n > params.n) { sh_error_at(sh.line, "shift: can't shift that many"); request_exit(2); return 2; }
  for (int i = 0; i < n; i++) free(params.v[i]);
  memmove(params.v, params.v + n, (params.n - n + 1) * sizeof *params.v);
  params.n -= (int)n;
  return 0;
}

/* A byte of standard input, read one at a time so the rest stays for the next reader; -1 at the end. */
static int read_byte(void) {
  unsigned char c;
  for (;;) {
    ssize_t n = read(0, &c, 1);
    if (n == 1) return c;
    if (n < 0 && errno == EINTR) continue;
    return -1;
  }
}

static int is_ifs_white(char c, const char *ifs) { return strchr(ifs, c) && (c == ' ' || c == '\t' || c == '\n'); }

static int read_builtin(int argc, char **argv) {
  int raw = 0, i = 1;
  const char *prompt = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (!strcmp(argv[i], "--")) { i++; break; }
    for (const char *c = argv[i] + 1; *c; c++) {
      if (*c == 'r') raw = 1;
      else if (*c == 'p' && i + 1 < argc) { prompt = argv[++i]; break; }
      else { sh_error_at(sh.line, "read: Illegal option -%c", *c); return 2; }
    }
  }
  if (i == argc) { sh_error_at(sh.line, "read: arg count"); return 2; }
  if (prompt && isatty(0)) { fputs(prompt, stderr); fflush(stderr); }
  /* the line, each byte marked when a backslash quoted it (not a separator then) */
  struct strbuf line = { 0 }, quoted = { 0 };
  int status = 0;
  for (;;) {
    int c = read_byte();
    if (c < 0) { status = 1; break; }
    if (c == '\\' && !raw) {
      c = read_byte();
      if (c < 0) { status = 1; break; }
      if (c == '\n') continue;
      sb_putc(&line, (char)c);
      sb_putc(&quoted, 1);
      continue;
    }
    if (c == '\n') break;
    sb_putc(&line, (char)c);
    sb_putc(&quoted, 0);
  }
  const char *ifs = var_get("IFS");
  if (!ifs) ifs = " \t\n";
  size_t n = line.n, pos = 0;
  const char *s = line.p ? line.p : "";
  const char *q = quoted.p ? quoted.p : "";
  #define SEP(k) (!q[k] && strchr(ifs, s[k]) && s[k])
  while (pos < n && SEP(pos) && is_ifs_white(s[pos], ifs)) pos++;
  for (; i < argc; i++) {
    if (!is_name(argv[i], strlen(argv[i]))) { sh_error_at(sh.line, "read: %s: bad variable name", argv[i]); status = 2; break; }
    struct strbuf v = { 0 };
    if (i + 1 == argc) {
      /* the last name takes the rest, less trailing IFS white space */
      size_t end = n;
      while (end > pos && SEP(end - 1) && is_ifs_white(s[end - 1], ifs)) end--;
      sb_put(&v, s + pos, end - pos);
      pos = n;
    } else {
      while (pos < n && !SEP(pos)) sb_putc(&v, s[pos++]);
      /* the separator: white space around at most one other IFS character */
      while (pos < n && SEP(pos) && is_ifs_white(s[pos], ifs)) pos++;
      if (pos < n && SEP(pos) && !is_ifs_white(s[pos], ifs)) pos++;
      while (pos < n && SEP(pos) && is_ifs_white(s[pos], ifs)) pos++;
    }
    char *value = sb_finish(&v);
    if (var_set(argv[i], value, 0) < 0) status = 2;
    free(value);
  }
  #undef SEP
  free(line.p);
  free(quoted.p);
  return status;
}

static int eval_builtin(int argc, char **argv) {
  struct strbuf b = { 0 };
  for (int i = 1; i < argc; i++) {
    if (i > 1) sb_putc(&b, ' ');
    sb_puts(&b, argv[i]);
  }
  char *text = sb_finish(&b);
  sh.status = 0;
  int status = eval_text(text, sh.line);
  free(text);
  return status;
}

static int dot_builtin(int argc, char **argv) {
  if (argc < 2) { sh_error_at(sh.line, ".: filename argument required"); return 2; }
  char *path = strchr(argv[1], '/') ? xstrdup(argv[1]) : find_in_path(argv[1]);
  if (!path && access(argv[1], R_OK) == 0) path = xstrdup(argv[1]);
  char *text = path ? read_file(path) : 0;
  free(path);
  if (!text) { sh_error_at(sh.line, ".: cannot open %s: %s", argv[1], strerror(errno ? errno : ENOENT)); request_exit(2); return 2; }
  struct params saved = { 0, 0 };
  if (argc > 2) { saved = params_save(); params_set(argv + 2, argc - 2); }
  sh.func_depth++;
  sh.status = 0;
  int status = eval_text(text, 1);
  if (sh.jump == J_RETURN) { sh.jump = J_NONE; status = sh.status; }
  sh.func_depth--;
  if (argc > 2) params_restore(saved);
  free(text);
  return status;
}

static int exec_builtin(int argc, char **argv) {
  if (argc < 2) { redirs_forget(); return 0; }
  char *path = find_in_path(argv[1]);
  if (!path) { sh_error("%s: not found", argv[1]); request_exit(127); return 127; }
  char **env = vars_environ(0);
  fflush(stdout);
  fflush(stderr);
  execve(path, argv + 1, env);
  int e = errno;
  if (e == ENOEXEC) {
    char *interp;
    char **script = script_argv(path, argv + 1, &interp);
    execve(interp, script, env);
    e = errno;
  }
  sh_error("%s: %s", argv[1], strerror(e));
  free(path);
  request_exit(e == ENOENT ? 127 : 126);
  return sh.status;
}

static int return_builtin(int argc, char **argv) {
  int status = argc > 1 ? atoi(argv[1]) & 255 : sh.status;
  sh.status = status;
  if (sh.func_depth > 0) sh.jump = J_RETURN;
  else request_exit(status);
  return status;
}

/* break [n] and continue [n]: n enclosing loops (as many as there are). */
static int loop_jump(int argc, char **argv, enum jump_kind kind) {
  long n = 1;
  if (argc > 1) {
    char *end;
    n = strtol(argv[1], &end, 10);
    if (!*argv[1] || *end || n < 1) { sh_error_at(sh.line, "%s: Illegal number: %s", argv[0], argv[1]); request_exit(2); return 2; }
  }
  if (sh.loop_depth == 0) return 0;
  if (n > sh.loop_depth) n = sh.loop_depth;
  sh.jump = kind;
  sh.jump_count = (int)n;
  sh.status = 0;
  return 0;
}

static int break_builtin(int argc, char **argv) { return loop_jump(argc, argv, J_BREAK); }
static int continue_builtin(int argc, char **argv) { return loop_jump(argc, argv, J_CONTINUE); }

static int local_builtin(int argc, char **argv) {
  if (sh.func_depth == 0) { sh_error_at(sh.line, "local: not in a function"); return 2; }
  for (int i = 1; i < argc; i++) {
    const char *eq = strchr(argv[i], '=');
    size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
    if (!is_name(argv[i], n)) { sh_error_at(sh.line, "local: %s: bad variable name", argv[i]); return 2; }
    char *name = xstrndup(argv[i], n);
    local_declare(name);
    if (eq) var_set(name, eq + 1, 0);
    free(name);
  }
  return 0;
}

static int wait_builtin(int argc, char **argv) {
  if (argc == 1) return job_wait_all();
  int status = 0;
  for (int i = 1; i < argc; i++) {
    char *end;
    long pid = strtol(argv[i], &end, 10);
    if (!*argv[i] || *end) { sh_error_at(sh.line, "wait: Illegal number: %s", argv[i]); return 2; }
    status = job_wait((pid_t)pid);
  }
  return status;
}

static int umask_builtin(int argc, char **argv) {
  int symbolic = argc > 1 && !strcmp(argv[1], "-S");
  int i = symbolic ? 2 : 1;
  if (i >= argc) {
    mode_t m = umask(0);
    umask(m);
    if (symbolic) {
      mode_t allowed = ~m & 0777;
      char out[32];
      int k = 0;
      const char *who = "ugo";
      for (int w = 0; w < 3; w++) {
        if (w) out[k++] = ',';
        out[k++] = who[w];
        out[k++] = '=';
        int bits = (allowed >> (6 - 3 * w)) & 7;
        if (bits & 4) out[k++] = 'r';
        if (bits & 2) out[k++] = 'w';
        if (bits & 1) out[k++] = 'x';
      }
      out[k] = 0;
      printf("%s\n", out);
    } else printf("%04o\n", (unsigned)m);
    return 0;
  }
  char *end;
  long m = strtol(argv[i], &end, 8);
  if (!*argv[i] || *end || m < 0 || m > 0777) { sh_error_at(sh.line, "umask: Illegal number: %s", argv[i]); return 2; }
  umask((mode_t)m);
  return 0;
}

/* type NAME and command -v/-V NAME: what NAME runs as. */
static int describe(const char *name, int verbose) {
  int flags = 0;
  if (keyword_is(name)) {
    if (verbose) printf("%s is a shell keyword\n", name); else printf("%s\n", name);
    return 0;
  }
  if (func_get(name)) {
    if (verbose) printf("%s is a shell function\n", name); else printf("%s\n", name);
    return 0;
  }
  if (builtin_find(name, &flags)) {
    if (verbose) printf("%s is a %sshell builtin\n", name, flags & B_SPECIAL ? "special " : "");
    else printf("%s\n", name);
    return 0;
  }
  char *path = find_in_path(name);
  if (path) {
    if (verbose) printf("%s is %s\n", name, path); else printf("%s\n", path);
    free(path);
    return 0;
  }
  if (verbose) printf("%s: not found\n", name);
  return 127;
}

static int type_builtin(int argc, char **argv) {
  int status = 0;
  for (int i = 1; i < argc; i++) if (describe(argv[i], 1)) status = 127;
  return status;
}

static int command_builtin(int argc, char **argv) {
  int i = 1, verbose = -1;
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (!strcmp(argv[i], "--")) { i++; break; }
    for (const char *c = argv[i] + 1; *c; c++) {
      if (*c == 'v') verbose = 0;
      else if (*c == 'V') verbose = 1;
      else if (*c != 'p') { sh_error_at(sh.line, "command: Illegal option -%c", *c); return 2; }
    }
  }
  if (i == argc) return 0;
  if (verbose < 0) {
    /* command -p NAME ...: run it, as `command NAME` (the evaluator handles that form) */
    int flags;
    builtin_fn *fn = builtin_find(argv[i], &flags);
    if (fn) return fn(argc - i, argv + i);
    char *path = find_in_path(argv[i]);
    if (!path) { sh_error("%s: not found", argv[i]); return 127; }
    free(path);
    sh_error_at(sh.line, "command: -p with a program is not supported");
    return 2;
  }
  /* only the first name, as dash does */
  return describe(argv[i], verbose) ? 127 : 0;
}

/* getopts OPTSTRING NAME [ARG...]: the next option of the positional parameters (or ARGs). */
static int getopts_builtin(int argc, char **argv) {
  static int char_index = 1; /* within the current argument */
  static long last_optind = 1;
  if (argc < 3) { sh_error_at(sh.line, "getopts: usage: getopts optstring var [arg]"); return 2; }
  const char *optstring = argv[1], *name = argv[2];
  char **args = argc > 3 ? argv + 3 : params.v;
  int nargs = argc > 3 ? argc - 3 : params.n;
  const char *oi = var_get("OPTIND");
  long optind = oi ? strtol(oi, 0, 10) : 1;
  if (optind < 1) optind = 1;
  if (optind != last_optind) char_index = 1; /* the script reset OPTIND */
  int silent = optstring[0] == ':';
  if (silent) optstring++;
  char num[32];
  if (optind > nargs || args[optind - 1][0] != '-' || !args[optind - 1][1] || !strcmp(args[optind - 1], "--")) {
    if (optind <= nargs && !strcmp(args[optind - 1], "--")) optind++;
    snprintf(num, sizeof num, "%ld", optind);
    var_set("OPTIND", num, 0);
    last_optind = optind;
    char_index = 1;
    var_set(name, "?", 0);
    var_unset("OPTARG");
    return 1;
  }
  const char *arg = args[optind - 1];
  char opt = arg[char_index++];
  int at_end = arg[char_index] == 0;
  const char *spec = strchr(optstring, opt);
  char optname[2] = { opt, 0 };
  int status = 0;
  if (!spec || opt == ':') {
    if (silent) { var_set("OPTARG", optname, 0); }
    else { sh_error("Illegal option -%c", opt); var_unset("OPTARG"); }
    var_set(name, "?", 0);
  } else if (spec[1] == ':') {
    if (!at_end) { var_set("OPTARG", arg + char_index, 0); at_end = 1; }
    else if (optind < nargs) { var_set("OPTARG", args[optind], 0); optind++; }
    else {
      if (silent) { var_set(name, ":", 0); var_set("OPTARG", optname, 0); }
      else { sh_error("No arg for -%c option", opt); var_set(name, "?", 0); var_unset("OPTARG"); }
      at_end = 1;
      goto next;
    }
    var_set(name, optname, 0);
  } else {
    var_set(name, optname, 0);
    var_unset("OPTARG");
  }
next:
  if (at_end) { optind++; char_index = 1; }
  snprintf(num, sizeof num, "%ld", optind);
  var_set("OPTIND", num, 0);
  last_optind = optind;
  return status;
}

static const struct { const char *name; builtin_fn *fn; int flags; } table[] = {
  { ":", colon_builtin, B_SPECIAL }, { ".", dot_builtin, B_SPECIAL }, { "break", break_builtin, B_SPECIAL },
  { "continue", continue_builtin, B_SPECIAL }, { "eval", eval_builtin, B_SPECIAL }, { "exec", exec_builtin, B_SPECIAL },
  { "exit", exit_builtin, B_SPECIAL }, { "export", export_builtin, B_SPECIAL }, { "readonly", readonly_builtin, B_SPECIAL },
  { "return", return_builtin, B_SPECIAL }, { "set", set_builtin, B_SPECIAL }, { "shift", shift_builtin, B_SPECIAL },
  { "trap", trap_builtin, B_SPECIAL }, { "unset", unset_builtin, B_SPECIAL },
  { "[", test_builtin, 0 }, { "cd", cd_builtin, 0 }, { "command", command_builtin, 0 }, { "echo", echo_builtin, 0 },
  { "false", false_builtin, 0 }, { "getopts", getopts_builtin, 0 }, { "kill", kill_builtin, 0 },
  { "local", local_builtin, 0 }, { "pwd", pwd_builtin, 0 }, { "read", read_builtin, 0 }, { "source", dot_builtin, 0 },
  { "test", test_builtin, 0 }, { "true", colon_builtin, 0 }, { "type", type_builtin, 0 }, { "umask", umask_builtin, 0 },
  { "wait", wait_builtin, 0 },
};

builtin_fn *builtin_find(const char *name, int *flags) {
  for (size_t i = 0; i < sizeof table / sizeof *table; i++)
    if (!strcmp(name, table[i].name)) { *flags = table[i].flags; return table[i].fn; }
  return 0;
}
