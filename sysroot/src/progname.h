/* The program's name as glibc's messages give it: argv[0] without its directories. */
#ifndef _L4POSIX_PROGNAME_H
#define _L4POSIX_PROGNAME_H

/* program_invocation_short_name (progname.c): "" when there is no argv[0]. */
const char *__l4posix_progname(void);

#endif
