/* l4wasm overlay: sigset_t as musl defines it (128 bytes; the first 8 hold signals 1-64), instead
   of wasi-libc's one-byte placeholder, so that <signal.h> is real (sysroot/include/signal.h). */
#ifndef __wasilibc___typedef_sigset_t_h
#define __wasilibc___typedef_sigset_t_h

typedef struct __sigset_t { unsigned long __bits[128/sizeof(long)]; } sigset_t;

#endif
