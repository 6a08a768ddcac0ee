/* ftw on top of wasi-libc's nftw. ftw's callback takes three arguments and nftw's four: calling
 * one through the other's type traps in wasm (an indirect call checks the signature), so a
 * trampoline passes the call on. Symbolic links are followed, as glibc's ftw does (flags 0); a
 * dangling one cannot be stat'ed: FTW_NS (FTW_SLN is nftw's). */
#include <ftw.h>

typedef int (*ftw_fn)(const char *, const struct stat *, int);

/* The callback of the ftw under way (saved and restored: a callback may call ftw itself). */
static ftw_fn current;

static int trampoline(const char *path, const struct stat *st, int type, struct FTW *ftw) {
	(void)ftw;
	return current(path, st, type == FTW_SLN ? FTW_NS : type);
}

int ftw(const char *path, ftw_fn fn, int fd_limit) {
	ftw_fn outer = current;
	current = fn;
	int r = nftw(path, trampoline, fd_limit, 0);
	current = outer;
	return r;
}
