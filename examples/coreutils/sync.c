/* sync: writes cached data to storage: everything, or only the FILEs named. -d only their data
 * (fdatasync), -f the file systems holding them (here: everything, as no syncfs is offered). */
#include "util.h"
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>

/* One FILE: opened as GNU's (read, else write; not blocking), then synced. */
static bool sync_file(const char *file, bool data_only, bool whole_fs) {
	int fd = open(file, O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		int e = errno;
		fd = open(file, O_WRONLY | O_NONBLOCK);
		if (fd < 0) errno = e;
	}
	if (fd < 0) {
		int e = errno;
		message("error opening '%s': %s", file, strerror(e));
		return false;
	}
	bool ok = true;
	if (whole_fs) sync();
	else if ((data_only ? fdatasync(fd) : fsync(fd)) != 0) {
		int e = errno;
		message("error syncing '%s': %s", file, strerror(e));
		ok = false;
	}
	close(fd);
	return ok;
}

int sync_main(int argc, char **argv) {
	static const struct option longs[] = {
		{ "data", no_argument, NULL, 'd' },
		{ "file-system", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool data = false, fs = false;
	int c;
	while ((c = getopt_long(argc, argv, "df", longs, NULL)) != -1) {
		switch (c) {
		case 'd': data = true; break;
		case 'f': fs = true; break;
		case 'h':
			printf("Usage: %s [OPTION] [FILE]...\n", applet);
			return 0;
		default:
			try_help();
			return 1;
		}
	}
	if (data && fs) fail(1, "cannot specify both --data and --file-system");
	if (data && optind == argc) fail(1, "--data needs at least one argument");
	if (optind == argc) {
		sync();
		return 0;
	}
	bool ok = true;
	for (int i = optind; i < argc; i++) ok &= sync_file(argv[i], data, fs);
	return ok ? 0 : 1;
}
