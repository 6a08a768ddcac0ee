/* echo: writes its arguments, separated by spaces, and a newline. Options, only while every
 * leading argument is made of them (as GNU's): -n no newline, -e interpret backslash escapes
 * (\\ \a \b \c \e \f \n \r \t \v \0NNN \NNN \xHH), -E do not (the default). "--help" alone
 * prints the usage. */
#include "util.h"
#include <ctype.h>
#include <stdbool.h>

static int hex_value(unsigned char c) {
	return isdigit(c) ? c - '0' : tolower(c) - 'a' + 10;
}

/* Writes S with its escapes interpreted; false when it held \c (no more output). */
static bool put_escaped(const char *s) {
	unsigned char c;
	while ((c = (unsigned char)*s++) != '\0') {
		if (c != '\\' || *s == '\0') {
			putchar(c);
			continue;
		}
		c = (unsigned char)*s++;
		switch (c) {
		case 'a': c = '\a'; break;
		case 'b': c = '\b'; break;
		case 'c': return false;
		case 'e': c = 0x1b; break;
		case 'f': c = '\f'; break;
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		case 'v': c = '\v'; break;
		case '\\': break;
		case 'x':
			if (!isxdigit((unsigned char)*s)) {
				putchar('\\');
				break;
			}
			c = (unsigned char)hex_value((unsigned char)*s++);
			if (isxdigit((unsigned char)*s)) c = (unsigned char)(c * 16 + hex_value((unsigned char)*s++));
			break;
		case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
			/* \0 takes up to three more octal digits, \1..\7 up to two. */
			if (c == '0') {
				c = 0;
				if (*s < '0' || *s > '7') break;
				c = (unsigned char)*s++;
			}
			c -= '0';
			for (int i = 0; i < 2 && *s >= '0' && *s <= '7'; i++) c = (unsigned char)(c * 8 + (*s++ - '0'));
			break;
		default:
			putchar('\\');
			break;
		}
		putchar(c);
	}
	return true;
}

int echo_main(int argc, char **argv) {
	bool newline = true, escapes = false;
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		printf("Usage: %s [SHORT-OPTION]... [STRING]...\n", argv[0]);
		return 0;
	}
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strspn(argv[i] + 1, "neE") != strlen(argv[i] + 1)) break;
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'n') newline = false;
			else escapes = *o == 'e';
		}
	}
	for (; i < argc; i++) {
		if (escapes) {
			if (!put_escaped(argv[i])) return 0;
		} else {
			fputs(argv[i], stdout);
		}
		if (i + 1 < argc) putchar(' ');
	}
	if (newline) putchar('\n');
	return 0;
}
