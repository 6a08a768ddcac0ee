/* sh: signals: their names, the trap built-in (actions run between commands, EXIT at the
 * shell's end) and the kill built-in: kill [-s NAME | -NAME | -N | -n N] [--] pid...,
 * kill -l [status | NAME...]. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "sh.h"

static const char *const signal_names[] = { "EXIT", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
  "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
  "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS" };
#define NAMED_SIGNALS ((int)(sizeof signal_names / sizeof *signal_names))
#define MAX_SIGNAL 65

/* A signal by name (TERM, SIGTERM, any case) or number (0 .. 64); -1 when it is neither. */
int signal_number(const char *s) {
  char *end;
  long n = strtol(s, &end, 10);
  if (*s && !*end) return n >= 0 && n < MAX_SIGNAL ? (int)n : -1;
  if (!strncasecmp(s, "SIG", 3)) s += 3;
  for (int i = 1; i < NAMED_SIGNALS; i++) if (!strcasecmp(s, signal_names[i])) return i;
  return -1;
}

const char *signal_name(int sig) { return sig >= 0 && sig < NAMED_SIGNALS ? signal_names[sig] : 0; }

/* ---- trap ---- */

static char *actions[MAX_SIGNAL]; /* NULL: default; "": ignored */
static volatile sig_atomic_t pending[MAX_SIGNAL], any_pending;
static int running_traps;

static void on_signal(int sig) {
  if (sig > 0 && sig < MAX_SIGNAL) pending[sig] = 1;
  any_pending = 1;
}

static void run_action(const char *action) {
  int status = sh.status;
  eval_text(action, sh.line);
  /* $? is what it was before the action, unless the action exits */
  if (sh.jump != J_EXIT) sh.status = status;
}

void traps_run_pending(void) {
  if (!any_pending || running_traps) return;
  running_traps = 1;
  any_pending = 0;
  for (int sig = 1; sig < MAX_SIGNAL; sig++) {
    if (!pending[sig]) continue;
    pending[sig] = 0;
    if (actions[sig] && *actions[sig]) {
      char *action = xstrdup(actions[sig]);
      run_action(action);
      free(action);
    }
  }
  running_traps = 0;
}

void trap_run_exit(void) {
  char *action = actions[0];
  if (!action) return;
  actions[0] = 0;
  enum jump_kind jump = sh.jump;
  sh.jump = J_NONE;
  int status = sh.status;
  eval_text(action, sh.line);
  if (sh.jump != J_EXIT) sh.status = status;
  sh.jump = jump;
  free(action);
}

void traps_reset_for_subshell(void) {
  for (int sig = 0; sig < MAX_SIGNAL; sig++) {
    if (!actions[sig] || !*actions[sig]) continue; /* ignored signals stay ignored */
    free(actions[sig]);
    actions[sig] = 0;
    if (sig) signal(sig, SIG_DFL);
  }
}

static int set_trap(int sig, const char *action) {
  if (sig == SIGKILL || sig == SIGSTOP) return 0;
  free(actions[sig]);
  actions[sig] = action ? xstrdup(action) : 0;
  if (sig == 0) return 0;
  if (!action) signal(sig, SIG_DFL);
  else if (!*action) signal(sig, SIG_IGN);
  else signal(sig, on_signal);
  return 0;
}

int trap_builtin(int argc, char **argv) {
  int i = 1;
  if (i < argc && !strcmp(argv[i], "--")) i++;
  if (i == argc) {
    for (int sig = 0; sig < MAX_SIGNAL; sig++) {
      if (!actions[sig]) continue;
      char *q = quote_for_reuse(actions[sig]);
      const char *name = signal_name(sig);
      if (name) printf("trap -- %s %s\n", *actions[sig] ? q : "''", name);
      else printf("trap -- %s %d\n", *actions[sig] ? q : "''", sig);
      free(q);
    }
    return 0;
  }
  const char *action = argv[i];
  /* a first operand that is a signal number means: reset these signals */
  char *end;
  strtol(action, &end, 10);
  int reset = !strcmp(action, "-") || (*action && !*end);
  if (!strcmp(action, "-")) i++;
  else if (!reset) i++;
  int status = 0;
  for (; i < argc; i++) {
    int sig = !strcasecmp(argv[i], "EXIT") ? 0 : signal_number(argv[i]);
    if (sig < 0) {
      sh_error_at(sh.line, "trap: %s: bad trap", argv[i]);
      status = 1;
      continue;
    }
    set_trap(sig, reset ? 0 : action);
  }
  return status;
}

/* ---- kill ---- */

static void print_signal_name(int sig) {
  if (sig > 0 && sig < NAMED_SIGNALS) printf("%s\n", signal_names[sig]);
  else printf("%d\n", sig);
}

int kill_builtin(int argc, char **argv) {
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
        if (s > 0 && s < MAX_SIGNAL) print_signal_name(s);
        else { sh_error("kill: %s: invalid signal specification", argv[i]); status = 1; }
      } else {
        int s = signal_number(argv[i]);
        if (s > 0) printf("%d\n", s);
        else { sh_error("kill: %s: invalid signal specification", argv[i]); status = 1; }
      }
    }
    return status;
  }
  if (i < argc && (!strcmp(argv[i], "-s") || !strcmp(argv[i], "-n"))) {
    if (i + 1 >= argc) { sh_error("kill: %s: option requires an argument", argv[i]); return 2; }
    sig = signal_number(argv[i + 1]);
    if (sig < 0) { sh_error("kill: %s: invalid signal specification", argv[i + 1]); return 1; }
    i += 2;
  } else if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--")) {
    sig = signal_number(argv[i] + 1);
    if (sig < 0) { sh_error("kill: %s: invalid signal specification", argv[i] + 1); return 1; }
    i++;
  }
  if (i < argc && !strcmp(argv[i], "--")) i++;
  if (i >= argc) {
    fflush(stdout);
    fprintf(stderr, "usage: kill [-s sigspec | -n signum | -sigspec] pid ... or kill -l [sigspec]\n");
    return 2;
  }
  int status = 0;
  for (; i < argc; i++) {
    char *end;
    long pid = strtol(argv[i], &end, 10);
    if (!*argv[i] || *end) {
      sh_error("kill: %s: arguments must be process or job IDs", argv[i]);
      status = 1;
      continue;
    }
    if (kill((pid_t)pid, sig) < 0) {
      sh_error("kill: (%ld) - %s", pid, strerror(errno));
      status = 1;
    }
  }
  return status;
}
