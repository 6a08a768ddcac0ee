/* pipes: pipes and descriptor plumbing. A pipe carries bytes from its write end to its read end
 * and signals EOF once every write end is closed; dup2 redirects standard output into a pipe;
 * O_NONBLOCK makes an empty pipe answer EAGAIN; FIONREAD tells how much is waiting; FD_CLOEXEC
 * belongs to the descriptor, O_NONBLOCK to the open file description that dup shares. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(void) {
  int p[2];
  if (pipe(p) < 0) { perror("pipe"); return 1; }
  write(p[1], "hello through a pipe\n", 21);
  int waiting = 0;
  ioctl(p[0], FIONREAD, &waiting);
  printf("FIONREAD: %d bytes waiting\n", waiting);
  char buf[64];
  ssize_t n = read(p[0], buf, sizeof buf);
  printf("read %zd: %.*s", n, (int)n, buf);

  /* Standard output into the pipe and back. */
  fflush(stdout);
  int saved = dup(STDOUT_FILENO);
  dup2(p[1], STDOUT_FILENO);
  printf("this went through stdout\n");
  fflush(stdout);
  dup2(saved, STDOUT_FILENO);
  close(saved);
  n = read(p[0], buf, sizeof buf);
  printf("captured from stdout: %.*s", (int)n, buf);

  /* EOF once the last write end is gone. */
  int extra = dup(p[1]);
  close(p[1]);
  write(extra, "last words\n", 11);
  close(extra);
  n = read(p[0], buf, sizeof buf);
  printf("read %zd: %.*s", n, (int)n, buf);
  printf("read at EOF: %zd\n", read(p[0], buf, sizeof buf));
  close(p[0]);

  /* Non-blocking pipes, and what dup shares. */
  int q[2];
  pipe2(q, O_NONBLOCK | O_CLOEXEC);
  printf("empty non-blocking pipe: %s\n", read(q[0], buf, 1) < 0 && errno == EAGAIN ? "EAGAIN" : "data?");
  int copy = fcntl(q[0], F_DUPFD, 10);
  printf("F_DUPFD from 10: %d\n", copy);
  printf("FD_CLOEXEC: original %d, copy %d\n", fcntl(q[0], F_GETFD), fcntl(copy, F_GETFD));
  fcntl(copy, F_SETFL, 0);
  printf("O_NONBLOCK cleared through the copy, original now: %s\n",
         fcntl(q[0], F_GETFL) & O_NONBLOCK ? "non-blocking" : "blocking");

  /* A writer without readers gets EPIPE (and SIGPIPE, ignored here). */
  signal(SIGPIPE, SIG_IGN);
  close(q[0]);
  close(copy);
  printf("write without a reader: %s\n", write(q[1], "x", 1) < 0 ? strerror(errno) : "written?");
  return 0;
}
