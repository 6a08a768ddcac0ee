/* memfd_create: an anonymous file, as Linux's, made on the machine's tmpfs (/dev/shm, where
 * shm_open's objects live) under a name no one else has, then unlinked: only its descriptors (and
 * their dups, forks and mappings) reach it, it goes with the last one. Linux's checks: a name of
 * at most 249 bytes, known flags; MFD_HUGETLB has no huge pages here (EINVAL). File seals are not
 * kept: MFD_ALLOW_SEALING is taken, and fcntl's F_ADD_SEALS then fails (EINVAL). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <unistd.h>

#define MFD_NAME_MAX 249

int memfd_create(const char *name, unsigned flags) {
	if (strnlen(name, MFD_NAME_MAX + 1) > MFD_NAME_MAX || (flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB)) != 0
	    || (flags & MFD_HUGETLB) != 0) {
		errno = EINVAL;
		return -1;
	}
	char path[] = "/dev/shm/memfd.XXXXXX";
	int fd = mkostemp(path, (flags & MFD_CLOEXEC) ? O_CLOEXEC : 0);
	if (fd < 0) return -1;
	fchmod(fd, 0777); /* Linux's memfd is rwx for all, umask or not */
	unlink(path);
	return fd;
}
