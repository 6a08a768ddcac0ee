/* l4wasm overlay of wasi-libc's <ctype.h>: the classification macros give glibc's values, the
 * class's bit in glibc's table (isalpha('a') is 1024, isdigit('7') 2048, ...; musl's give 1), so a
 * program that prints what isalpha returns prints what it prints on Linux. The C locale: only
 * ASCII has classes; EOF and any other value has none. The argument is evaluated once. */
#ifndef _L4WASM_CTYPE_H
#define _L4WASM_CTYPE_H

#include_next <ctype.h>

#ifndef __cplusplus

/* glibc's bits (<ctype.h>'s _ISupper ... _ISalnum on a little-endian machine). */
#define __L4WASM_ISupper 0x100
#define __L4WASM_ISlower 0x200
#define __L4WASM_ISalpha 0x400
#define __L4WASM_ISdigit 0x800
#define __L4WASM_ISxdigit 0x1000
#define __L4WASM_ISspace 0x2000
#define __L4WASM_ISprint 0x4000
#define __L4WASM_ISgraph 0x8000
#define __L4WASM_ISblank 0x1
#define __L4WASM_IScntrl 0x2
#define __L4WASM_ISpunct 0x4
#define __L4WASM_ISalnum 0x8

static __inline int __l4wasm_ctype_bits(int __c) {
	int __b = 0;
	if ((unsigned)__c > 127) return 0;
	if (__c < 32 || __c == 127) __b |= __L4WASM_IScntrl;
	else __b |= __L4WASM_ISprint;
	if (__c > 32 && __c < 127) __b |= __L4WASM_ISgraph;
	if (__c == ' ' || __c == '\t') __b |= __L4WASM_ISblank;
	if (__c == ' ' || (unsigned)__c - '\t' < 5) __b |= __L4WASM_ISspace;
	if ((unsigned)__c - 'A' < 26) __b |= __L4WASM_ISupper | __L4WASM_ISalpha | __L4WASM_ISalnum;
	else if ((unsigned)__c - 'a' < 26) __b |= __L4WASM_ISlower | __L4WASM_ISalpha | __L4WASM_ISalnum;
	else if ((unsigned)__c - '0' < 10) __b |= __L4WASM_ISdigit | __L4WASM_ISxdigit | __L4WASM_ISalnum;
	if (((unsigned)__c | 32) - 'a' < 6) __b |= __L4WASM_ISxdigit;
	if ((__b & __L4WASM_ISgraph) && !(__b & __L4WASM_ISalnum)) __b |= __L4WASM_ISpunct;
	return __b;
}

#undef isalnum
#undef isalpha
#undef isblank
#undef iscntrl
#undef isdigit
#undef isgraph
#undef islower
#undef isprint
#undef ispunct
#undef isspace
#undef isupper
#undef isxdigit
#define isalnum(c) (__l4wasm_ctype_bits(c) & __L4WASM_ISalnum)
#define isalpha(c) (__l4wasm_ctype_bits(c) & __L4WASM_ISalpha)
#define isblank(c) (__l4wasm_ctype_bits(c) & __L4WASM_ISblank)
#define iscntrl(c) (__l4wasm_ctype_bits(c) & __L4WASM_IScntrl)
#define isdigit(c) (__l4wasm_ctype_bits(c) & __L4WASM_ISdigit)
#define isgraph(c) (__l4wasm_ctype_bits(c) & __L4WASM_ISgraph)
#define islower(c) (__l4wasm_ctype_bits(c) & __L4WASM_ISlower)
#define isprint(c) (__l4wasm_ctype_bits(c) & __L4WASM_ISprint)
#define ispunct(c) (__l4wasm_ctype_bits(c) & __L4WASM_ISpunct)
#define isspace(c) (__l4wasm_ctype_bits(c) & __L4WASM_ISspace)
#define isupper(c) (__l4wasm_ctype_bits(c) & __L4WASM_ISupper)
#define isxdigit(c) (__l4wasm_ctype_bits(c) & __L4WASM_ISxdigit)

#endif

#endif
