/* l4wasm overlay of wasi-libc's <fcntl.h>: descriptors can be duplicated and marked close-on-exec
 * here (sysroot/src/fd.c). wasi-libc defines O_CLOEXEC as 0; l4wasm gives it a bit of its own,
 * one wasi-libc's open() ignores, so pipe2, dup3, F_DUPFD_CLOEXEC and open can honour it.
 * open, openat and creat go to libl4posix's versions (sysroot/src/open.c), which pass the mode
 * of a creating open (WASI's path_open has none) and set FD_CLOEXEC for O_CLOEXEC. */
#ifndef _L4WASM_FCNTL_H
#define _L4WASM_FCNTL_H

#include_next <fcntl.h>

#undef O_CLOEXEC
#define O_CLOEXEC 0x20000000

#ifndef F_DUPFD
#define F_DUPFD 0
#endif
#ifndef F_DUPFD_CLOEXEC
#define F_DUPFD_CLOEXEC 1030
#endif
/* POSIX record locks (fcntl F_GETLK/F_SETLK/F_SETLKW on struct flock): src/vfs/record_locks.ts.
 * wasi-libc declares struct flock but none of the names; these are Linux's (off_t is 64-bit). */
#ifndef F_GETLK
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#endif
#ifndef F_RDLCK
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#endif
#ifndef F_GETPIPE_SZ
#define F_GETPIPE_SZ 1032
#endif

/* fallocate (sysroot/src/fallocate.c): mode 0 allocates as posix_fallocate; the other modes are
 * EOPNOTSUPP, as on a Linux file system without them. splice copies between a pipe and another
 * descriptor (sysroot/src/sendfile.c). Linux's values, which wasi-libc leaves out. */
#ifdef _GNU_SOURCE
/* fstatat (and stat's family through it) with an empty path: the file open as the descriptor
 * itself (sysroot/src/mode.c). Linux's value, apart from wasi-libc's AT_* bits. */
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif
#ifndef FALLOC_FL_KEEP_SIZE
#define FALLOC_FL_KEEP_SIZE 0x01
#define FALLOC_FL_PUNCH_HOLE 0x02
#define FALLOC_FL_NO_HIDE_STALE 0x04
#define FALLOC_FL_COLLAPSE_RANGE 0x08
#define FALLOC_FL_ZERO_RANGE 0x10
#define FALLOC_FL_INSERT_RANGE 0x20
#define FALLOC_FL_UNSHARE_RANGE 0x40
#endif
#ifndef SPLICE_F_MOVE
#define SPLICE_F_MOVE 1
#define SPLICE_F_NONBLOCK 2
#define SPLICE_F_MORE 4
#define SPLICE_F_GIFT 8
#endif
#define fallocate64 fallocate
#endif

#ifdef __cplusplus
extern "C" {
#endif

#ifdef _GNU_SOURCE
int fallocate(int, int, off_t, off_t);
ssize_t splice(int, off_t *, int, off_t *, size_t, unsigned);
#endif

/* posix_fallocate checks the descriptor as Linux does (sysroot/src/fallocate.c). */
int posix_fallocate(int, off_t, off_t) __asm__("__l4wasm_posix_fallocate");
int open(const char *, int, ...) __asm__("__l4wasm_open");
int openat(int, const char *, int, ...) __asm__("__l4wasm_openat");
int creat(const char *, mode_t) __asm__("__l4wasm_creat");

#ifdef __cplusplus
}
#endif

#endif
