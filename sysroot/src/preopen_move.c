/* WASI announces the preopened directories ("/" and the mounts) at descriptors 3, 4, ..., so the
 * first file a program opened was 4 where on Linux it is 3. Before the program opens anything,
 * this moves them to the top of the descriptor table (1023 downwards; a dup keeps the
 * announcement, src/libc/fdtable.ts) and tells wasi-libc's preopen table: open, pipe, dup, fopen,
 * socket... then number from 3 as on Linux. A program started by exec from one that moved them
 * finds them at the top (cwd.c, linked into every program). Linked with every member that makes
 * descriptors (they refer to __l4posix_move_preopens); it uses l4posix's fcntl, which a program
 * without them never needs. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <wasi/api.h>
#include <wasi/libc.h>

void __wasilibc_reset_preopens(void);

#define MAX_PREOPENS 32
/* Where the moved preopens live (cwd.c looks there): the top of Linux's default RLIMIT_NOFILE. */
#define PREOPEN_TOP 1023

struct preopen {
	int fd;
	char *name;
};

/* The preopen at `fd` (its name in *name, malloc'ed): 1; not a preopened directory: 0. */
static int announced(int fd, char **name) {
	__wasi_prestat_t st;
	if (__wasi_fd_prestat_get((__wasi_fd_t)fd, &st) != 0 || st.tag != __WASI_PREOPENTYPE_DIR) return 0;
	char *s = malloc(st.u.dir.pr_name_len + 1);
	if (s == NULL) return 0;
	if (__wasi_fd_prestat_dir_name((__wasi_fd_t)fd, (uint8_t *)s, st.u.dir.pr_name_len) != 0) {
		free(s);
		return 0;
	}
	s[st.u.dir.pr_name_len] = 0;
	*name = s;
	return 1;
}

__attribute__((constructor(101))) void __l4posix_move_preopens(void) {
	static int done;
	if (done) return;
	done = 1;
	/* With fewer descriptors allowed, they stay where WASI put them. */
	if (sysconf(_SC_OPEN_MAX) <= PREOPEN_TOP) return;
	struct preopen pre[MAX_PREOPENS];
	int n = 0;
	/* Where a new process has them: 3 upwards, as wasi-libc looks for them. */
	for (int fd = 3; n < MAX_PREOPENS && announced(fd, &pre[n].name); fd++) pre[n++].fd = fd;
	int moved = 0;
	for (int i = 0; i < n; i++) {
		int want = PREOPEN_TOP - i;
		int fd = fcntl(pre[i].fd, F_DUPFD, want);
		if (fd != want) {
			if (fd >= 0) close(fd);
			continue;
		}
		close(pre[i].fd);
		pre[i].fd = fd;
		moved = 1;
	}
	/* wasi-libc's table again, in the order WASI announced them (a later one wins a tie). */
	if (moved) {
		__wasilibc_reset_preopens();
		for (int i = 0; i < n; i++) __wasilibc_register_preopened_fd(pre[i].fd, pre[i].name);
	}
	for (int i = 0; i < n; i++) free(pre[i].name);
}
