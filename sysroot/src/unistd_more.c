/* The rest of <unistd.h> wasi-libc declares or leaves out: lockf (on fcntl's record locks, as
 * glibc builds it), ttyname, ttyname_r and ctermid (a terminal is /dev/tty here), setuid, seteuid,
 * setgid, setegid (a process keeps its identity: only its own ids are accepted, others are EPERM),
 * and nice (recorded: nothing schedules by it). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int lockf(int fd, int cmd, off_t len) {
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_CUR, .l_start = 0, .l_len = len };
	switch (cmd) {
	case F_TEST:
		fl.l_type = F_RDLCK;
		if (fcntl(fd, F_GETLK, &fl) < 0) return -1;
		if (fl.l_type == F_UNLCK || fl.l_pid == getpid()) return 0;
		errno = EACCES;
		return -1;
	case F_ULOCK:
		fl.l_type = F_UNLCK;
		return fcntl(fd, F_SETLK, &fl);
	case F_TLOCK:
		return fcntl(fd, F_SETLK, &fl);
	case F_LOCK:
		return fcntl(fd, F_SETLKW, &fl);
	}
	errno = EINVAL;
	return -1;
}

int ttyname_r(int fd, char *buf, size_t size) {
	if (fcntl(fd, F_GETFD) < 0) return EBADF;
	if (!isatty(fd)) return ENOTTY;
	if (size < sizeof "/dev/tty") return ERANGE;
	strcpy(buf, "/dev/tty");
	return 0;
}

char *ttyname(int fd) {
	static char name[16];
	int e = ttyname_r(fd, name, sizeof name);
	if (e) {
		errno = e;
		return NULL;
	}
	return name;
}

char *ctermid(char *s) {
	static char name[16];
	return strcpy(s ? s : name, "/dev/tty");
}

static int same_id(unsigned want, unsigned real, unsigned effective) {
	if (want == real || want == effective) return 0;
	errno = EPERM;
	return -1;
}

int setuid(uid_t uid) { return same_id(uid, getuid(), geteuid()); }
int seteuid(uid_t uid) { return same_id(uid, getuid(), geteuid()); }
int setgid(gid_t gid) { return same_id(gid, getgid(), getegid()); }
int setegid(gid_t gid) { return same_id(gid, getgid(), getegid()); }

int nice(int inc) {
	static int niceness;
	niceness += inc;
	if (niceness > 19) niceness = 19;
	if (niceness < -20) niceness = -20;
	return niceness;
}
