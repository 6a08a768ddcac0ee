/* l4wasm overlay of wasi-libc's <dirent.h>: readdir_r (sysroot/src/readdir_r.c), obsolete but
 * still used; struct dirent holds a whole name here (sysroot/include/__struct_dirent.h). */
#ifndef _L4WASM_DIRENT_H
#define _L4WASM_DIRENT_H

#include_next <dirent.h>

#ifdef __cplusplus
extern "C" {
#endif

int readdir_r(DIR *__restrict, struct dirent *__restrict, struct dirent **__restrict);
#if defined(_LARGEFILE64_SOURCE) || defined(_GNU_SOURCE)
#define readdir64_r readdir_r
#endif

#ifdef __cplusplus
}
#endif

#endif
