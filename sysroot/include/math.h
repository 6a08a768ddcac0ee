/* l4wasm overlay of wasi-libc's <math.h>: isinf tells the sign as glibc's does (-1 for negative
 * infinity, 1 for positive, else 0; musl's is 1 for both), so a program printing isinf(x) prints
 * what it prints on Linux. */
#ifndef _L4WASM_MATH_H
#define _L4WASM_MATH_H

#include_next <math.h>

/* C only: libc++'s <cmath> defines std::isinf with the name. */
#ifndef __cplusplus
#undef isinf
#define isinf(x) __builtin_isinf_sign(x)
#endif

#endif
