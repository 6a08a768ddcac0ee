/* l4wasm overlay of wasi-libc's <getopt.h>: getopt is declared by <unistd.h> first, so a program
 * that includes only this header reaches the permuting getopt too; getopt_long and
 * getopt_long_only print glibc's messages (sysroot/src/getopt.c). */
#ifndef _L4WASM_GETOPT_H
#define _L4WASM_GETOPT_H
#include <unistd.h>
#include_next <getopt.h>

/* getopt_long's and getopt_long_only's messages are glibc's (sysroot/src/getopt.c). */
int getopt_long(int, char *const *, const char *, const struct option *, int *) __asm__("__l4wasm_getopt_long");
int getopt_long_only(int, char *const *, const char *, const struct option *, int *) __asm__("__l4wasm_getopt_long_only");
#endif
