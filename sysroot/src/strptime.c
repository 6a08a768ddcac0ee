/* strptime as glibc's reads the C locale: every conversion of glibc's (wasi-libc's, musl's, has no
 * %F %s %z %Z %u %k %l %G %g %V, and fails on a space before a number), numbers that may start
 * after spaces, names matched in any case, full or abbreviated, the E and O modifiers ignored;
 * and the date completed as glibc completes it: tm_wday and tm_yday computed when the input gave
 * a date but not them, month and day from a day of the year, a date from %U/%W and a weekday.
 * <time.h> sends strptime calls here by name. */
#include <ctype.h>
#include <stddef.h>
#include <strings.h>
#include <time.h>
#include "civil.h"

/* Days before each month, in a common and a leap year. */
static const int month_start[2][13] = {
	{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
	{0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366},
};
static const char *const day_names[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
static const char *const month_names[] = {"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"};

/* What the conversions read so far (glibc's state, shared by the recursive %c %D %F %r %R %T %x %X). */
struct parse {
	int have_I, is_pm, century, want_century, want_xday;
	int have_wday, have_yday, have_mon, have_mday, have_uweek, have_wweek, week_no;
};


static void set_wday(struct tm *tm) {
	if ((unsigned)tm->tm_mon > 11) return;
	long long days = days_from_civil(tm->tm_year + 1900LL, tm->tm_mon + 1, tm->tm_mday);
	tm->tm_wday = (int)(((days + 4) % 7 + 7) % 7);
}

static void set_yday(struct tm *tm) {
	if ((unsigned)tm->tm_mon > 11) return;
	tm->tm_yday = month_start[is_leap(tm->tm_year + 1900LL)][tm->tm_mon] + tm->tm_mday - 1;
}

/* A number of at most `digits` digits in from..to after optional spaces (glibc's get_number). */
static const char *number(const char *s, int from, int to, int digits, int *out) {
	int val = 0;
	while (isspace((unsigned char)*s)) s++;
	if (*s < '0' || *s > '9') return NULL;
	do val = val * 10 + (*s++ - '0');
	while (--digits > 0 && val * 10 <= to && *s >= '0' && *s <= '9');
	if (val < from || val > to) return NULL;
	*out = val;
	return s;
}

/* The longest of the full and abbreviated names that starts s, in any case. */
static const char *name(const char *s, const char *const *names, int count, int *out) {
	for (int i = 0; i < count; i++) {
		size_t full = 0;
		while (names[i][full]) full++;
		if (strncasecmp(s, names[i], full) == 0) {
			*out = i;
			return s + full;
		}
		if (strncasecmp(s, names[i], 3) == 0) {
			*out = i;
			return s + 3;
		}
	}
	return NULL;
}

static const char *parse(const char *s, const char *f, struct tm *tm, struct parse *st);

/* %z: Z, or a sign and hh, hhmm or hh:mm (glibc's forms), into tm_gmtoff. */
static const char *zone_offset(const char *s, struct tm *tm) {
	while (isspace((unsigned char)*s)) s++;
	if (*s == 'Z') {
		tm->tm_gmtoff = 0;
		return s + 1;
	}
	if (*s != '+' && *s != '-') return NULL;
	int negative = *s++ == '-';
	int digits[4], n = 0;
	while (n < 4 && *s >= '0' && *s <= '9') {
		digits[n++] = *s++ - '0';
		if (n == 2 && *s == ':' && s[1] >= '0' && s[1] <= '9') s++;
	}
	if (n != 2 && n != 4) return NULL;
	int hours = digits[0] * 10 + digits[1], minutes = n == 4 ? digits[2] * 10 + digits[3] : 0;
	if (hours > 24 || minutes > 59) return NULL;
	long off = hours * 3600L + minutes * 60L;
	tm->tm_gmtoff = negative ? -off : off;
	return s;
}

/* One conversion, c its character (after flags, width and E/O); the input after it, or NULL. */
static const char *conversion(const char *s, char c, struct tm *tm, struct parse *st) {
	int v;
	switch (c) {
	case '%': return *s == '%' ? s + 1 : NULL;
	case 'a': case 'A':
		if (!(s = name(s, day_names, 7, &tm->tm_wday))) return NULL;
		st->have_wday = 1;
		return s;
	case 'b': case 'B': case 'h':
		if (!(s = name(s, month_names, 12, &tm->tm_mon))) return NULL;
		st->have_mon = st->want_xday = 1;
		return s;
	case 'c': st->want_xday = 1; return parse(s, "%a %b %e %H:%M:%S %Y", tm, st);
	case 'C':
		if (!(s = number(s, 0, 99, 2, &st->century))) return NULL;
		st->want_xday = 1;
		return s;
	case 'd': case 'e':
		if (!(s = number(s, 1, 31, 2, &tm->tm_mday))) return NULL;
		st->have_mday = st->want_xday = 1;
		return s;
	case 'F': st->want_xday = 1; return parse(s, "%Y-%m-%d", tm, st);
	case 'x': case 'D': st->want_xday = 1; return parse(s, "%m/%d/%y", tm, st);
	case 'k': case 'H':
		if (!(s = number(s, 0, 23, 2, &tm->tm_hour))) return NULL;
		st->have_I = 0;
		return s;
	case 'l': case 'I':
		if (!(s = number(s, 1, 12, 2, &v))) return NULL;
		tm->tm_hour = v % 12;
		st->have_I = 1;
		return s;
	case 'j':
		if (!(s = number(s, 1, 366, 3, &v))) return NULL;
		tm->tm_yday = v - 1;
		st->have_yday = 1;
		return s;
	case 'm':
		if (!(s = number(s, 1, 12, 2, &v))) return NULL;
		tm->tm_mon = v - 1;
		st->have_mon = st->want_xday = 1;
		return s;
	case 'M': return number(s, 0, 59, 2, &tm->tm_min);
	case 'n': case 't':
		while (isspace((unsigned char)*s)) s++;
		return s;
	case 'p':
		if (strncasecmp(s, "AM", 2) == 0) st->is_pm = 0;
		else if (strncasecmp(s, "PM", 2) == 0) st->is_pm = 1;
		else return NULL;
		return s + 2;
	case 'r': return parse(s, "%I:%M:%S %p", tm, st);
	case 'R': return parse(s, "%H:%M", tm, st);
	case 's': { /* seconds since the epoch, as localtime gives them; no sign, as glibc's */
		long long secs = 0;
		if (*s < '0' || *s > '9') return NULL;
		while (*s >= '0' && *s <= '9') secs = secs * 10 + (*s++ - '0');
		time_t t = (time_t)secs;
		return localtime_r(&t, tm) ? s : NULL;
	}
	case 'S': return number(s, 0, 61, 2, &tm->tm_sec);
	case 'X': case 'T': return parse(s, "%H:%M:%S", tm, st);
	case 'u':
		if (!(s = number(s, 1, 7, 1, &v))) return NULL;
		tm->tm_wday = v % 7;
		st->have_wday = 1;
		return s;
	case 'g': return number(s, 0, 99, 2, &v); /* a week-based year alone gives no date */
	case 'G':
		if (*s < '0' || *s > '9') return NULL;
		while (*s >= '0' && *s <= '9') s++;
		return s;
	case 'U': case 'W':
		if (!(s = number(s, 0, 53, 2, &st->week_no))) return NULL;
		if (c == 'U') st->have_uweek = 1;
		else st->have_wweek = 1;
		return s;
	case 'V': return number(s, 0, 53, 2, &v);
	case 'w':
		if (!(s = number(s, 0, 6, 1, &tm->tm_wday))) return NULL;
		st->have_wday = 1;
		return s;
	case 'y':
		if (!(s = number(s, 0, 99, 2, &v))) return NULL;
		tm->tm_year = v >= 69 ? v : v + 100;
		st->want_century = st->want_xday = 1;
		return s;
	case 'Y':
		if (!(s = number(s, 0, 9999, 4, &v))) return NULL;
		tm->tm_year = v - 1900;
		st->want_century = 0;
		st->want_xday = 1;
		return s;
	case 'Z': /* a zone name is read over, not used */
		while (isspace((unsigned char)*s)) s++;
		while (*s && !isspace((unsigned char)*s)) s++;
		return s;
	case 'z': return zone_offset(s, tm);
	default: return NULL;
	}
}

static const char *parse(const char *s, const char *f, struct tm *tm, struct parse *st) {
	while (*f) {
		/* A space in the format matches any number of spaces, none included. */
		if (isspace((unsigned char)*f)) {
			while (isspace((unsigned char)*s)) s++;
			f++;
			continue;
		}
		if (*f != '%') {
			if (*s++ != *f++) return NULL;
			continue;
		}
		f++;
		while (*f == '-' || *f == '_' || *f == '0' || *f == '^' || *f == '#') f++;
		while (*f >= '0' && *f <= '9') f++;
		if (*f == 'E' || *f == 'O') f++;
		if (!*f || !(s = conversion(s, *f++, tm, st))) return NULL;
	}
	return s;
}

/* The date completed from what was read, as glibc's strptime completes it. */
static void complete(struct tm *tm, struct parse *st) {
	if (st->have_I && st->is_pm) tm->tm_hour += 12;
	if (st->century != -1)
		tm->tm_year = st->want_century ? tm->tm_year % 100 + (st->century - 19) * 100 : (st->century - 19) * 100;
	int leap = is_leap(tm->tm_year + 1900LL);
	if (st->want_xday && !st->have_wday) {
		if (!(st->have_mon && st->have_mday) && st->have_yday && (unsigned)tm->tm_yday < 366) {
			int m = 0;
			while (m < 11 && tm->tm_yday >= month_start[leap][m + 1]) m++;
			if (!st->have_mon) tm->tm_mon = m;
			if (!st->have_mday) tm->tm_mday = tm->tm_yday - month_start[leap][m] + 1;
			st->have_mon = st->have_mday = 1;
		}
		if (tm->tm_year >= -1900) set_wday(tm);
	}
	if (st->want_xday && !st->have_yday && (st->have_mon || (unsigned)tm->tm_mon <= 11)) set_yday(tm);
	if ((st->have_uweek || st->have_wweek) && st->have_wday) {
		int wday = tm->tm_wday, mday = tm->tm_mday, mon = tm->tm_mon;
		int w_offset = st->have_uweek ? 0 : 1;
		/* The weekday of January 1st, then the day the week number and weekday name. */
		tm->tm_mday = 1;
		tm->tm_mon = 0;
		set_wday(tm);
		if (st->have_mday) tm->tm_mday = mday;
		if (st->have_mon) tm->tm_mon = mon;
		if (!st->have_yday)
			tm->tm_yday = (7 - (tm->tm_wday - w_offset)) % 7 + (st->week_no - 1) * 7 + (wday - w_offset + 7) % 7;
		if ((!st->have_mday || !st->have_mon) && (unsigned)tm->tm_yday < 366) {
			int m = 0;
			while (m < 11 && tm->tm_yday >= month_start[leap][m + 1]) m++;
			if (!st->have_mon) tm->tm_mon = m;
			if (!st->have_mday) tm->tm_mday = tm->tm_yday - month_start[leap][m] + 1;
		}
		tm->tm_wday = wday;
	}
}

char *__l4wasm_strptime(const char *__restrict s, const char *__restrict f, struct tm *__restrict tm) {
	struct parse st = {0};
	st.century = -1;
	const char *end = parse(s, f, tm, &st);
	if (!end) return NULL;
	complete(tm, &st);
	return (char *)end;
}
