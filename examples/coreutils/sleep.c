/* sleep: pauses for the sum of its arguments, each a number (decimal, exponent, hex) with an
 * optional unit: s seconds (the default), m minutes, h hours, d days. */
#include "util.h"
#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <time.h>

/* NUMBER[smhd] in seconds, or -1 when it is not a valid interval. */
static double interval(const char *arg) {
	char *end;
	errno = 0;
	double s = strtod(arg, &end);
	if (end == arg || (errno != 0 && errno != ERANGE) || !(s >= 0)) return -1;
	if (*end != '\0' && end[1] != '\0') return -1;
	switch (*end) {
	case '\0': case 's': return s;
	case 'm': return s * 60;
	case 'h': return s * 60 * 60;
	case 'd': return s * 60 * 60 * 24;
	default: return -1;
	}
}

int sleep_main(int argc, char **argv) {
	static const struct option longs[] = { { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	int c;
	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		if (c == 'h') {
			printf("Usage: %s NUMBER[SUFFIX]...\n", applet);
			return 0;
		}
		try_help();
		return 1;
	}
	if (optind >= argc) {
		usage_mistake("missing operand");
		return 1;
	}
	double total = 0;
	bool ok = true;
	for (int i = optind; i < argc; i++) {
		double s = interval(argv[i]);
		if (s < 0) {
			message("invalid time interval '%s'", argv[i]);
			ok = false;
		} else {
			total += s;
		}
	}
	if (!ok) {
		try_help();
		return 1;
	}
	/* Longer than time_t holds is forever, in the largest steps nanosleep takes. */
	struct timespec ts;
	while (total > 0) {
		double step = total > 1e9 ? 1e9 : total;
		ts.tv_sec = (time_t)step;
		ts.tv_nsec = (long)((step - floor(step)) * 1e9);
		if (ts.tv_sec == 0 && ts.tv_nsec == 0) ts.tv_nsec = 1;
		while (nanosleep(&ts, &ts) != 0) {
			if (errno != EINTR) {
				message_errno("cannot read realtime clock");
				return 1;
			}
		}
		if (!isinf(total)) total -= step;
	}
	return 0;
}
