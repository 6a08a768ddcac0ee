/* touch: sets the access and modification times of files to now or to a given time, creating
 * them (empty) when missing. Options: -a/-m (only the access/modification time), -c (create
 * nothing), -h (change a symbolic link itself), -d DATE (YYYY-MM-DD[ HH:MM[:SS[.frac]]], a T for
 * the space, a trailing Z or UTC, @SECONDS, now), -t [[CC]YY]MMDDhhmm[.ss], -r FILE (its times). */
#include "util.h"
#include <ctype.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <time.h>

/* N decimal digits at *P (advanced past them); -1 when there are fewer. */
static int take_digits(const char **p, int n) {
	int v = 0;
	for (int i = 0; i < n; i++, (*p)++) {
		if (!isdigit((unsigned char)**p)) return -1;
		v = v * 10 + (**p - '0');
	}
	return v;
}

/* TM as a time: local, or UTC; false when a field is out of range (mktime would move it). */
static bool make_time(struct tm *tm, bool utc, struct timespec *ts) {
	struct tm want = *tm;
	tm->tm_isdst = -1;
	time_t t = utc ? timegm(tm) : mktime(tm);
	if (t == (time_t)-1 && errno == EOVERFLOW) return false;
	if (tm->tm_year != want.tm_year || tm->tm_mon != want.tm_mon || tm->tm_mday != want.tm_mday
		|| tm->tm_hour != want.tm_hour || tm->tm_min != want.tm_min) return false;
	ts->tv_sec = t;
	return true;
}

/* -t [[CC]YY]MMDDhhmm[.ss] */
static bool parse_stamp(const char *s, struct timespec *ts) {
	size_t n = strcspn(s, ".");
	if (s[n] == '.' && strlen(s + n) != 3) return false;
	if (n != 8 && n != 10 && n != 12) return false;
	time_t now = time(NULL);
	struct tm tm = *localtime(&now);
	const char *p = s;
	if (n == 12) {
		tm.tm_year = take_digits(&p, 4) - 1900;
	} else if (n == 10) {
		int yy = take_digits(&p, 2);
		tm.tm_year = yy < 69 ? yy + 100 : yy;
	}
	tm.tm_mon = take_digits(&p, 2) - 1;
	tm.tm_mday = take_digits(&p, 2);
	tm.tm_hour = take_digits(&p, 2);
	tm.tm_min = take_digits(&p, 2);
	tm.tm_sec = 0;
	if (*p == '.') {
		p++;
		tm.tm_sec = take_digits(&p, 2);
		if (tm.tm_sec < 0 || tm.tm_sec > 60) return false;
	}
	if (*p != '\0' || tm.tm_year < -1900 || tm.tm_mon < 0 || tm.tm_mday < 0 || tm.tm_hour < 0 || tm.tm_min < 0) return false;
	ts->tv_nsec = 0;
	return make_time(&tm, false, ts);
}

/* -d: the forms the header names. */
static bool parse_date(const char *s, struct timespec *ts) {
	const char *p = s;
	while (*p == ' ') p++;
	ts->tv_nsec = 0;
	if (strcmp(p, "now") == 0) return clock_gettime(CLOCK_REALTIME, ts) == 0;
	if (*p == '@') {
		char *end;
		errno = 0;
		long long v = strtoll(p + 1, &end, 10);
		if (end == p + 1 || errno != 0) return false;
		ts->tv_sec = (time_t)v;
		p = end;
		if (*p == '.') {
			long ns = 0;
			int digits = 0;
			for (p++; isdigit((unsigned char)*p); p++) {
				if (digits++ < 9) ns = ns * 10 + (*p - '0');
			}
			while (digits++ < 9) ns *= 10;
			ts->tv_nsec = v < 0 && ns ? 1000000000 - ns : ns;
			if (v < 0 && ns) ts->tv_sec--;
		}
		return *p == '\0';
	}
	struct tm tm = { 0 };
	int y = take_digits(&p, 4);
	if (y < 0 || *p++ != '-') return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = take_digits(&p, 2) - 1;
	if (*p++ != '-') return false;
	tm.tm_mday = take_digits(&p, 2);
	if (tm.tm_mon < 0 || tm.tm_mday < 0) return false;
	if (*p == ' ' || *p == 'T') {
		while (*p == ' ' || *p == 'T') p++;
		tm.tm_hour = take_digits(&p, 2);
		if (*p++ != ':') return false;
		tm.tm_min = take_digits(&p, 2);
		if (*p == ':') {
			p++;
			tm.tm_sec = take_digits(&p, 2);
			if (*p == '.') {
				int digits = 0;
				for (p++; isdigit((unsigned char)*p); p++) {
					if (digits++ < 9) ts->tv_nsec = ts->tv_nsec * 10 + (*p - '0');
				}
				while (digits++ < 9) ts->tv_nsec *= 10;
			}
		}
		if (tm.tm_hour < 0 || tm.tm_min < 0 || tm.tm_sec < 0) return false;
	}
	while (*p == ' ') p++;
	bool utc = false;
	if (strcmp(p, "Z") == 0 || strcmp(p, "UTC") == 0) {
		utc = true;
		p += strlen(p);
	}
	return *p == '\0' && make_time(&tm, utc, ts);
}

int touch_main(int argc, char **argv) {
	static const struct option longopts[] = {
		{ "no-create", no_argument, NULL, 'c' },
		{ "date", required_argument, NULL, 'd' },
		{ "reference", required_argument, NULL, 'r' },
		{ "no-dereference", no_argument, NULL, 'h' },
		{ "help", no_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 },
	};
	const char *optstring = "acd:fhmr:t:";
	bool no_create = false, no_deref = false, set_atime = false, set_mtime = false;
	const char *date = NULL, *stamp = NULL, *reference = NULL;
	struct timespec stamp_ts;
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		switch (c) {
		case 'a': set_atime = true; break;
		case 'c': no_create = true; break;
		case 'd': date = optarg; break;
		case 'f': break;
		case 'h': no_deref = true; break;
		case 'm': set_mtime = true; break;
		case 'r': reference = optarg; break;
		case 't':
			stamp = optarg;
			if (!parse_stamp(stamp, &stamp_ts)) fail(1, "invalid date format %s", quote(stamp));
			break;
		case 'H': printf("Usage: touch [-achm] [-d DATE | -t STAMP | -r FILE] FILE...\n"); return 0;
		default: option_error(argv, optstring); return 1;
		}
	}
	if (stamp != NULL && (date != NULL || reference != NULL)) {
		usage_mistake("cannot specify times from more than one source");
		return 1;
	}
	if (!set_atime && !set_mtime) set_atime = set_mtime = true;
	/* ts[0] is the access time, ts[1] the modification time. */
	struct timespec ts[2] = { { .tv_nsec = UTIME_NOW }, { .tv_nsec = UTIME_NOW } };
	if (reference != NULL) {
		struct stat st;
		if ((no_deref ? lstat(reference, &st) : stat(reference, &st)) != 0) {
			fail(1, "failed to get attributes of %s: %s", quote(reference), strerror(errno));
		}
		ts[0] = st.st_atim;
		ts[1] = st.st_mtim;
	}
	if (date != NULL) {
		if (!parse_date(date, &ts[0])) fail(1, "invalid date format %s", quote(date));
		ts[1] = ts[0];
	}
	if (stamp != NULL) ts[0] = ts[1] = stamp_ts;
	if (!set_atime) ts[0].tv_nsec = UTIME_OMIT;
	if (!set_mtime) ts[1].tv_nsec = UTIME_OMIT;
	if (optind >= argc) {
		usage_mistake("missing file operand");
		return 1;
	}
	int status = 0;
	for (int i = optind; i < argc; i++) {
		const char *file = argv[i];
		int open_errno = 0, r;
		if (strcmp(file, "-") == 0) {
			r = futimens(STDOUT_FILENO, ts);
		} else {
			if (!no_create && !no_deref) {
				int fd = open(file, O_WRONLY | O_CREAT | O_NONBLOCK | O_NOCTTY, 0666);
				if (fd < 0) open_errno = errno;
				else close(fd);
			}
			r = utimensat(AT_FDCWD, file, ts, no_deref ? AT_SYMLINK_NOFOLLOW : 0);
		}
		if (r != 0) {
			int e = errno;
			if (open_errno != 0) {
				message("cannot touch %s: %s", quote(file), strerror(open_errno));
			} else if (no_create && e == ENOENT) {
				continue;
			} else {
				message("setting times of %s: %s", quote(file), strerror(e));
			}
			status = 1;
		}
	}
	return status;
}
