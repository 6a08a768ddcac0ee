/* The rest of <unistd.h> (and <sys/file.h>, <sys/resource.h>) wasi-libc declares or leaves out:
 * lockf (on fcntl's record locks, as glibc builds it), flock (the open file description's
 * whole-file locks, apart from record locks: src/libc/l4posix_lock.ts), ttyname, ttyname_r and ctermid (a terminal is
 * /dev/tty here), setuid, seteuid, setgid, setegid (a process keeps its identity: only its own ids
 * are accepted, others are EPERM), getdtablesize, and nice, getpriority, setpriority (recorded:
 * nothing schedules by them). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <unistd.h>
#include <l4posix.h>

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

L4POSIX_IMPORT(flock) int __l4posix_flock(int fd, int op);

int flock(int fd, int op) { return l4posix_ret(__l4posix_flock(fd, op)); }

int getdtablesize(void) { return (int)sysconf(_SC_OPEN_MAX); }

static int niceness;

static int clamp_nice(int v) { return v > 19 ? 19 : v < -20 ? -20 : v; }

int nice(int inc) {
	niceness = clamp_nice(niceness + inc);
	return niceness;
}

/* The process itself (who 0, or its own pid, group or user). */
static int is_self(int which, id_t who) {
	if (who == 0) return 1;
	switch (which) {
	case PRIO_PROCESS: return who == (id_t)getpid();
	case PRIO_PGRP: return who == (id_t)getpgrp();
	case PRIO_USER: return who == (id_t)getuid();
	}
	return 0;
}

int getpriority(int which, id_t who) {
	if (which != PRIO_PROCESS && which != PRIO_PGRP && which != PRIO_USER) {
		errno = EINVAL;
		return -1;
	}
	if (!is_self(which, who)) {
		errno = ESRCH;
		return -1;
	}
	return niceness;
}

int setpriority(int which, id_t who, int value) {
	int saved = errno;
	errno = 0;
	if (getpriority(which, who) == -1 && errno != 0) return -1; /* -1 may be the niceness itself */
	errno = saved;
	niceness = clamp_nice(value);
	return 0;
}
