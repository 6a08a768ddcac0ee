/* sh: the guest's /bin/sh (system() and popen() run `sh -c`). Options, then the commands of
 * `sh -c 'cmd' [name [arg...]]`, `sh script [arg...]`, or standard input (`sh [-s] [arg...]`),
 * read a line at a time there and run as each command is complete. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

extern char **environ;

static _Noreturn void usage_error(const char *fmt, const char *arg) {
  fflush(stdout);
  fprintf(stderr, "sh: ");
  fprintf(stderr, fmt, arg);
  fputc('\n', stderr);
  exit(2);
}

int main(int argc, char **argv) {
  signal(SIGPIPE, SIG_DFL);
  vars_init(environ);
  if (!var_get("PATH")) var_set("PATH", "/bin:/usr/bin", V_EXPORT);
  arg0 = argv[0] ? argv[0] : "sh";
  int i = 1, command = 0, from_stdin = 0;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--") || !strcmp(a, "-")) { i++; break; }
    if ((a[0] != '-' && a[0] != '+') || !a[1]) break;
    int on = a[0] == '-';
    for (const char *c = a + 1; *c; c++) {
      if (*c == 'c') command = 1;
      else if (*c == 's') from_stdin = 1;
      else if (*c == 'i' || *c == 'm') continue; /* no interactive mode or job control: as a script */
      else if (*c == 'o') {
        if (++i >= argc) usage_error("-o: option requires an argument%s", "");
        if (set_option(0, argv[i], on) < 0) usage_error("Illegal option -o %s", argv[i]);
      } else if (set_option(*c, 0, on) < 0) usage_error("Illegal option -%s", (char[]){ *c, 0 });
    }
  }
  if (command) {
    /* sh -c command [name [argument...]]: name is $0, the arguments $1 ... (POSIX) */
    if (i >= argc) usage_error("-c requires an argument%s", "");
    const char *text = argv[i++];
    if (i < argc) arg0 = argv[i++];
    params_set(argv + i, argc - i);
    struct parser *p = parser_new(text, 1);
    run_parser(p, 0, RUN_COMMAND_STRING);
    parser_free(p);
    sh_exit(sh.status);
  }
  if (!from_stdin && i < argc) {
    arg0 = argv[i];
    char *script = read_file(argv[i]);
    if (!script) { sh_error("%s: %s", argv[i], strerror(errno)); return 127; }
    params_set(argv + i + 1, argc - i - 1);
    struct parser *p = parser_new(script, 1);
    free(script);
    run_parser(p, 0, RUN_INPUT);
    parser_free(p);
    sh_exit(sh.status);
  }
  params_set(argv + i, argc - i);
  struct parser *p = parser_new("", 1);
  run_parser(p, 1, RUN_INPUT);
  parser_free(p);
  sh_exit(sh.status);
}
