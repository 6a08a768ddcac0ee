/* identity: who and where the program is, what it may use, and its terminal. Process ids and user
 * ids, uname and the host name, resource limits and sysconf; then the terminal (/dev/tty, the
 * machine console): its window size, and switching it to raw mode and back, as an editor does. */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const char *limit(rlim_t v, char *buf) {
  if (v == RLIM_INFINITY) return "unlimited";
  snprintf(buf, 32, "%llu", v);
  return buf;
}

static void show_mode(const char *when, const struct termios *t) {
  printf("%s: %s, echo %s, signals %s\n", when, t->c_lflag & ICANON ? "canonical" : "raw",
         t->c_lflag & ECHO ? "on" : "off", t->c_lflag & ISIG ? "on" : "off");
}

int main(void) {
  printf("pid %d, parent %d\n", getpid(), getppid());
  printf("uid %d, euid %d, gid %d, egid %d\n", getuid(), geteuid(), getgid(), getegid());

  struct utsname u;
  uname(&u);
  printf("uname: %s %s (machine %s)\n", u.sysname, u.nodename, u.machine);
  char host[HOST_NAME_MAX + 1];
  gethostname(host, sizeof host);
  printf("hostname: %s\n", host);

  struct rlimit r;
  char a[32], b[32];
  getrlimit(RLIMIT_NOFILE, &r);
  printf("RLIMIT_NOFILE: %s (hard %s)\n", limit(r.rlim_cur, a), limit(r.rlim_max, b));
  getrlimit(RLIMIT_STACK, &r);
  printf("RLIMIT_STACK: %s (the stack the program was linked with)\n", limit(r.rlim_cur, a));
  getrlimit(RLIMIT_AS, &r);
  printf("RLIMIT_AS: %s\n", limit(r.rlim_cur, a));
  printf("page size %ld, open files %ld\n", sysconf(_SC_PAGESIZE), sysconf(_SC_OPEN_MAX));

  struct timespec req = { 0, 5000000 };
  printf("nanosleep 5 ms: %s\n", nanosleep(&req, NULL) == 0 ? "ok" : "failed");

  printf("stdin is a terminal: %s\n", isatty(STDIN_FILENO) ? "yes" : "no");
  int tty = open("/dev/tty", O_RDWR);
  printf("/dev/tty is a terminal: %s\n", isatty(tty) ? "yes" : "no");
  struct winsize ws;
  if (ioctl(tty, TIOCGWINSZ, &ws) == 0) printf("window: %d x %d\n", ws.ws_col, ws.ws_row);

  struct termios saved, raw;
  tcgetattr(tty, &saved);
  show_mode("terminal", &saved);
  raw = saved;
  cfmakeraw(&raw);
  tcsetattr(tty, TCSAFLUSH, &raw);
  tcgetattr(tty, &raw);
  show_mode("after cfmakeraw", &raw);
  tcsetattr(tty, TCSAFLUSH, &saved);
  tcgetattr(tty, &raw);
  show_mode("restored", &raw);
  return 0;
}
