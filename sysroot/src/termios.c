/* The terminal interface: settings are kept by the l4posix descriptor family
 * (src/libc/l4posix_fd.ts); the cf* helpers work on the struct alone. */
#include <errno.h>
#include <termios.h>
#include <unistd.h>
#include <l4posix.h>

L4POSIX_IMPORT(tcgetattr) int __l4posix_tcgetattr(int fd, struct termios *t);
L4POSIX_IMPORT(tcsetattr) int __l4posix_tcsetattr(int fd, int action, const struct termios *t);
L4POSIX_IMPORT(tcflush) int __l4posix_tcflush(int fd, int queue);
L4POSIX_IMPORT(isatty) int __l4posix_isatty(int fd);


int tcgetattr(int fd, struct termios *t) { return l4posix_ret(__l4posix_tcgetattr(fd, t)); }

int tcsetattr(int fd, int action, const struct termios *t) { return l4posix_ret(__l4posix_tcsetattr(fd, action, t)); }

int tcflush(int fd, int queue) { return l4posix_ret(__l4posix_tcflush(fd, queue)); }

/* Output is never queued: draining, breaks and flow control only check the descriptor. */
int tcdrain(int fd) { return l4posix_ret(__l4posix_isatty(fd)) < 0 ? -1 : 0; }

int tcsendbreak(int fd, int duration) {
  (void)duration;
  return l4posix_ret(__l4posix_isatty(fd)) < 0 ? -1 : 0;
}

int tcflow(int fd, int action) {
  if (l4posix_ret(__l4posix_isatty(fd)) < 0) return -1;
  if (action < TCOOFF || action > TCION) {
    errno = EINVAL;
    return -1;
  }
  return 0;
}

/* Each process leads the session of its terminal. */
pid_t tcgetsid(int fd) { return l4posix_ret(__l4posix_isatty(fd)) < 0 ? -1 : getpid(); }

speed_t cfgetospeed(const struct termios *t) { return t->c_cflag & CBAUD; }

speed_t cfgetispeed(const struct termios *t) { return cfgetospeed(t); }

int cfsetospeed(struct termios *t, speed_t speed) {
  if (speed & ~CBAUD) {
    errno = EINVAL;
    return -1;
  }
  t->c_cflag = (t->c_cflag & ~CBAUD) | speed;
  return 0;
}

int cfsetispeed(struct termios *t, speed_t speed) { return speed ? cfsetospeed(t, speed) : 0; }

int cfsetspeed(struct termios *t, speed_t speed) { return cfsetospeed(t, speed); }

void cfmakeraw(struct termios *t) {
  t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
  t->c_oflag &= ~OPOST;
  t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
  t->c_cflag &= ~(CSIZE | PARENB);
  t->c_cflag |= CS8;
  t->c_cc[VMIN] = 1;
  t->c_cc[VTIME] = 0;
}
