/* coreutils: what every command shares. A command NAME is the function NAME_main in NAME.c (test's
 * also answers to "["); main.c finds it by the name the program was run as. Messages follow GNU's:
 * "NAME: text" on stderr. */
#ifndef L4WASM_COREUTILS_UTIL_H
#define L4WASM_COREUTILS_UTIL_H

#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
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

/* getopt_long's long options for a command whose only one is --help: getopt_long returns 1 for it. */
extern const struct option HELP_ONLY[];

/* "Try 'NAME --help' for more information." on stderr: what follows a usage mistake. */
void try_help(void);
/* A usage mistake: message(), then try_help(). */
void usage_mistake(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* usage_mistake(), then exit(1). */
_Noreturn void usage_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* After getopt_long (run with opterr = 0) returned '?': GNU's words for the mistake instead of
 * musl's, then try_help(). OPTSTRING is the one given to getopt_long. */
void option_error(char **argv, const char *optstring);

/* S in quotes as GNU shows file names: 'S', or "S" when S holds a quote. Two calls may be used in
 * one message (the buffers alternate). */
const char *quote(const char *s);
/* The same in buffer N (0 or 1): for two names in one message, whatever quote() did before. */
const char *quote_n(int n, const char *s);

/* DIR/NAME in memory of its own (free it), without doubling a slash DIR ends with; out of memory,
 * "memory exhausted" and exit 1. */
char *join_path(const char *dir, const char *name);
/* The last component of PATH, trailing slashes left out (in a static buffer). */
const char *last_component(const char *path);

/* cp's and mv's operands: SOURCE DEST, or SOURCE... DIRECTORY, or with -t DIRECTORY (*TARGET_DIR
 * set) SOURCE...; -T (NO_TARGET_DIR) forbids the directory forms. Checked as GNU's: a usage
 * mistake is reported and gives false; a bad target directory is fatal (exit 1). On return
 * *TARGET_DIR is the directory to copy into (the last operand taken off *N), or NULL for
 * SOURCE DEST. */
bool target_operands(int *n, char **files, const char **target_dir, bool no_target_dir);

/* head's and tail's options: -n N, -c N (sets *COUNT_BYTES), -q/-v (*HEADERS 0/1, left alone
 * otherwise), --help (USAGE), and the old form -N as the first argument. PARSE_COUNT takes a
 * count's text and says whether it is one. ARGC and ARGV lose the old form; the files start at
 * optind. Returns -1 to go on, or the status to exit with. */
int count_options(int *argc, char ***argv, int (*parse_count)(const char *), int *count_bytes, int *headers,
	const char *usage);
/* A count of head's and tail's -n/-c: an optional sign ('-' or '+', given back in *SIGN, else 0),
 * then decimal digits. False if it is not one. */
bool parse_count_text(const char *s, char *sign, unsigned long long *value);
/* All of F in memory of its own (free it), its length in *SIZE; out of memory, exit 1. */
char *read_whole(FILE *f, size_t *size);
/* head's and tail's files (none: standard input), each given to WRITE, under a "==> NAME <=="
 * header when HEADERS (-1: when there are several). The exit status. */
int write_files(int nfiles, char **files, int headers, void (*write)(FILE *));

/* PATH is a directory with nothing in it but "." and "..". */
bool is_empty_dir(const char *path);

/* A file argument opened for reading: "-" is standard input. NULL with errno set. */
FILE *open_input(const char *path);
/* Closes what open_input gave (not stdin). */
void close_input(FILE *f);

#endif
