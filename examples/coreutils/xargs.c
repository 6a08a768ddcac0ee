/* xargs: runs a command (default echo) with the items read from stdin as its arguments, as many
 * per run as fit. Items are separated by blanks and newlines, with '...', "..." and \ quoting.
 * Options: -n N (at most N items a run), -0 (items end in NUL bytes, no quoting), -I R (one run
 * per line, R in the arguments replaced by it), -r (no run when there are no items), -t (each
 * command line on stderr first). Runs go through posix_spawnp with stdin from /dev/null; exit
 * status as GNU's: 123 if a run exited 1-125, 124 at an exit of 255, 125 on a signal, 126/127
 * when the command cannot be run or found. */
#include "util.h"
#include <getopt.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

enum { ARG_SPACE = 128 * 1024 - 2048 }; /* bytes of arguments a run may have, GNU's default */

static int nul_items, per_line, trace;
static int status;
static int bad_quote; /* the quote left open, reported after what was read has run, as GNU's */

/* The item being read. */
static char *item;
static size_t item_len, item_cap;

static void append(int c) {
	if (item_len + 1 >= item_cap) {
		item_cap = item_cap ? item_cap * 2 : 64;
		item = realloc(item, item_cap);
		if (item == NULL) fail(1, "memory exhausted");
	}
	item[item_len++] = (char)c;
	item[item_len] = '\0';
}

/* Reads the next item into `item`: 1 if there is one, 0 at the end of the input, -1 for an
 * unmatched quote (in bad_quote). */
static int next_item(void) {
	int c, started = 0;
	/* An empty item: room for its terminating NUL made first. */
	item_len = 0;
	append('\0');
	item_len = 0;
	if (nul_items) {
		while ((c = getchar()) != EOF && c != '\0') append(c), started = 1;
		return started || c == '\0';
	}
	/* Blanks before an item (with -I, empty lines too) are skipped. */
	while ((c = getchar()) == ' ' || c == '\t' || c == '\n') {}
	for (; c != EOF; c = getchar()) {
		if (c == '\n' || (!per_line && (c == ' ' || c == '\t'))) break;
		started = 1;
		if (c == '\'' || c == '"') {
			int quote = c;
			while ((c = getchar()) != quote) {
				if (c == EOF || c == '\n') {
					bad_quote = quote;
					return -1;
				}
				append(c);
			}
		} else if (c == '\\') {
			if ((c = getchar()) == EOF) break;
			append(c);
		} else {
			append(c);
		}
	}
	return started;
}

/* Runs argv to its end; false when xargs must stop (status set). */
static int run(char **argv) {
	if (trace) {
		for (int i = 0; argv[i] != NULL; i++) fprintf(stderr, "%s%s", i ? " " : "", argv[i]);
		fputc('\n', stderr);
	}
	fflush(stdout);
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
	pid_t pid;
	int e = posix_spawnp(&pid, argv[0], &actions, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	if (e != 0) {
		message("%s: %s", argv[0], strerror(e));
		status = e == ENOENT ? 127 : 126;
		return 0;
	}
	int wstatus;
	while (waitpid(pid, &wstatus, 0) < 0) {
		if (errno != EINTR) {
			message_errno("waiting for child process");
			status = 1;
			return 0;
		}
	}
	if (WIFSIGNALED(wstatus)) {
		message("%s: terminated by signal %d", argv[0], WTERMSIG(wstatus));
		status = 125;
		return 0;
	}
	int code = WEXITSTATUS(wstatus);
	if (code == 255) {
		message("%s: exited with status 255; aborting", argv[0]);
		status = 124;
		return 0;
	}
	if (code != 0) status = 123;
	return 1;
}

/* -I: the command's arguments with each `replace` in them replaced by the item. */
static int run_replaced(char **command, int ncommand, const char *replace) {
	char **argv = calloc((size_t)ncommand + 1, sizeof *argv);
	if (argv == NULL) fail(1, "memory exhausted");
	size_t rlen = strlen(replace);
	for (int i = 0; i < ncommand; i++) {
		size_t n = 0;
		for (const char *p = command[i]; (p = strstr(p, replace)) != NULL; p += rlen) n++;
		char *arg = malloc(strlen(command[i]) + n * item_len + 1), *out = arg;
		if (arg == NULL) fail(1, "memory exhausted");
		const char *p = command[i], *hit;
		while ((hit = strstr(p, replace)) != NULL) {
			memcpy(out, p, (size_t)(hit - p)), out += hit - p;
			memcpy(out, item, item_len), out += item_len;
			p = hit + rlen;
		}
		strcpy(out, p);
		argv[i] = arg;
	}
	int go_on = run(argv);
	for (int i = 0; i < ncommand; i++) free(argv[i]);
	free(argv);
	return go_on;
}

static int parse_max_args(const char *s) {
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0) {
		usage_mistake("invalid number \"%s\" for -n option", s);
		exit(1);
	}
	if (n < 1) {
		usage_mistake("value %s for -n option should be >= 1", s);
		exit(1);
	}
	return n > 100000 ? 100000 : (int)n;
}

int xargs_main(int argc, char **argv) {
	int max_args = 0, no_empty_run = 0;
	const char *replace = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "+n:0I:rt", HELP_ONLY, NULL)) != -1) {
		switch (c) {
		case 'n': max_args = parse_max_args(optarg); break;
		case '0': nul_items = 1; break;
		case 'I': replace = optarg, per_line = 1; break;
		case 'r': no_empty_run = 1; break;
		case 't': trace = 1; break;
		case 1: puts("Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]..."); return 0;
		default:
			try_help();
			return 1;
		}
	}
	static char *echo[] = { "echo", NULL };
	char **command = optind < argc ? argv + optind : echo;
	int ncommand = optind < argc ? argc - optind : 1;
	size_t command_space = 0;
	for (int i = 0; i < ncommand; i++) command_space += strlen(command[i]) + 1;

	/* One run's arguments: the command's, then the items gathered. */
	size_t cap = (size_t)ncommand + 16, n = (size_t)ncommand, space = command_space;
	char **args = malloc(cap * sizeof *args);
	if (args == NULL) fail(1, "memory exhausted");
	memcpy(args, command, (size_t)ncommand * sizeof *args);
	int ran = 0, r;
	while ((r = next_item()) > 0) {
		if (replace != NULL) {
			ran = 1;
			if (!run_replaced(command, ncommand, replace)) return status;
			continue;
		}
		/* A full run goes before this item is added. */
		if (n > (size_t)ncommand && (space + item_len + 1 > ARG_SPACE || (max_args && n - (size_t)ncommand == (size_t)max_args))) {
			args[n] = NULL;
			ran = 1;
			if (!run(args)) return status;
			for (size_t i = (size_t)ncommand; i < n; i++) free(args[i]);
			n = (size_t)ncommand, space = command_space;
		}
		if (n + 2 > cap) {
			args = realloc(args, (cap *= 2) * sizeof *args);
			if (args == NULL) fail(1, "memory exhausted");
		}
		args[n++] = strdup(item);
		space += item_len + 1;
	}
	/* What was gathered runs (also before an unmatched quote's error), and once with no items
	 * unless -r or -I. */
	if (n > (size_t)ncommand || (!ran && !no_empty_run && replace == NULL && r == 0)) {
		args[n] = NULL;
		if (!run(args)) return status;
	}
	if (bad_quote) {
		message("unmatched %s quote; by default quotes are special to xargs unless you use the -0 option",
			bad_quote == '"' ? "double" : "single");
		return 1;
	}
	return status;
}
