/* l4wasm overlay of wasi-libc's <sys/stat.h>: permission bits are real here (sysroot/src/mode.c).
 * chmod, fchmod and fchmodat change them; stat, lstat, fstat and fstatat report them in st_mode;
 * mkdir and mkdirat create with the mode given (less the umask). wasi-libc defines these
 * functions in one object with open and stat, so they are not replaced at link time: the
 * declarations below send calls to libl4posix's versions (__l4wasm_*) instead. */
#ifndef _L4WASM_SYS_STAT_H
#define _L4WASM_SYS_STAT_H

#include_next <sys/stat.h>

#ifdef __cplusplus
extern "C" {
#endif

mode_t umask(mode_t);
int lchmod(const char *, mode_t);

/* Named pipes (sysroot/src/fifo.c): tmpfs has them; mknod makes FIFOs and regular files only. */
int mkfifo(const char *, mode_t);
int mkfifoat(int, const char *, mode_t);
int mknod(const char *, mode_t, dev_t);
int mknodat(int, const char *, mode_t, dev_t);

int chmod(const char *, mode_t) __asm__("__l4wasm_chmod");
int fchmod(int, mode_t) __asm__("__l4wasm_fchmod");
int fchmodat(int, const char *, mode_t, int) __asm__("__l4wasm_fchmodat");
int mkdir(const char *, mode_t) __asm__("__l4wasm_mkdir");
int mkdirat(int, const char *, mode_t) __asm__("__l4wasm_mkdirat");
int stat(const char *__restrict, struct stat *__restrict) __asm__("__l4wasm_stat");
int lstat(const char *__restrict, struct stat *__restrict) __asm__("__l4wasm_lstat");
int fstat(int, struct stat *) __asm__("__l4wasm_fstat");
int fstatat(int, const char *__restrict, struct stat *__restrict, int) __asm__("__l4wasm_fstatat");
/* utimensat refuses unknown flags (EINVAL, as on Linux: sysroot/src/at_flags.c). */
int utimensat(int, const char *, const struct timespec [2], int) __asm__("__l4wasm_utimensat");

#ifdef __cplusplus
}
#endif

#endif
