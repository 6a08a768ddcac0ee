/* l4wasm: <sys/ucontext.h>, the user context types (see <ucontext.h> and sysroot/src/ucontext.c).
 * A wasm program cannot save its registers or its stack: a context here names the green thread
 * that runs it, kept behind uc_mcontext. */
#ifndef _L4WASM_SYS_UCONTEXT_H
#define _L4WASM_SYS_UCONTEXT_H

#include <signal.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Opaque: where the context's thread and entry are kept (ucontext.c). */
typedef struct {
	unsigned long __l4wasm_ctl[4];
} mcontext_t;

typedef struct ucontext_t {
	unsigned long uc_flags;
	struct ucontext_t *uc_link;
	stack_t uc_stack;
	mcontext_t uc_mcontext;
	sigset_t uc_sigmask;
} ucontext_t;

#ifdef __cplusplus
}
#endif

#endif
