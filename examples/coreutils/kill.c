/* kill: sends a signal (TERM unless -s NAME, -NAME or -N says) to each process PID (a negative
 * PID: a process group). -l [SIGNAL]... lists signal names, or converts numbers (or exit
 * statuses of signalled processes, 128+N) to names and names to numbers; -t prints a table
 * (number, name, description). Names as GNU's: with or without "SIG", any case. */
#include "util.h"
#include <ctype.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>

#define NAME_MAX_LEN 16

/* gnulib's table: where two names share a number, the first is the one printed. */
static const struct { int number; const char *name; } names[] = {
	{ SIGHUP, "HUP" }, { SIGINT, "INT" }, { SIGQUIT, "QUIT" }, { SIGILL, "ILL" },
	{ SIGTRAP, "TRAP" }, { SIGABRT, "ABRT" }, { SIGFPE, "FPE" }, { SIGKILL, "KILL" },
	{ SIGSEGV, "SEGV" }, { SIGBUS, "BUS" }, { SIGPIPE, "PIPE" }, { SIGALRM, "ALRM" },
	{ SIGTERM, "TERM" }, { SIGUSR1, "USR1" }, { SIGUSR2, "USR2" }, { SIGCHLD, "CHLD" },
	{ SIGURG, "URG" }, { SIGSTOP, "STOP" }, { SIGTSTP, "TSTP" }, { SIGCONT, "CONT" },
	{ SIGTTIN, "TTIN" }, { SIGTTOU, "TTOU" }, { SIGSYS, "SYS" }, { SIGPOLL, "POLL" },
	{ SIGVTALRM, "VTALRM" }, { SIGPROF, "PROF" }, { SIGXCPU, "XCPU" }, { SIGXFSZ, "XFSZ" },
	{ SIGIOT, "IOT" }, { SIGCHLD, "CLD" }, { SIGPWR, "PWR" }, { SIGWINCH, "WINCH" },
	{ SIGIO, "IO" }, { SIGSTKFLT, "STKFLT" }, { 0, "EXIT" },
};

/* The name of signal N (no "SIG"), as sig2str writes it; false when N has none. */
static bool signal_name(int n, char *out) {
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (names[i].number == n) {
			strcpy(out, names[i].name);
			return true;
		}
	}
	if (n < SIGRTMIN || n > SIGRTMAX) return false;
	int base = n <= SIGRTMIN + (SIGRTMAX - SIGRTMIN) / 2 ? SIGRTMIN : SIGRTMAX;
	strcpy(out, base == SIGRTMIN ? "RTMIN" : "RTMAX");
	if (n != base) sprintf(out + 5, "%+d", n - base);
	return true;
}

/* A name without "SIG", upper case: its number, or -1. */
static int signal_number(const char *name) {
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(names[i].name, name) == 0) return names[i].number;
	}
	bool min = strncmp(name, "RTMIN", 5) == 0, max = strncmp(name, "RTMAX", 5) == 0;
	if (!min && !max) return -1;
	/* RTMIN+N counts up from SIGRTMIN, RTMAX-N down from SIGRTMAX (the sign may be left out). */
	char *end;
	long delta = strtol(name + 5, &end, 10);
	if (*end != '\0') return -1;
	if (min ? delta < 0 || delta > SIGRTMAX - SIGRTMIN : delta > 0 || delta < SIGRTMIN - SIGRTMAX) return -1;
	return (min ? SIGRTMIN : SIGRTMAX) + (int)delta;
}

/* A SIGNAL operand (a number, or an exit status 128+N; a name) as GNU's operand2sig: the number,
 * its name in OUT; -1 (and the message) when it is none. */
static int operand_signal(const char *operand, char *out) {
	int n;
	if (isdigit((unsigned char)*operand)) {
		char *end;
		errno = 0;
		long l = strtol(operand, &end, 10);
		n = end == operand || *end != '\0' || errno != 0 || l > INT_MAX ? -1 : (int)l;
		if (n != -1) n &= n >= 0xff ? 0xff : 0x7f;
	} else {
		char upper[NAME_MAX_LEN + 4] = "";
		size_t len = strlen(operand);
		if (len < sizeof upper) {
			for (size_t i = 0; i <= len; i++) upper[i] = (char)toupper((unsigned char)operand[i]);
		}
		n = signal_number(upper);
		if (n < 0 && strncmp(upper, "SIG", 3) == 0) n = signal_number(upper + 3);
	}
	if (n < 0 || !signal_name(n, out)) {
		message("'%s': invalid signal", operand);
		return -1;
	}
	return n;
}

static int list(bool table, char **operands) {
	char name[NAME_MAX_LEN];
	int status = 0, width = 0;
	for (int n = 1; n <= SIGRTMAX; n++) {
		if (signal_name(n, name) && (int)strlen(name) > width) width = (int)strlen(name);
	}
	if (operands[0] == NULL) {
		for (int n = 1; n <= SIGRTMAX; n++) {
			if (!signal_name(n, name)) continue;
			if (table) printf("%2d %-*s %s\n", n, width, name, strsignal(n));
			else puts(name);
		}
		return 0;
	}
	for (; *operands; operands++) {
		int n = operand_signal(*operands, name);
		if (n < 0) status = 1;
		else if (table) printf("%2d %-*s %s\n", n, width, name, strsignal(n));
		else if (isdigit((unsigned char)**operands)) puts(name);
		else printf("%d\n", n);
	}
	return status;
}

static int send(int sig, char **pids) {
	int status = 0;
	for (; *pids; pids++) {
		char *end;
		errno = 0;
		intmax_t n = strtoimax(*pids, &end, 10);
		if (errno == ERANGE || n < INT_MIN || n > INT_MAX || end == *pids || *end != '\0') {
			message("'%s': invalid process id", *pids);
			status = 1;
		} else if (kill((pid_t)n, sig) != 0) {
			int e = errno;
			message("'%s': %s", *pids, strerror(e));
			status = 1;
		}
	}
	return status;
}

static _Noreturn void usage_error(void) {
	try_help();
	exit(1);
}

int kill_main(int argc, char **argv) {
	static const struct option longs[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "signal", required_argument, NULL, 's' },
		{ "table", no_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	/* -N and -NAME are options whose letter starts the signal: each digit and capital letter
	 * takes an optional argument, the rest of the signal. */
	static const char shorts[] = "0::1::2::3::4::5::6::7::8::9::A::B::C::D::E::F::G::H::I::J::K::M::"
		"N::O::P::Q::R::S::T::U::V::W::X::Y::Z::Lln:s:t";
	bool listing = false, table = false;
	int sig = -1, c;
	char name[NAME_MAX_LEN];
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (isdigit(c) && optind != 2) {
			/* Not the first argument: a negative process id. */
			optind--;
			break;
		}
		if (isdigit(c) || isupper(c)) {
			if (c == 'L') {
				table = true;
				c = 'l';
			} else {
				if (optarg == NULL) optarg = argv[optind - 1] + strlen(argv[optind - 1]);
				if (optarg != argv[optind - 1] + 2) {
					message("invalid option -- %c", c);
					usage_error();
				}
				optarg--;
				c = 's';
			}
		}
		switch (c) {
		case 'n': case 's':
			if (sig >= 0) {
				message("'%s': multiple signals specified", optarg);
				usage_error();
			}
			sig = operand_signal(optarg, name);
			if (sig < 0) usage_error();
			break;
		case 't': case 'l':
			if (c == 't') table = true;
			if (listing) {
				message("multiple -l or -t options specified");
				usage_error();
			}
			listing = true;
			break;
		case 'h':
			printf("Usage: %s [-s SIGNAL | -SIGNAL] PID...\n  or:  %s -l [SIGNAL]...\n  or:  %s -t [SIGNAL]...\n",
				applet, applet, applet);
			return 0;
		default:
			usage_error();
		}
	}
	if (sig < 0) {
		sig = SIGTERM;
	} else if (listing) {
		message("cannot combine signal with -l or -t");
		usage_error();
	}
	if (listing) return list(table, argv + optind);
	if (optind >= argc) {
		message("no process ID specified");
		usage_error();
	}
	return send(sig, argv + optind);
}
