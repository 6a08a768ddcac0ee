/* stdout is fully buffered from the start when it is not a terminal, as glibc decides before its
 * first output. wasi-libc (musl) decides at its first flush, so a program whose stdout is a pipe
 * or a file wrote its first line at once: printf("x\n"); fork() printed it once, Linux twice.
 * The test is wasi-libc's isatty (a character device that cannot seek), made with WASI alone so
 * the program stays a plain wasm32-wasip1 program. It runs before the program's own constructors,
 * whose setvbuf then wins. cwd.c, linked into every program, pulls this in. */
#include <stdio.h>
#include <wasi/api.h>

static int is_terminal(int fd) {
	__wasi_fdstat_t st;
	if (__wasi_fd_fdstat_get(fd, &st) != 0) return 0;
	return st.fs_filetype == __WASI_FILETYPE_CHARACTER_DEVICE &&
	       !(st.fs_rights_base & (__WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL));
}

__attribute__((constructor(101))) static void buffer_stdout(void) {
	if (!is_terminal(1)) setvbuf(stdout, NULL, _IOFBF, 0);
}

void __l4posix_stdout_buffering(void) {}
