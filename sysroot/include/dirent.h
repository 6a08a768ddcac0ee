/* l4wasm overlay of wasi-libc's <dirent.h>: readdir_r (sysroot/src/readdir_r.c), obsolete but
 * still used; struct dirent holds a whole name here (sysroot/include/__struct_dirent.h); d_type
 * and the DT_ constants are Linux's numbers (readdir and scandir: sysroot/src/dirent_type.c). */
#ifndef _L4WASM_DIRENT_H
#define _L4WASM_DIRENT_H

#include_next <dirent.h>

#ifdef __cplusplus
extern "C" {
#endif

int readdir_r(DIR *__restrict, struct dirent *__restrict, struct dirent **__restrict);

/* d_type as Linux numbers it (wasi-libc's readdir gives WASI's filetypes). */
struct dirent *readdir(DIR *) __asm__("__l4wasm_readdir");
int scandir(const char *, struct dirent ***, int (*)(const struct dirent *),
            int (*)(const struct dirent **, const struct dirent **)) __asm__("__l4wasm_scandir");
#undef DT_UNKNOWN
#undef DT_FIFO
#undef DT_CHR
#undef DT_DIR
#undef DT_BLK
#undef DT_REG
#undef DT_LNK
#undef DT_SOCK
#undef DT_WHT
#undef IFTODT
#undef DTTOIF
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12
#define DT_WHT 14
#define IFTODT(x) ((x) >> 12 & 017)
#define DTTOIF(x) ((x) << 12)
#if defined(_LARGEFILE64_SOURCE) || defined(_GNU_SOURCE)
#define readdir64_r readdir_r
#endif

#ifdef __cplusplus
}
#endif

#endif
