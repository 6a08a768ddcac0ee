/* l4wasm overlay of wasi-libc's <sys/un.h>: struct sockaddr_un with its sun_path (wasi-libc's
 * has only the family), as getsockname/getpeername on a socketpair's sockets fill it. */
#ifndef _L4WASM_SYS_UN_H
#define _L4WASM_SYS_UN_H

#ifndef __wasilibc___struct_sockaddr_un_h
#define __wasilibc___struct_sockaddr_un_h
#include <__typedef_sa_family_t.h>
struct sockaddr_un {
  __attribute__((aligned(__BIGGEST_ALIGNMENT__))) sa_family_t sun_family;
  char sun_path[108];
};
#endif

#include_next <sys/un.h>

#endif
