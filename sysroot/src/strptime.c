/* strptime that completes the date as glibc's does: when the input gave a date (year, month or
 * day of month) but no weekday, tm_wday is computed, and tm_yday when it gave no day of the year;
 * a year and a day of the year with no month and day give those. wasi-libc's (musl's) strptime
 * parses and sets only the fields it read. <time.h> sends strptime calls here by name. */
#include <string.h>
#include <time.h>

char *__musl_strptime(const char *__restrict, const char *__restrict, struct tm *__restrict) __asm__("strptime");

/* Days before each month, in a common and a leap year. */
static const int month_start[2][13] = {
	{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
	{0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366},
};

static int is_leap(long long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* Days from 1970-01-01 to y-m-d (m 1..12), proleptic Gregorian. */
static long long days_from_civil(long long y, int m, int d) {
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* What the format reads: the conversions glibc's strptime counts for completing the date. */
struct reads {
	int date, wday, yday, mon, mday;
};

static void scan(const char *f, struct reads *r) {
	for (; *f; f++) {
		if (*f != '%') continue;
		f++;
		while (*f == '-' || *f == '_' || *f == '0' || *f == '^' || *f == '#' || (*f >= '0' && *f <= '9')) f++;
		if (*f == 'E' || *f == 'O') f++;
		switch (*f) {
		case 0: return;
		case 'a': case 'A': case 'u': case 'w': r->wday = 1; break;
		case 'b': case 'B': case 'h': case 'm': r->mon = r->date = 1; break;
		case 'd': case 'e': r->mday = r->date = 1; break;
		case 'D': case 'F': case 'x': r->mon = r->mday = r->date = 1; break;
		case 'c': r->wday = r->mon = r->mday = r->date = 1; break;
		case 'C': case 'y': case 'Y': r->date = 1; break;
		case 'j': r->yday = 1; break;
		}
	}
}

char *__l4wasm_strptime(const char *__restrict s, const char *__restrict f, struct tm *__restrict tm) {
	char *end = __musl_strptime(s, f, tm);
	if (!end) return end;
	struct reads r = {0};
	scan(f, &r);
	long long year = tm->tm_year + 1900LL;
	int leap = is_leap(year);
	if (r.date && !r.wday) {
		if (!(r.mon && r.mday) && r.yday && tm->tm_yday >= 0 && tm->tm_yday < 366) {
			int m = 0;
			while (m < 11 && tm->tm_yday >= month_start[leap][m + 1]) m++;
			tm->tm_mon = m;
			tm->tm_mday = tm->tm_yday - month_start[leap][m] + 1;
		}
		if ((unsigned)tm->tm_mon <= 11) {
			long long days = days_from_civil(year, tm->tm_mon + 1, tm->tm_mday);
			tm->tm_wday = (int)(((days + 4) % 7 + 7) % 7);
		}
	}
	if (r.date && !r.yday && (unsigned)tm->tm_mon <= 11)
		tm->tm_yday = month_start[leap][tm->tm_mon] + tm->tm_mday - 1;
	return end;
}
