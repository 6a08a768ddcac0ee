/* l4wasm overlay of wasi-libc's <setjmp.h> (setjmp is wasm exception handling: `l4wasm cc`
   passes -mllvm -wasm-enable-sjlj and links -lsetjmp by default): sigsetjmp/siglongjmp, which
   wasi-libc declares but does not have. sigsetjmp saves the signal mask beside the jump buffer
   (musl's __fl/__ss fields) and must expand in the caller, where setjmp is called directly;
   siglongjmp restores the mask, then longjmps. _setjmp/_longjmp (POSIX's, which leave the mask
   alone) are setjmp/longjmp, which leave it alone here too. */
#ifndef _L4WASM_SETJMP_H
#define _L4WASM_SETJMP_H

#include_next <setjmp.h>

#if defined(_POSIX_SOURCE) || defined(_POSIX_C_SOURCE) \
 || defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) \
 || defined(_BSD_SOURCE)
#ifdef __cplusplus
extern "C" {
#endif

void __l4posix_sigjmp_save(sigjmp_buf, int);
void __l4posix_sigjmp_restore(sigjmp_buf);

#define sigsetjmp(env, savemask) (__l4posix_sigjmp_save((env), (savemask)), setjmp(env))

static __inline _Noreturn void __l4posix_siglongjmp(sigjmp_buf __env, int __val) {
	__l4posix_sigjmp_restore(__env);
	longjmp(__env, __val);
}
#define siglongjmp __l4posix_siglongjmp

#if defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
#define _setjmp(env) setjmp(env)
#define _longjmp longjmp
#endif

#ifdef __cplusplus
}
#endif
#endif

#endif
