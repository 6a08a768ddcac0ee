/* nproc: writes the number of processing units the process may use (its affinity mask), or
 * OMP_NUM_THREADS (bounded by OMP_THREAD_LIMIT) when set; --all every one the machine has;
 * --ignore=N that many fewer (at least 1). */
#include "util.h"
#include <ctype.h>
#include <getopt.h>
#include <limits.h>
#include <sched.h>

/* An OpenMP variable's number (blanks around it, a comma after it allowed); 0 when unset or not one. */
static unsigned long omp_value(const char *s) {
	if (s == NULL) return 0;
	while (isspace((unsigned char)*s)) s++;
	if (!isdigit((unsigned char)*s)) return 0;
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	while (isspace((unsigned char)*end)) end++;
	return *end == '\0' || *end == ',' ? v : 0;
}

static unsigned long processors(int all) {
	if (!all) {
		unsigned long threads = omp_value(getenv("OMP_NUM_THREADS"));
		unsigned long limit = omp_value(getenv("OMP_THREAD_LIMIT"));
		if (limit == 0) limit = ULONG_MAX;
		if (threads != 0) return threads < limit ? threads : limit;
		cpu_set_t set;
		unsigned long n = 0;
		if (sched_getaffinity(0, sizeof set, &set) == 0) n = (unsigned long)CPU_COUNT(&set);
		if (n == 0) {
			long online = sysconf(_SC_NPROCESSORS_ONLN);
			n = online > 0 ? (unsigned long)online : 1;
		}
		return n < limit ? n : limit;
	}
	long conf = sysconf(_SC_NPROCESSORS_CONF);
	return conf > 0 ? (unsigned long)conf : 1;
}

int nproc_main(int argc, char **argv) {
	static const struct option longs[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "ignore", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int all = 0, c;
	unsigned long ignore = 0;
	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		switch (c) {
		case 'a': all = 1; break;
		case 'i': {
			char *end;
			errno = 0;
			ignore = strtoul(optarg, &end, 10);
			if (end == optarg || *end != '\0' || errno != 0 || optarg[0] == '-') fail(1, "invalid number: '%s'", optarg);
			break;
		}
		case 'h':
			printf("Usage: %s [OPTION]...\n", applet);
			return 0;
		default:
			try_help();
			return 1;
		}
	}
	if (optind < argc) {
		usage_mistake("extra operand '%s'", argv[optind]);
		return 1;
	}
	unsigned long n = processors(all);
	printf("%lu\n", ignore < n ? n - ignore : 1);
	return 0;
}
