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

/* Pipes and descriptor duplication (sysroot/src: l4posix fd family). */
int pipe(int [2]);
int pipe2(int [2], int);
int dup(int);
int dup2(int, int);
int dup3(int, int, int);

/* Waiting for a signal, and the alarm (sysroot/src: l4posix signal family). */
int pause(void);
unsigned alarm(unsigned);

pid_t getppid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);

#ifdef __cplusplus
}
#endif

#endif
