/* sys/auxv.h: getauxval (sysroot/src/getauxval.c): the values a Linux program finds in its
 * auxiliary vector, as l4wasm knows them; 0 with ENOENT for a type it has no value for. */
#ifndef _SYS_AUXV_H
#define _SYS_AUXV_H

#ifdef __cplusplus
extern "C" {
#endif

#define AT_NULL 0
#define AT_PAGESZ 6
#define AT_FLAGS 8
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_HWCAP2 26
#define AT_EXECFN 31

unsigned long getauxval(unsigned long);

#ifdef __cplusplus
}
#endif

#endif
