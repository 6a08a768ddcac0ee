/* printf: printf FORMAT [ARGUMENT]... writes the arguments as FORMAT says, reusing FORMAT while
 * arguments remain (GNU's). Conversions %d %i %o %u %x %X (intmax_t), %f %F %e %E %g %G %a %A
 * (long double), %c, %s, %b (the argument's backslash escapes interpreted, \0NNN octal), %%;
 * flags - + space # 0 ', widths and precisions, * taking them from the arguments. Escapes in
 * FORMAT: \" \\ \a \b \c \e \f \n \r \t \v \NNN \xHH \uHHHH \UHHHHHHHH (as in the C locale: ASCII
 * only). A numeric argument may be 'C (the character's code); a missing one is 0 or empty. */
#include "util.h"
#include <ctype.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>

static int status;

/* GNU's checks of a converted number: errno, or characters left over. */
static void check_number(const char *s, const char *end) {
	if (errno != 0) {
		message("'%s': %s", s, strerror(errno));
		status = 1;
	} else if (*end != '\0') {
		message(s == end ? "'%s': expected a numeric value" : "'%s': value not completely converted", s);
		status = 1;
	}
}

/* 'C or "C: the code of C, and a warning when more characters follow it. */
static bool char_constant(const char *s, uintmax_t *value) {
	if ((*s != '"' && *s != '\'') || s[1] == '\0') return false;
	*value = (unsigned char)s[1];
	if (s[2] != '\0') message("warning: %s: character(s) following character constant have been ignored", s + 2);
	return true;
}

static intmax_t to_intmax(const char *s) {
	uintmax_t c;
	if (char_constant(s, &c)) return (intmax_t)c;
	char *end;
	errno = 0;
	intmax_t v = strtoimax(s, &end, 0);
	check_number(s, end);
	return v;
}

static uintmax_t to_uintmax(const char *s) {
	uintmax_t c;
	if (char_constant(s, &c)) return c;
	char *end;
	errno = 0;
	uintmax_t v = strtoumax(s, &end, 0);
	check_number(s, end);
	return v;
}

static long double to_long_double(const char *s) {
	uintmax_t c;
	if (char_constant(s, &c)) return (long double)c;
	char *end;
	errno = 0;
	long double v = strtold(s, &end);
	check_number(s, end);
	return v;
}

static bool is_octal(char c) { return c >= '0' && c <= '7'; }

static int hex_value(unsigned char c) { return isdigit(c) ? c - '0' : tolower(c) - 'a' + 10; }

/* Writes code point U as the C locale can: ASCII itself, anything else as GNU's fallback, the
 * escape spelled out. */
static void put_unicode(unsigned u) {
	if (u < 0x80) putchar((int)u);
	else if (u < 0x10000) printf("\\u%04X", u);
	else printf("\\U%08X", u);
}

/* Writes the escape at ESC (its backslash); returns how many characters after the backslash it
 * took. OCTAL_0: octal is \0NNN (%b's), else \NNN (FORMAT's). \c ends the program. */
static int put_escape(const char *esc, bool octal_0) {
	const char *p = esc + 1;
	int value = 0, n;
	if (*p == 'x') {
		for (n = 0, p++; n < 2 && isxdigit((unsigned char)*p); n++, p++) value = value * 16 + hex_value((unsigned char)*p);
		if (n == 0) fail(1, "missing hexadecimal number in escape");
		putchar(value);
	} else if (is_octal(*p)) {
		if (octal_0 && *p == '0') p++;
		for (n = 0; n < 3 && is_octal(*p); n++, p++) value = value * 8 + (*p - '0');
		putchar(value);
	} else if (*p != '\0' && strchr("\"\\abcefnrtv", *p)) {
		static const char from[] = "abefnrtv", to[] = "\a\b\x1b\f\n\r\t\v";
		if (*p == 'c') exit(0);
		const char *k = strchr(from, *p);
		putchar(k ? to[k - from] : *p);
		p++;
	} else if (*p == 'u' || *p == 'U') {
		char kind = *p;
		unsigned u = 0;
		for (n = kind == 'u' ? 4 : 8, p++; n > 0; n--, p++) {
			if (!isxdigit((unsigned char)*p)) fail(1, "missing hexadecimal number in escape");
			u = u * 16 + (unsigned)hex_value((unsigned char)*p);
		}
		/* C99's rule: not a control character, nor one of the basic set but $ @ `, nor a surrogate. */
		if ((u <= 0x9f && u != 0x24 && u != 0x40 && u != 0x60) || (u >= 0xd800 && u <= 0xdfff)) fail(1, "invalid universal character name \\%c%0*x", kind, kind == 'u' ? 4 : 8, u);
		put_unicode(u);
	} else {
		putchar('\\');
		if (*p != '\0') putchar(*p++);
	}
	return (int)(p - esc - 1);
}

/* %b: the argument with its escapes. */
static void put_escaped(const char *s) {
	for (; *s; s++) {
		if (*s == '\\') s += put_escape(s, true);
		else putchar(*s);
	}
}

/* One directive: SPEC is its text up to the conversion (flags, width, precision; '*' where they
 * come from WIDTH and PRECISION); the length modifier for the argument's type is added here. */
static void put_directive(const char *spec, char conversion, bool has_width, int width, bool has_precision,
		int precision, const char *arg) {
	char fmt[strlen(spec) + 3];
	const char *modifier = strchr("diouxX", conversion) ? "j" : strchr("aAeEfFgG", conversion) ? "L" : "";
	snprintf(fmt, sizeof fmt, "%s%s%c", spec, modifier, conversion);
	int args[2], n = 0;
	if (has_width) args[n++] = width;
	if (has_precision) args[n++] = precision;
	switch (conversion) {
	case 'd': case 'i': {
		intmax_t v = to_intmax(arg);
		if (n == 0) printf(fmt, v);
		else if (n == 1) printf(fmt, args[0], v);
		else printf(fmt, args[0], args[1], v);
		break;
	}
	case 'o': case 'u': case 'x': case 'X': {
		uintmax_t v = to_uintmax(arg);
		if (n == 0) printf(fmt, v);
		else if (n == 1) printf(fmt, args[0], v);
		else printf(fmt, args[0], args[1], v);
		break;
	}
	case 'c':
		if (n == 0) printf(fmt, *arg);
		else printf(fmt, args[0], *arg);
		break;
	case 's':
		if (n == 0) printf(fmt, arg);
		else if (n == 1) printf(fmt, args[0], arg);
		else printf(fmt, args[0], args[1], arg);
		break;
	default: {
		long double v = to_long_double(arg);
		if (n == 0) printf(fmt, v);
		else if (n == 1) printf(fmt, args[0], v);
		else printf(fmt, args[0], args[1], v);
		break;
	}
	}
}

/* FORMAT once over ARGV; returns how many arguments it used. */
static int put_formatted(const char *format, int argc, char **argv) {
	int used = 0;
	char spec[strlen(format) + 1];
	for (const char *f = format; *f; f++) {
		if (*f == '\\') {
			f += put_escape(f, false);
			continue;
		}
		if (*f != '%') {
			putchar(*f);
			continue;
		}
		const char *start = f++;
		if (*f == '%') {
			putchar('%');
			continue;
		}
		if (*f == 'b') {
			if (used < argc) put_escaped(argv[used++]);
			continue;
		}
		/* Which conversions the flags so far allow (GNU's table). */
		char ok[UCHAR_MAX + 1] = {0};
		for (const char *c = "aAcdeEfFgGiosuxX"; *c; c++) ok[(unsigned char)*c] = 1;
		char *s = spec;
		*s++ = '%';
		for (;; f++) {
			if (*f == '\'') {
				for (const char *c = "aAceEosxX"; *c; c++) ok[(unsigned char)*c] = 0;
			} else if (*f == '#') {
				for (const char *c = "cdisu"; *c; c++) ok[(unsigned char)*c] = 0;
			} else if (*f == '0') {
				ok['c'] = ok['s'] = 0;
			} else if (*f != '-' && *f != '+' && *f != ' ') {
				break;
			}
			*s++ = *f;
		}
		bool has_width = false, has_precision = false;
		int width = 0, precision = 0;
		if (*f == '*') {
			*s++ = *f++;
			has_width = true;
			if (used < argc) {
				intmax_t w = to_intmax(argv[used]);
				if (w < INT_MIN || w > INT_MAX) fail(1, "invalid field width: '%s'", argv[used]);
				width = (int)w;
				used++;
			}
		} else {
			while (isdigit((unsigned char)*f)) *s++ = *f++;
		}
		if (*f == '.') {
			*s++ = *f++;
			ok['c'] = 0;
			if (*f == '*') {
				*s++ = *f++;
				has_precision = true;
				if (used < argc) {
					intmax_t p = to_intmax(argv[used]);
					if (p > INT_MAX) fail(1, "invalid precision: '%s'", argv[used]);
					precision = p < 0 ? -1 : (int)p;
					used++;
				}
			} else {
				while (isdigit((unsigned char)*f)) *s++ = *f++;
			}
		}
		*s = '\0';
		while (*f != '\0' && strchr("lLhjtz", *f)) f++;
		if (!ok[(unsigned char)*f]) fail(1, "%.*s: invalid conversion specification", (int)(f + 1 - start), start);
		put_directive(spec, *f, has_width, width, has_precision, precision, used < argc ? argv[used++] : "");
	}
	return used;
}

int printf_main(int argc, char **argv) {
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		printf("Usage: %s FORMAT [ARGUMENT]...\n", argv[0]);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		argc--;
		argv++;
	}
	if (argc <= 1) {
		usage_mistake("missing operand");
		return 1;
	}
	const char *format = argv[1];
	argc -= 2;
	argv += 2;
	int used;
	do {
		used = put_formatted(format, argc, argv);
		argc -= used;
		argv += used;
	} while (used > 0 && argc > 0);
	if (argc > 0) message("warning: ignoring excess arguments, starting with '%s'", argv[0]);
	return status;
}
