/* inotify: l4wasm's file systems report no changes, so every call fails as on a Linux kernel
 * built without inotify (ENOSYS), and a program can fall back to polling. No events are made up. */
#include <sys/inotify.h>
#include <errno.h>

int inotify_init(void) {
	errno = ENOSYS;
	return -1;
}

int inotify_init1(int flags) {
	(void)flags;
	errno = ENOSYS;
	return -1;
}

int inotify_add_watch(int fd, const char *path, uint32_t mask) {
	(void)fd; (void)path; (void)mask;
	errno = ENOSYS;
	return -1;
}

int inotify_rm_watch(int fd, int wd) {
	(void)fd; (void)wd;
	errno = ENOSYS;
	return -1;
}
