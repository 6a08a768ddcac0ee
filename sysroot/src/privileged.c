/* What Linux allows only a privileged process, refused as it refuses an unprivileged one: chroot,
 * acct, mount, umount, umount2, new namespaces by unshare, and ptrace (no process traces another
 * here). The guest's processes run as one unprivileged user, whatever uid they report (as chown.c).
 * Each checks what Linux checks before the privilege, in its order, so a missing path is still
 * ENOENT and a bad flag EINVAL. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(int e) {
	errno = e;
	return -1;
}

/* A path lookup as the kernel makes one before the privilege check: -1 with its errno, else 0. */
static int lookup(const char *path, int follow, int want_dir) {
	struct stat st;
	if ((follow ? stat(path, &st) : lstat(path, &st)) != 0) return -1;
	if (want_dir && !S_ISDIR(st.st_mode)) return fail(ENOTDIR);
	return 0;
}

int chroot(const char *path) {
	if (lookup(path, 1, 1) != 0) return -1;
	return fail(EPERM);
}

/* Process accounting: Linux checks the privilege first. */
int acct(const char *path) {
	(void)path;
	return fail(EPERM);
}

int mount(const char *source, const char *target, const char *type, unsigned long flags, const void *data) {
	(void)source;
	(void)type;
	(void)data;
	if (lookup(target, 1, 0) != 0) return -1;
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL) flags &= ~(unsigned long)MS_MGC_MSK;
	if (flags & MS_NOUSER) return fail(EINVAL);
	return fail(EPERM);
}

int umount2(const char *target, int flags) {
	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW)) return fail(EINVAL);
	if (lookup(target, !(flags & UMOUNT_NOFOLLOW), 0) != 0) return -1;
	return fail(EPERM);
}

int umount(const char *target) { return umount2(target, 0); }

/* The namespaces need privileges; the descriptor table, the file system context and the semaphore
 * undo list a process shares with no other process (processes are made by fork and spawn, which
 * copy them), so unsharing those from a single-threaded process has nothing to do. Threads do share
 * them, and one thread cannot take its own copy here: EINVAL then. */
#define NAMESPACES (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | \
	CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWTIME)
#define PRIVATE_HERE (CLONE_FILES | CLONE_FS | CLONE_SYSVSEM)

int __l4posix_live_threads(void) __attribute__((weak));

int unshare(int flags) {
	if (flags & ~(NAMESPACES | PRIVATE_HERE | CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)) return fail(EINVAL);
	if (flags & NAMESPACES) return fail(EPERM);
	if (flags && __l4posix_live_threads && __l4posix_live_threads() > 1) return fail(EINVAL);
	return 0;
}

/* PTRACE_TRACEME would make the parent a tracer, which no process can be here; attaching to a
 * process is EPERM, or ESRCH when there is none; every other request is for a tracee, and this
 * process has none (ESRCH, as Linux answers for a process it does not trace). */
long ptrace(int request, ...) {
	va_list ap;
	va_start(ap, request);
	pid_t pid = va_arg(ap, pid_t);
	va_end(ap);
	if (request == PTRACE_TRACEME) return fail(EPERM);
	if (request == PTRACE_ATTACH || request == PTRACE_SEIZE) {
		if (pid <= 0 || (kill(pid, 0) != 0 && errno == ESRCH)) return fail(ESRCH);
		return fail(EPERM);
	}
	return fail(ESRCH);
}
