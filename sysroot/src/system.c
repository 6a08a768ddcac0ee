/* system(): the command run by /bin/sh -c on the guest's processes (the machine installs
 * l4wasm's shell there). As POSIX says: the caller ignores SIGINT and SIGQUIT and blocks SIGCHLD
 * while it waits; the shell starts with those at their defaults and the caller's own mask; the
 * result is the shell's wait status (127 as exit status when the shell could not be started);
 * system(NULL) says whether there is a shell. */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define SHELL "/bin/sh"

int system(const char *command) {
	if (!command) {
		struct stat st;
		return stat(SHELL, &st) == 0 && S_ISREG(st.st_mode);
	}
	struct sigaction ignore = { .sa_handler = SIG_IGN }, old_int, old_quit;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	sigset_t chld, old_mask;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old_mask);

	posix_spawnattr_t attr;
	posix_spawnattr_init(&attr);
	sigset_t defaults;
	sigemptyset(&defaults);
	if (old_int.sa_handler != SIG_IGN) sigaddset(&defaults, SIGINT);
	if (old_quit.sa_handler != SIG_IGN) sigaddset(&defaults, SIGQUIT);
	posix_spawnattr_setsigdefault(&attr, &defaults);
	posix_spawnattr_setsigmask(&attr, &old_mask);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

	char *argv[] = { "sh", "-c", (char *)command, NULL };
	pid_t pid;
	int status = -1;
	int err = posix_spawn(&pid, SHELL, NULL, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	if (err == 0) {
		while (waitpid(pid, &status, 0) < 0) {
			if (errno != EINTR) { status = -1; break; }
		}
	} else {
		status = 127 << 8; /* as if the shell had run and exited with 127 */
	}
	int saved = errno;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	errno = saved;
	return status;
}
