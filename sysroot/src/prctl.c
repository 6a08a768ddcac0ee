/* prctl: the parent-death signal is the host's (src/guest/process_table.ts sends it when the
 * parent ends; fork clears it, exec keeps it); the name (16 bytes with the NUL, at first the
 * last part of argv[0]), the dumpable flag and no_new_privs are the process's own, kept here and
 * inherited across fork. Other options are EINVAL. */
#define _GNU_SOURCE
#include <sys/prctl.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>
#include <l4posix.h>

L4POSIX_IMPORT(pdeathsig) int __l4posix_pdeathsig(int set, int sig);

#define NAME_SIZE 16

static char name[NAME_SIZE];
static int named;
static int dumpable = 1;
static int no_new_privs;

/* Linux's comm starts as the executable's file name, cut to 15 bytes: here argv[0]'s last part. */
static void initial_name(void) {
	named = 1;
	__wasi_size_t argc, size;
	if (__wasi_args_sizes_get(&argc, &size) != 0 || argc == 0) return;
	char **argv = malloc(argc * sizeof *argv);
	char *buf = malloc(size);
	if (argv != NULL && buf != NULL && __wasi_args_get((uint8_t **)argv, (uint8_t *)buf) == 0) {
		const char *slash = strrchr(argv[0], '/');
		strncpy(name, slash ? slash + 1 : argv[0], NAME_SIZE - 1);
	}
	free(argv);
	free(buf);
}

static int fail(int e) {
	errno = e;
	return -1;
}

int prctl(int option, ...) {
	va_list ap;
	va_start(ap, option);
	unsigned long arg2 = va_arg(ap, unsigned long);
	unsigned long arg3 = va_arg(ap, unsigned long);
	unsigned long arg4 = va_arg(ap, unsigned long);
	unsigned long arg5 = va_arg(ap, unsigned long);
	va_end(ap);
	switch (option) {
	case PR_SET_PDEATHSIG:
		return l4posix_ret(__l4posix_pdeathsig(1, (int)arg2));
	case PR_GET_PDEATHSIG:
		if (arg2 == 0) return fail(EFAULT);
		*(int *)arg2 = __l4posix_pdeathsig(0, 0);
		return 0;
	case PR_GET_DUMPABLE:
		return dumpable;
	case PR_SET_DUMPABLE:
		if (arg2 > 1) return fail(EINVAL);
		dumpable = (int)arg2;
		return 0;
	case PR_SET_NAME:
		if (arg2 == 0) return fail(EFAULT);
		strncpy(name, (const char *)arg2, NAME_SIZE - 1);
		name[NAME_SIZE - 1] = 0;
		named = 1;
		return 0;
	case PR_GET_NAME:
		if (arg2 == 0) return fail(EFAULT);
		if (!named) initial_name();
		memcpy((char *)arg2, name, NAME_SIZE);
		return 0;
	case PR_SET_NO_NEW_PRIVS:
		if (arg2 != 1 || arg3 || arg4 || arg5) return fail(EINVAL);
		no_new_privs = 1;
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (arg2 || arg3 || arg4 || arg5) return fail(EINVAL);
		return no_new_privs;
	default:
		return fail(EINVAL);
	}
}
