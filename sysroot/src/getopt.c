/* getopt as glibc's: options are found after operands too, and the operands moved behind them
 * (argv permuted), unless the option string starts with '+' (stop at the first operand, POSIX)
 * or '-' (operands returned as option 1). wasi-libc's getopt (musl's) does the parsing; this
 * finds the next option and moves what it consumed in front of the operands it skipped.
 * wasi-libc's getopt_long permutes too, but moves a NULL into argv when an option's argument is
 * missing at the end (its getopt leaves optind at argc + 1; glibc's leaves it at argc).
 * optarg is NULL after an option without an argument, as glibc clears it on every call; the
 * messages for an unknown option or a missing argument are glibc's words.
 * <unistd.h> sends getopt calls here by name. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int __musl_getopt(int, char *const[], const char *) __asm__("getopt");
extern int __optpos, __optreset;

/* Moves argv[from] to argv[to] (to < from), shifting what lies between up by one. */
static void move_back(char **argv, int to, int from) {
	char *moved = argv[from];
	for (int i = from; i > to; i--) argv[i] = argv[i - 1];
	argv[to] = moved;
}

/* wasi-libc's getopt with its messages off; glibc's printed instead (unless opterr is 0 or the
 * option string starts with ':', as there). */
static int parse_one(int argc, char *const argv[], const char *optstring) {
	int report = opterr;
	opterr = 0;
	int c = __musl_getopt(argc, argv, optstring);
	opterr = report;
	if (c == '?' && report && optstring[0] != ':' && optopt != 0) {
		const char *found = optopt != ':' ? strchr(optstring, optopt) : NULL;
		if (found && found[1] == ':')
			fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], optopt);
		else
			fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], optopt);
	}
	return c;
}

int __l4wasm_getopt(int argc, char *const argv[], const char *optstring) {
	if (optind == 0 || __optreset) {
		__optreset = 0;
		__optpos = 0;
		optind = 1;
	}
	optarg = 0;
	if (optstring[0] == '+' || optstring[0] == '-') return parse_one(argc, argv, optstring);
	if (optind >= argc || !argv[optind]) return -1;
	int skipped = optind;
	int next = optind;
	for (;; next++) {
		if (next >= argc || !argv[next]) return -1;
		if (argv[next][0] == '-' && argv[next][1]) break;
	}
	optind = next;
	int c = parse_one(argc, argv, optstring);
	if (optind > argc) optind = argc;
	if (next > skipped) {
		int consumed = optind - next;
		for (int i = 0; i < consumed; i++) move_back((char **)argv, skipped, optind - 1);
		optind = skipped + consumed;
	}
	return c;
}
