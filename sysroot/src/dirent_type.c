/* readdir and scandir give d_type as Linux numbers it (DT_DIR 4, DT_REG 8, DT_LNK 10: the
 * sysroot's <dirent.h>); wasi-libc's give WASI's filetypes (3, 4, 7), which a program printing
 * d_type showed. <dirent.h> sends a program's readdir and scandir here; wasi-libc's own users of
 * readdir (glob, nftw) keep its numbers and its constants. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

struct dirent *__wasilibc_readdir(DIR *) __asm__("readdir");

/* Linux's d_type for a WASI filetype (a pipe, which WASI cannot name, comes as unknown). */
static unsigned char linux_type(unsigned char t) {
	switch (t) {
	case __WASI_FILETYPE_BLOCK_DEVICE: return DT_BLK;
	case __WASI_FILETYPE_CHARACTER_DEVICE: return DT_CHR;
	case __WASI_FILETYPE_DIRECTORY: return DT_DIR;
	case __WASI_FILETYPE_REGULAR_FILE: return DT_REG;
	case __WASI_FILETYPE_SOCKET_DGRAM: case __WASI_FILETYPE_SOCKET_STREAM: return DT_SOCK;
	case __WASI_FILETYPE_SYMBOLIC_LINK: return DT_LNK;
	default: return DT_UNKNOWN;
	}
}

struct dirent *__l4wasm_readdir(DIR *dir) {
	struct dirent *e = __wasilibc_readdir(dir);
	if (e != NULL) e->d_type = linux_type(e->d_type);
	return e;
}

/* musl's scandir over the readdir above, so that the filter and the comparison see Linux's d_type. */
int __l4wasm_scandir(const char *path, struct dirent ***res, int (*sel)(const struct dirent *),
                     int (*cmp)(const struct dirent **, const struct dirent **)) {
	DIR *d = opendir(path);
	if (d == NULL) return -1;
	struct dirent *de, **names = NULL, **tmp;
	size_t cnt = 0, len = 0;
	int old_errno = errno;
	while ((errno = 0), (de = __l4wasm_readdir(d))) {
		if (sel && !sel(de)) continue;
		if (cnt >= len) {
			len = 2 * len + 1;
			if (len > SIZE_MAX / sizeof *names) break;
			tmp = realloc(names, len * sizeof *names);
			if (tmp == NULL) break;
			names = tmp;
		}
		names[cnt] = malloc(sizeof *de);
		if (names[cnt] == NULL) break;
		memcpy(names[cnt++], de, sizeof *de);
	}
	closedir(d);
	if (errno) {
		if (names)
			while (cnt-- > 0) free(names[cnt]);
		free(names);
		return -1;
	}
	errno = old_errno;
	if (cmp) qsort(names, cnt, sizeof *names, (int (*)(const void *, const void *))cmp);
	*res = names;
	return (int)cnt;
}
