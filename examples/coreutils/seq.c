/* seq: the numbers from FIRST (default 1) by INCREMENT (default 1) up (or down) to LAST. Options:
 * -s SEP (between numbers, default newline), -w (equal width, padded with zeros). Decimals print
 * with as many fraction digits as FIRST or INCREMENT has, as GNU's; no -f. */
#include "util.h"
#include <getopt.h>

/* An operand: its value, its length as written and its count of fraction digits. */
struct operand {
	long double value;
	size_t width;
	int precision;
};

static struct operand parse_operand(const char *s) {
	struct operand o = { 0, strlen(s), 0 };
	char *end;
	o.value = strtold(s, &end);
	if (end == s || *end != '\0' || o.value != o.value) usage_fail("invalid floating point argument: '%s'", s);
	const char *dot = strchr(s, '.');
	if (dot != NULL && strpbrk(s, "eExXpP") == NULL) o.precision = (int)strspn(dot + 1, "0123456789");
	return o;
}

int seq_main(int argc, char **argv) {
	const char *separator = "\n";
	int equal_width = 0;
	/* An operand like -1 or -.5 is a negative number, not options. */
	while (optind < argc) {
		if (argv[optind][0] == '-' && (argv[optind][1] == '.' || (argv[optind][1] >= '0' && argv[optind][1] <= '9')))
			break;
		int c = getopt_long(argc, argv, "+s:w", HELP_ONLY, NULL);
		if (c == -1) break;
		switch (c) {
		case 's': separator = optarg; break;
		case 'w': equal_width = 1; break;
		case 1: puts("Usage: seq [OPTION]... [FIRST [INCREMENT]] LAST"); return 0;
		default:
			try_help();
			return 1;
		}
	}
	int n = argc - optind;
	if (n < 1) usage_fail("missing operand");
	if (n > 3) usage_fail("extra operand '%s'", argv[optind + 3]);
	struct operand first = { 1, 1, 0 }, step = { 1, 1, 0 }, last;
	if (n >= 2) first = parse_operand(argv[optind]);
	if (n == 3) step = parse_operand(argv[optind + 1]);
	last = parse_operand(argv[optind + n - 1]);
	if (step.value == 0) usage_fail("invalid Zero increment value: '%s'", argv[optind + 1]);
	int precision = first.precision > step.precision ? first.precision : step.precision;
	/* -w: GNU's width, from the lengths of FIRST and LAST as written, adjusted to the precision. */
	int width = 0;
	if (equal_width) {
		size_t first_width = first.width + (size_t)(precision - first.precision);
		size_t last_width = last.width + (size_t)(precision - last.precision);
		if (last.precision && precision == 0) last_width--;
		if (last.precision == 0 && precision) last_width++;
		if (first.precision == 0 && precision) first_width++;
		width = (int)(first_width > last_width ? first_width : last_width);
	}
	for (unsigned long long i = 0;; i++) {
		long double x = first.value + (long double)i * step.value;
		if (step.value > 0 ? x > last.value : x < last.value) {
			if (i > 0) putchar('\n');
			break;
		}
		if (i > 0) fputs(separator, stdout);
		printf("%0*.*Lf", width, precision, x);
		if (ferror(stdout)) break; /* a reader gone (seq 1000000 | head -1): stop early */
	}
	return 0;
}
