/* The proleptic Gregorian calendar's arithmetic, for tz.c and strptime.c. */
#ifndef L4POSIX_CIVIL_H
#define L4POSIX_CIVIL_H

static inline int is_leap(long long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* Days from 1970-01-01 to y-m-d (month 1..12). */
static inline long long days_from_civil(long long y, int m, int d) {
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

#endif
