/* regerror with glibc's messages (wasi-libc's are musl's: "Missing ')'" where glibc says
 * "Unmatched ( or \("), so a program that reports a bad pattern prints what it prints on Linux.
 * The codes are the same in both C libraries. */
#include <regex.h>
#include <stdio.h>
#include <string.h>

static const char *const messages[] = {
	[0] = "Success",
	[REG_NOMATCH] = "No match",
	[REG_BADPAT] = "Invalid regular expression",
	[REG_ECOLLATE] = "Invalid collation character",
	[REG_ECTYPE] = "Invalid character class name",
	[REG_EESCAPE] = "Trailing backslash",
	[REG_ESUBREG] = "Invalid back reference",
	[REG_EBRACK] = "Unmatched [, [^, [:, [., or [=",
	[REG_EPAREN] = "Unmatched ( or \\(",
	[REG_EBRACE] = "Unmatched \\{",
	[REG_BADBR] = "Invalid content of \\{\\}",
	[REG_ERANGE] = "Invalid range end",
	[REG_ESPACE] = "Memory exhausted",
	[REG_BADRPT] = "Invalid preceding regular expression",
};

size_t regerror(int code, const regex_t *__restrict re, char *__restrict buf, size_t size) {
	(void)re;
	const char *msg = code >= 0 && code < (int)(sizeof messages / sizeof *messages) && messages[code]
		? messages[code] : "Unknown error";
	return (size_t)snprintf(buf, size, "%s", msg) + 1;
}
