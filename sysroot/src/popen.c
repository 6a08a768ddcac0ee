/* popen() and pclose(): a command run by /bin/sh -c with a pipe to its standard input ("w") or
 * from its standard output ("r"); "e" in the mode makes the caller's end close-on-exec. The child
 * holds none of the streams earlier popen calls left open (POSIX), and pclose closes the stream,
 * then waits for that command and returns its wait status. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

struct piped {
	struct piped *next;
	FILE *f;
	int fd;
	pid_t pid;
};
static struct piped *open_pipes;

FILE *popen(const char *command, const char *mode) {
	int reading = mode[0] == 'r', cloexec = strchr(mode, 'e') != NULL;
	if ((mode[0] != 'r' && mode[0] != 'w') || strspn(mode + 1, "e") != strlen(mode + 1)) {
		errno = EINVAL;
		return NULL;
	}
	struct piped *p = malloc(sizeof *p);
	if (!p) return NULL;
	int ends[2];
	if (pipe2(ends, O_CLOEXEC) < 0) { free(p); return NULL; }
	/* The parent keeps ends[0] to read the command's output, or ends[1] to write its input. */
	int mine = reading ? ends[0] : ends[1], theirs = reading ? ends[1] : ends[0], target = reading ? 1 : 0;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	int err = 0;
	if (theirs == target) {
		/* Already at its place (stdin or stdout was closed): only close-on-exec must go. */
		if (fcntl(theirs, F_SETFD, 0) < 0) err = errno;
	} else {
		err = posix_spawn_file_actions_adddup2(&fa, theirs, target);
	}
	for (struct piped *q = open_pipes; q && !err; q = q->next)
		if (q->fd != target) err = posix_spawn_file_actions_addclose(&fa, q->fd);
	char *argv[] = { "sh", "-c", (char *)command, NULL };
	if (!err) err = posix_spawn(&p->pid, "/bin/sh", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(theirs);
	if (!err && !cloexec && fcntl(mine, F_SETFD, 0) < 0) err = errno;
	if (!err && !(p->f = fdopen(mine, reading ? "r" : "w"))) err = errno;
	if (err) {
		close(mine);
		free(p);
		errno = err;
		return NULL;
	}
	p->fd = mine;
	p->next = open_pipes;
	open_pipes = p;
	return p->f;
}

int pclose(FILE *f) {
	struct piped **link = &open_pipes;
	while (*link && (*link)->f != f) link = &(*link)->next;
	struct piped *p = *link;
	if (!p) {
		errno = ECHILD;
		return -1;
	}
	*link = p->next;
	pid_t pid = p->pid;
	free(p);
	fclose(f);
	int status;
	pid_t r;
	while ((r = waitpid(pid, &status, 0)) < 0 && errno == EINTR) {}
	return r < 0 ? -1 : status;
}
