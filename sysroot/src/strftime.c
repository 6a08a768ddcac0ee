/* strftime with glibc's extensions: the conversions %k and %l (hours padded with a space) and %P
 * (am/pm in lower case), the flags ^ (upper case) and # (swapped case: %a %A %b %B %h in upper
 * case, %p and %Z in lower case), and an unknown conversion copied as written, where wasi-libc's
 * (musl's) strftime fails for the whole string; a width pads every conversion (musl's pads only
 * some numbers). Each conversion is made by wasi-libc's strftime;
 * %s is the seconds mktime gives for the fields read as local time, as glibc makes it.
 * <time.h> sends strftime calls here by name. */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

size_t __musl_strftime(char *__restrict, size_t, const char *__restrict, const struct tm *__restrict)
	__asm__("strftime");

/* What wasi-libc's strftime converts after a '%' (with its flags, width and E/O modifier). */
static const char known[] = "aAbBcCdDeFgGhHIjmMnprRsStTuUVwWxXyYzZ%";

/* Appends `len` bytes to s (capacity n) at *l; 0 when they and a final NUL do not fit. */
static int put(char *s, size_t n, size_t *l, const char *text, size_t len) {
	if (*l + len >= n) return 0;
	memcpy(s + *l, text, len);
	*l += len;
	return 1;
}

/* The conversions that are numbers padded with '0' (the rest of %e %k %l are padded with spaces). */
static const char zero_padded[] = "CdgGHIjmMsSuUVwWyY";

/* One conversion: spec points past the '%', end past the conversion character. A width pads as
 * glibc's does: with '0' for the flag '0' and for numbers padded so by default, else with spaces. */
static int convert(char *s, size_t n, size_t *l, const char *spec, const char *end, const struct tm *tm) {
	char pad = 0, sub[8], out[128];
	int upper = 0, swap = 0;
	const char *p = spec;
	for (; *p == '_' || *p == '-' || *p == '0' || *p == '^' || *p == '#'; p++) {
		if (*p == '^') upper = 1;
		else if (*p == '#') swap = 1;
		else pad = *p;
	}
	size_t width = 0;
	for (; *p >= '0' && *p <= '9'; p++) width = width < 1000 ? width * 10 + (size_t)(*p - '0') : width;
	char modifier = (*p == 'E' || *p == 'O') ? *p++ : 0;
	char c = *p;
	if (p + 1 != end || c == 0 || !(strchr(known, c) || c == 'k' || c == 'l' || c == 'P'))
		return put(s, n, l, spec - 1, (size_t)(end - spec) + 1);
	char fill = pad == '0' || (!pad && strchr(zero_padded, c)) ? '0' : ' ';
	int lower = 0;
	if (c == 'k' || c == 'l') {
		if (!pad) pad = '_';
		c = c == 'k' ? 'H' : 'I';
	} else if (c == 'P') {
		c = 'p';
		lower = 1;
	}
	if (swap && strchr("aAbBh", c)) upper = 1;
	if (swap && (c == 'p' || c == 'Z')) lower = 1;
	size_t k = 0;
	sub[k++] = '%';
	if (pad) sub[k++] = pad;
	if (modifier) sub[k++] = modifier;
	sub[k++] = c;
	sub[k] = 0;
	/* 0 is also an empty conversion (%p or %Z can be empty): nothing to add then. */
	size_t len;
	if (c == 's') {
		/* As glibc: the seconds mktime gives for the fields read as local time (musl's subtracts
		 * tm_gmtoff, so a tm from gmtime gave the UTC seconds whatever TZ is). */
		struct tm local = *tm;
		local.tm_yday = -1;
		len = (size_t)snprintf(out, sizeof out, "%lld", (long long)mktime(&local));
	} else {
		len = __musl_strftime(out, sizeof out, sub, tm);
	}
	for (size_t i = 0; i < len; i++) {
		if (upper) out[i] = (char)toupper((unsigned char)out[i]);
		else if (lower) out[i] = (char)tolower((unsigned char)out[i]);
	}
	for (; width > len; width--)
		if (!put(s, n, l, &fill, 1)) return 0;
	return put(s, n, l, out, len);
}

size_t __l4wasm_strftime(char *__restrict s, size_t n, const char *__restrict f, const struct tm *__restrict tm) {
	size_t l = 0;
	while (*f) {
		if (*f != '%') {
			if (!put(s, n, &l, f++, 1)) return 0;
			continue;
		}
		const char *spec = ++f;
		while (*f && strchr("_-0^#", *f)) f++;
		while (*f >= '0' && *f <= '9') f++;
		if (*f == 'E' || *f == 'O') f++;
		if (*f) f++;
		if (!convert(s, n, &l, spec, f, tm)) return 0;
	}
	if (l >= n) return 0;
	s[l] = 0;
	return l;
}
