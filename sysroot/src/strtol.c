/* strtol, strtoul, strtoll, strtoull, strtoimax and strtoumax as glibc's: a string with no digits
 * converts to 0 with *endptr = nptr and errno untouched, where wasi-libc's (musl's) sets EINVAL,
 * so a program that checks errno after strtol("abc") saw an error Linux does not report. An
 * invalid base is EINVAL (endptr untouched, as glibc). All six are here, as they share one object
 * in wasi-libc; strtoq and strtouq too. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>

/* The digits of nptr in `base`: their value (saturated), its sign, and whether it overflowed;
 * 0 and *end = nptr when there are none. */
static unsigned long long scan(const char *nptr, char **end, int base, int *negative, int *overflow) {
	const char *s = nptr;
	*negative = 0;
	*overflow = 0;
	while (isspace((unsigned char)*s)) s++;
	if (*s == '+' || *s == '-') *negative = *s++ == '-';
	/* "0x" counts as a prefix only when a hex digit follows; else the "0" alone is the number. */
	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isxdigit((unsigned char)s[2])) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}
	unsigned long long value = 0;
	const char *digits = s;
	for (;; s++) {
		int d;
		if (*s >= '0' && *s <= '9') d = *s - '0';
		else if (*s >= 'a' && *s <= 'z') d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'Z') d = *s - 'A' + 10;
		else break;
		if (d >= base) break;
		if (value > (ULLONG_MAX - (unsigned)d) / (unsigned)base) *overflow = 1;
		else value = value * (unsigned)base + (unsigned)d;
	}
	if (s == digits) {
		if (end) *end = (char *)nptr;
		return 0;
	}
	if (end) *end = (char *)s;
	return value;
}

static int bad_base(int base) { return base < 0 || base == 1 || base > 36; }

/* A signed result in min..max (min == -max - 1). */
static long long to_signed(const char *nptr, char **end, int base, long long max) {
	if (bad_base(base)) {
		errno = EINVAL;
		return 0;
	}
	int negative, overflow;
	unsigned long long v = scan(nptr, end, base, &negative, &overflow);
	unsigned long long limit = negative ? (unsigned long long)max + 1 : (unsigned long long)max;
	if (overflow || v > limit) {
		errno = ERANGE;
		return negative ? -max - 1 : max;
	}
	return negative ? (long long)(0 - v) : (long long)v;
}

/* An unsigned result up to max; a '-' negates it in the type (strtoul("-1") is ULONG_MAX). */
static unsigned long long to_unsigned(const char *nptr, char **end, int base, unsigned long long max) {
	if (bad_base(base)) {
		errno = EINVAL;
		return 0;
	}
	int negative, overflow;
	unsigned long long v = scan(nptr, end, base, &negative, &overflow);
	if (overflow || v > max) {
		errno = ERANGE;
		return max;
	}
	return negative ? (0 - v) & max : v;
}

long strtol(const char *__restrict nptr, char **__restrict end, int base) {
	return (long)to_signed(nptr, end, base, LONG_MAX);
}

unsigned long strtoul(const char *__restrict nptr, char **__restrict end, int base) {
	return (unsigned long)to_unsigned(nptr, end, base, ULONG_MAX);
}

long long strtoll(const char *__restrict nptr, char **__restrict end, int base) {
	return to_signed(nptr, end, base, LLONG_MAX);
}

unsigned long long strtoull(const char *__restrict nptr, char **__restrict end, int base) {
	return to_unsigned(nptr, end, base, ULLONG_MAX);
}

intmax_t strtoimax(const char *__restrict nptr, char **__restrict end, int base) {
	return to_signed(nptr, end, base, INTMAX_MAX);
}

uintmax_t strtoumax(const char *__restrict nptr, char **__restrict end, int base) {
	return to_unsigned(nptr, end, base, UINTMAX_MAX);
}

/* BSD's names for strtoll and strtoull (quad_t is long long). */
long long strtoq(const char *__restrict nptr, char **__restrict end, int base) { return strtoll(nptr, end, base); }

unsigned long long strtouq(const char *__restrict nptr, char **__restrict end, int base) { return strtoull(nptr, end, base); }
