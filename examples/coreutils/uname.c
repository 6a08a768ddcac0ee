/* uname: writes system information (uname()), by default the kernel name. -a all of it (less -p
 * and -i when unknown), -s kernel name, -n node name, -r kernel release, -v kernel version,
 * -m machine, -p processor, -i hardware platform ("unknown" both), -o operating system. */
#include "util.h"
#include <getopt.h>
#include <stdbool.h>
#include <sys/utsname.h>

enum { SYSNAME = 1, NODENAME = 2, RELEASE = 4, VERSION = 8, MACHINE = 16, PROCESSOR = 32, PLATFORM = 64, OS = 128 };

static bool first = true;

static void field(const char *text) {
	if (!first) putchar(' ');
	fputs(text, stdout);
	first = false;
}

int uname_main(int argc, char **argv) {
	static const struct option longs[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "kernel-name", no_argument, NULL, 's' },
		{ "sysname", no_argument, NULL, 's' },
		{ "nodename", no_argument, NULL, 'n' },
		{ "kernel-release", no_argument, NULL, 'r' },
		{ "release", no_argument, NULL, 'r' },
		{ "kernel-version", no_argument, NULL, 'v' },
		{ "machine", no_argument, NULL, 'm' },
		{ "processor", no_argument, NULL, 'p' },
		{ "hardware-platform", no_argument, NULL, 'i' },
		{ "operating-system", no_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned want = 0;
	int c;
	while ((c = getopt_long(argc, argv, "asnrvmpio", longs, NULL)) != -1) {
		switch (c) {
		case 'a': want = ~0u; break;
		case 's': want |= SYSNAME; break;
		case 'n': want |= NODENAME; break;
		case 'r': want |= RELEASE; break;
		case 'v': want |= VERSION; break;
		case 'm': want |= MACHINE; break;
		case 'p': want |= PROCESSOR; break;
		case 'i': want |= PLATFORM; break;
		case 'o': want |= OS; break;
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
	if (want == 0) want = SYSNAME;
	struct utsname u;
	if (uname(&u) != 0) {
		message_errno("cannot get system name");
		return 1;
	}
	if (want & SYSNAME) field(u.sysname);
	if (want & NODENAME) field(u.nodename);
	if (want & RELEASE) field(u.release);
	if (want & VERSION) field(u.version);
	if (want & MACHINE) field(u.machine);
	/* -a leaves out what is unknown; asked for by name it is written as "unknown". */
	if ((want & PROCESSOR) && want != ~0u) field("unknown");
	if ((want & PLATFORM) && want != ~0u) field("unknown");
	if (want & OS) field("GNU/Linux");
	putchar('\n');
	return 0;
}
