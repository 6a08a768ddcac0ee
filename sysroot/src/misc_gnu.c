/* Small BSD/GNU calls programs reach for: setpgrp, get_current_dir_name, canonicalize_file_name,
 * daemon, getloadavg (no load is measured: zeros), sysinfo (uptime from the monotonic clock,
 * memory from the wasm32 address space and what this program's memory has grown to),
 * secure_getenv. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

pid_t setpgrp(void) { return setpgid(0, 0); }

/* $PWD when it names the current directory, else getcwd's answer; malloc'ed. */
char *get_current_dir_name(void) {
	const char *pwd = getenv("PWD");
	struct stat a, b;
	if (pwd != NULL && pwd[0] == '/' && stat(pwd, &a) == 0 && stat(".", &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
		return strdup(pwd);
	}
	return getcwd(NULL, 0);
}

/* realpath in memory of its own (free it). */
char *canonicalize_file_name(const char *path) { return realpath(path, NULL); }

int daemon(int nochdir, int noclose) {
	pid_t pid = fork();
	if (pid < 0) return -1;
	if (pid > 0) _exit(0);
	if (setsid() < 0) return -1;
	if (!nochdir && chdir("/") != 0) return -1;
	if (!noclose) {
		int fd = open("/dev/null", O_RDWR);
		if (fd < 0) return -1;
		for (int i = 0; i < 3; i++) {
			if (fd != i && dup2(fd, i) < 0) return -1;
		}
		if (fd > 2) close(fd);
	}
	return 0;
}

int getloadavg(double *loads, int n) {
	if (n < 0) return -1;
	if (n > 3) n = 3;
	for (int i = 0; i < n; i++) loads[i] = 0.0;
	return n;
}

int sysinfo(struct sysinfo *info) {
	if (info == NULL) {
		errno = EFAULT;
		return -1;
	}
	memset(info, 0, sizeof *info);
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	info->uptime = (unsigned long)t.tv_sec;
	/* Counted in 4 KiB units, so that 4 GiB fits an unsigned long on wasm32. */
	info->mem_unit = 4096;
	info->totalram = (unsigned long)((1ull << 32) / 4096);
	unsigned long used = (unsigned long)(__builtin_wasm_memory_size(0) * 65536ull / 4096);
	info->freeram = info->totalram - used;
	info->procs = 1;
	return 0;
}

/* glibc's: NULL in a program whose real and effective ids differ (set-user-ID or -group), else
 * getenv. */
char *secure_getenv(const char *name) {
	if (getuid() != geteuid() || getgid() != getegid()) return NULL;
	return getenv(name);
}
