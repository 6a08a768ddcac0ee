/* l4wasm overlay of wasi-libc's <getopt.h>: getopt is declared by <unistd.h> first, so a program
 * that includes only this header reaches the permuting getopt too (sysroot/src/getopt.c). */
#ifndef _L4WASM_GETOPT_H
#define _L4WASM_GETOPT_H
#include <unistd.h>
#include_next <getopt.h>
#endif
