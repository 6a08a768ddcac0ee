/* l4wasm overlay of wasi-libc's <unistd.h>: process identity is real here (see sysroot/src/identity.c). */
#ifndef _L4WASM_UNISTD_H
#define _L4WASM_UNISTD_H

#ifndef _WASI_EMULATED_GETPID
#define _WASI_EMULATED_GETPID 1 /* declares getpid without wasi-libc's "placeholder value" warning */
#endif
#include_next <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

pid_t getppid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);

#ifdef __cplusplus
}
#endif

#endif
