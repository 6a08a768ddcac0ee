/* glibc's older allocation calls, which wasi-libc does not build: memalign, valloc and pvalloc
 * (page-aligned, pages of 4 KiB as mmap's) over posix_memalign; malloc_trim, which can give nothing
 * back (a wasm memory never shrinks); the program break: sbrk and brk by any number of bytes, as
 * Linux moves it (wasi-libc's sbrk takes whole 64 KiB wasm pages only and aborts otherwise). */
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

#define WASM_PAGE 65536

/* The break, the lowest it may go (where it was first seen) and the end of memory it was last
 * moved against. Memory grows by whole wasm pages, so the break lies at or below the end: the
 * bytes above it are the break's own until memory grows by other means (mmap, here), which
 * moves the break to the new end, as the heap's next growth may not reach into a mapping. */
static uintptr_t brk_now, brk_floor, brk_end;

static uintptr_t memory_end(void) { return (uintptr_t)__builtin_wasm_memory_size(0) * WASM_PAGE; }

/* The break now: 0 before the first use. */
static uintptr_t current_break(void) {
	uintptr_t end = memory_end();
	if (!brk_now) brk_floor = brk_now = brk_end = end;
	else if (end != brk_end) brk_now = brk_end = end;
	return brk_now;
}

/* Moves the break to `to` (not below the floor): 0, or -1 with ENOMEM when memory cannot grow. */
static int move_break(uintptr_t to) {
	uintptr_t end = memory_end();
	if (to > end) {
		uintptr_t pages = (to - end + WASM_PAGE - 1) / WASM_PAGE;
		if (to > UINTPTR_MAX - WASM_PAGE || __builtin_wasm_memory_grow(0, pages) == SIZE_MAX) {
			errno = ENOMEM;
			return -1;
		}
		brk_end = memory_end();
	}
	brk_now = to;
	return 0;
}

void *sbrk(intptr_t increment) {
	uintptr_t old = current_break();
	if (increment == 0) return (void *)old;
	if (increment < 0 ? old - brk_floor < (uintptr_t)-increment : (uintptr_t)increment > UINTPTR_MAX - old) {
		errno = ENOMEM;
		return (void *)-1;
	}
	if (move_break(old + increment) < 0) return (void *)-1;
	return (void *)old;
}

/* As on Linux, an address below the start of the break is ignored (success, nothing moves). */
int brk(void *addr) {
	current_break();
	if ((uintptr_t)addr < brk_floor) return 0;
	return move_break((uintptr_t)addr);
}
