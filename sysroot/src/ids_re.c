/* setreuid/setregid and the saved-id calls: a process keeps its identity, so each id given
 * (-1 leaves one alone) must be one it already has, else EPERM (as setuid, unistd_more.c).
 * The saved ids are the real ones: nothing ever changes them. setgroups and initgroups accept
 * only the one group a process has. */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <unistd.h>

static int allowed(unsigned id, unsigned real, unsigned eff) {
	if (id == (unsigned)-1 || id == real || id == eff) return 1;
	errno = EPERM;
	return 0;
}

int setreuid(uid_t r, uid_t e) {
	uid_t ru = getuid(), eu = geteuid();
	return allowed(r, ru, eu) && allowed(e, ru, eu) ? 0 : -1;
}

int setregid(gid_t r, gid_t e) {
	gid_t rg = getgid(), eg = getegid();
	return allowed(r, rg, eg) && allowed(e, rg, eg) ? 0 : -1;
}

int setresuid(uid_t r, uid_t e, uid_t s) {
	uid_t ru = getuid(), eu = geteuid();
	return allowed(r, ru, eu) && allowed(e, ru, eu) && allowed(s, ru, eu) ? 0 : -1;
}

int setresgid(gid_t r, gid_t e, gid_t s) {
	gid_t rg = getgid(), eg = getegid();
	return allowed(r, rg, eg) && allowed(e, rg, eg) && allowed(s, rg, eg) ? 0 : -1;
}

int getresuid(uid_t *r, uid_t *e, uid_t *s) {
	*r = getuid();
	*e = geteuid();
	*s = *r;
	return 0;
}

int getresgid(gid_t *r, gid_t *e, gid_t *s) {
	*r = getgid();
	*e = getegid();
	*s = *r;
	return 0;
}

/* The supplementary groups: the process's one group (getgroups), which it may set again. */
int setgroups(size_t n, const gid_t *list) {
	gid_t g = getgid();
	for (size_t i = 0; i < n; i++) {
		if (list[i] != g) {
			errno = EPERM;
			return -1;
		}
	}
	return 0;
}

int initgroups(const char *user, gid_t group) {
	(void)user;
	return setgroups(1, &group);
}
