/* coreutils: what every command shares. A command NAME is the function NAME_main in NAME.c (test's
 * also answers to "["); main.c finds it by the name the program was run as. Messages follow GNU's:
 * "NAME: text" on stderr. */
#ifndef L4WASM_COREUTILS_UTIL_H
#define L4WASM_COREUTILS_UTIL_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The name the command was run as ("ls", "["): what its messages start with. */
extern const char *applet;

/* "NAME: " + the formatted text + "\n" on stderr. */
void message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* message(), then exit(status). */
_Noreturn void fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "NAME: WHAT: strerror(errno)" (GNU quotes a file name as 'name' when it needs quoting; plain here). */
void message_errno(const char *what);

/* A file argument opened for reading: "-" is standard input. NULL with errno set. */
FILE *open_input(const char *path);
/* Closes what open_input gave (not stdin). */
void close_input(FILE *f);

#endif
