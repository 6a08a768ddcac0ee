/* getauxval: what a Linux program's auxiliary vector tells it, from l4wasm's own answers (the
 * mmap page size, the ids, the clock tick of times(), 16 random bytes drawn once); ENOENT for the
 * rest, as glibc answers a type the vector lacks. AT_HWCAP is 0: wasm has no CPU feature bits. */
#include <sys/auxv.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>


unsigned long getauxval(unsigned long type) {
	static unsigned char random_bytes[16];
	static int drawn;
	switch (type) {
	case AT_PAGESZ: return (unsigned long)sysconf(_SC_PAGESIZE);
	case AT_CLKTCK: return (unsigned long)sysconf(_SC_CLK_TCK);
	case AT_UID: return getuid();
	case AT_EUID: return geteuid();
	case AT_GID: return getgid();
	case AT_EGID: return getegid();
	case AT_SECURE: return 0;
	case AT_HWCAP: case AT_HWCAP2: case AT_FLAGS: return 0;
	case AT_PLATFORM: return (unsigned long)"wasm32";
	case AT_RANDOM:
		if (!drawn) {
			arc4random_buf(random_bytes, sizeof random_bytes);
			drawn = 1;
		}
		return (unsigned long)random_bytes;
	default:
		errno = ENOENT;
		return 0;
	}
}
