/* glibc's older allocation calls, which wasi-libc does not build: memalign, valloc and pvalloc
 * (page-aligned, pages of 4 KiB as mmap's) over posix_memalign; malloc_trim, which can give nothing
 * back (a wasm memory never shrinks); brk, which cannot set the break (memory only grows, by
 * sbrk). */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#define PAGE 4096

/* As glibc's: an alignment that is not a power of two is rounded up to one. */
void *memalign(size_t align, size_t size) {
	if (align > SIZE_MAX / 2 + 1) {
		errno = EINVAL;
		return NULL;
	}
	size_t a = sizeof(void *);
	while (a < align) a <<= 1;
	void *p;
	int e = posix_memalign(&p, a, size);
	if (e) {
		errno = e;
		return NULL;
	}
	return p;
}

void *valloc(size_t size) { return memalign(PAGE, size); }

/* The size rounded up to whole pages. */
void *pvalloc(size_t size) {
	if (size > SIZE_MAX - (PAGE - 1)) {
		errno = ENOMEM;
		return NULL;
	}
	return memalign(PAGE, (size + PAGE - 1) & ~(size_t)(PAGE - 1));
}

/* 1 would say memory went back to the system; none can. */
int malloc_trim(size_t pad) {
	(void)pad;
	return 0;
}

extern unsigned char __heap_base;

/* The break is the end of memory (sbrk(0)) and cannot be set: only the address it already has
 * succeeds, or (as Linux ignores them) one below the start of the heap; ENOMEM for the rest. */
int brk(void *addr) {
	if ((uintptr_t)addr < (uintptr_t)&__heap_base || addr == sbrk(0)) return 0;
	errno = ENOMEM;
	return -1;
}
