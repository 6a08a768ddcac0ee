/* getopt as glibc's: options are found after operands too, and the operands moved behind them
 * (argv permuted), unless the option string starts with '+' (stop at the first operand, POSIX)
 * or '-' (operands returned as option 1). wasi-libc's getopt (musl's) does the parsing; this
 * finds the next option and moves what it consumed in front of the operands it skipped.
 * wasi-libc's getopt_long permutes too, but moves a NULL into argv when an option's argument is
 * missing at the end (its getopt leaves optind at argc + 1; glibc's leaves it at argc).
 * optarg is NULL after an option without an argument, as glibc clears it on every call; the
 * messages for an unknown option or a missing argument are glibc's words.
 * <unistd.h> sends getopt calls here by name. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
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

/* getopt_long and getopt_long_only: wasi-libc's (musl's) parsing and permutation, glibc's words
 * for what went wrong (musl's say "unrecognized option: x"; <getopt.h> sends the calls here). */
int __musl_getopt_long(int, char *const *, const char *, const struct option *, int *) __asm__("getopt_long");
int __musl_getopt_long_only(int, char *const *, const char *, const struct option *, int *) __asm__("getopt_long_only");

/* The options whose names start with the `len` bytes of `name` (all, or the one that equals it). */
static int matches(const struct option *longopts, const char *name, size_t len, int *found) {
	int n = 0;
	for (int i = 0; longopts && longopts[i].name; i++) {
		if (strncmp(longopts[i].name, name, len) != 0) continue;
		if (longopts[i].name[len] == 0) { *found = i; return 1; }
		*found = i;
		n++;
	}
	return n;
}

static void long_message(char *const argv[], const char *optstring, const struct option *longopts) {
	const char *arg = optind > 0 ? argv[optind - 1] : NULL;
	if (arg == NULL || arg[0] != '-' || arg[1] != '-' || arg[2] == 0) {
		/* A short option's error, as getopt reports it. */
		const char *found = optopt != ':' && optopt != 0 ? strchr(optstring, optopt) : NULL;
		if (found && found[1] == ':')
			fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], optopt);
		else
			fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], optopt);
		return;
	}
	const char *name = arg + 2;
	size_t len = strcspn(name, "=");
	int i = -1;
	int n = matches(longopts, name, len, &i);
	if (optopt == 0 && n > 1) {
		fprintf(stderr, "%s: option '%s' is ambiguous; possibilities:", argv[0], arg);
		for (int k = 0; longopts[k].name; k++) {
			if (strncmp(longopts[k].name, name, len) == 0) fprintf(stderr, " '--%s'", longopts[k].name);
		}
		fputc('\n', stderr);
	} else if (optopt == 0 || i < 0) {
		fprintf(stderr, "%s: unrecognized option '%s'\n", argv[0], arg);
	} else if (name[len] == '=') {
		fprintf(stderr, "%s: option '--%s' doesn't allow an argument\n", argv[0], longopts[i].name);
	} else {
		fprintf(stderr, "%s: option '--%s' requires an argument\n", argv[0], longopts[i].name);
	}
}

/* One option at optind, parsed by wasi-libc with its messages off; glibc's printed instead. */
static int long_one(int argc, char *const argv[], const char *optstring, const struct option *longopts, int *idx, int only) {
	int report = opterr;
	opterr = 0;
	int c = only ? __musl_getopt_long_only(argc, argv, optstring, longopts, idx) : __musl_getopt_long(argc, argv, optstring, longopts, idx);
	opterr = report;
	const char *s = optstring[0] == '+' || optstring[0] == '-' ? optstring + 1 : optstring;
	if (c == '?' && report && s[0] != ':') long_message(argv, s, longopts);
	return c;
}

/*
 * As __l4wasm_getopt permutes: wasi-libc's getopt_long permutes itself, but after an option whose
 * argument is missing at the end it moves argv[argc] (NULL) among the operands and leaves optind
 * past argc. So the next option is found here and parsed in place ("+" added to the option
 * string), and what it consumed moved in front of the operands it skipped.
 */
static int long_options(int argc, char *const argv[], const char *optstring, const struct option *longopts, int *idx, int only) {
	if (optind == 0 || __optreset) {
		__optreset = 0;
		__optpos = 0;
		optind = 1;
	}
	optarg = 0;
	if (optstring[0] == '+' || optstring[0] == '-') return long_one(argc, argv, optstring, longopts, idx, only);
	if (optind >= argc || !argv[optind]) return -1;
	int skipped = optind;
	int next = optind;
	for (;; next++) {
		if (next >= argc || !argv[next]) return -1;
		if (argv[next][0] == '-' && argv[next][1]) break;
	}
	static char *in_place;
	static size_t room;
	size_t len = strlen(optstring);
	if (len + 2 > room) {
		char *grown = realloc(in_place, len + 2);
		if (grown == NULL) return -1;
		in_place = grown;
		room = len + 2;
	}
	in_place[0] = '+';
	memcpy(in_place + 1, optstring, len + 1);
	optind = next;
	int c = long_one(argc, argv, in_place, longopts, idx, only);
	if (optind > argc) optind = argc;
	if (next > skipped) {
		int consumed = optind - next;
		for (int i = 0; i < consumed; i++) move_back((char **)argv, skipped, optind - 1);
		optind = skipped + consumed;
	}
	return c;
}

int __l4wasm_getopt_long(int argc, char *const argv[], const char *optstring, const struct option *longopts, int *idx) {
	return long_options(argc, argv, optstring, longopts, idx, 0);
}

int __l4wasm_getopt_long_only(int argc, char *const argv[], const char *optstring, const struct option *longopts, int *idx) {
	return long_options(argc, argv, optstring, longopts, idx, 1);
}
