/* l4wasm: <sys/sysmacros.h>, which wasi-libc leaves out: a device number's major and minor parts
 * in glibc's encoding (the one st_dev and st_rdev use here, as on Linux). */
#ifndef _SYS_SYSMACROS_H
#define _SYS_SYSMACROS_H

#include <sys/types.h>

static __inline__ unsigned int gnu_dev_major(dev_t __dev) {
	return (unsigned int)(((__dev >> 8) & 0xfff) | ((__dev >> 32) & ~0xfffULL));
}
static __inline__ unsigned int gnu_dev_minor(dev_t __dev) {
	return (unsigned int)((__dev & 0xff) | ((__dev >> 12) & ~0xffULL));
}
static __inline__ dev_t gnu_dev_makedev(unsigned int __major, unsigned int __minor) {
	return (((dev_t)__major & 0xfff) << 8) | (((dev_t)__major & ~0xfffULL) << 32)
		| ((dev_t)__minor & 0xff) | (((dev_t)__minor & ~0xffULL) << 12);
}

#define major(dev) gnu_dev_major(dev)
#define minor(dev) gnu_dev_minor(dev)
#define makedev(maj, min) gnu_dev_makedev(maj, min)

#endif
