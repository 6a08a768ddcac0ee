/* Pseudo-terminals: l4wasm has no pty devices (no /dev/ptmx), so opening a master fails as on a
 * Linux without devpts (ENOENT), and the calls on a master answer for a descriptor that is not
 * one: EBADF when it is not open, else EINVAL (grantpt, unlockpt) or ENOTTY (ptsname). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <pty.h>

int posix_openpt(int flags) {
	if ((flags & ~(O_RDWR | O_NOCTTY | O_CLOEXEC)) != 0) {
		errno = EINVAL;
		return -1;
	}
	errno = ENOENT;
	return -1;
}

static int not_master(int fd, int e) {
	errno = fcntl(fd, F_GETFD) < 0 ? EBADF : e;
	return -1;
}

int grantpt(int fd) { return not_master(fd, EINVAL); }
int unlockpt(int fd) { return not_master(fd, EINVAL); }

char *ptsname(int fd) {
	not_master(fd, ENOTTY);
	return NULL;
}

int ptsname_r(int fd, char *buf, size_t len) {
	(void)buf;
	(void)len;
	not_master(fd, ENOTTY);
	return errno;
}

/* openpty and forkpty (<pty.h>): a master cannot be opened, so neither can a pair. */
int openpty(int *master, int *slave, char *name, const struct termios *t, const struct winsize *w) {
	(void)master;
	(void)slave;
	(void)name;
	(void)t;
	(void)w;
	errno = ENOENT;
	return -1;
}

int forkpty(int *master, char *name, const struct termios *t, const struct winsize *w) {
	(void)master;
	(void)name;
	(void)t;
	(void)w;
	errno = ENOENT;
	return -1;
}
