/* l4wasm overlay of wasi-libc's <sys/socket.h>: socketpair(AF_UNIX) is real here (sysroot/src/
 * socket.c, src/libc/l4posix_socket.ts), and so are the calls and names wasi-libc leaves out for
 * wasip1: MSG_DONTWAIT, MSG_NOSIGNAL, a MSG_TRUNC of its own (wasi-libc's equals MSG_PEEK), the
 * SO_* options Linux has, sendto/recvfrom, sendmsg/recvmsg, getsockname/getpeername, setsockopt.
 * AF_UNIX, SOCK_STREAM and SOCK_DGRAM keep wasi-libc's values. */
#ifndef _L4WASM_SYS_SOCKET_H
#define _L4WASM_SYS_SOCKET_H

#include_next <sys/socket.h>

#ifndef AF_LOCAL
#define AF_LOCAL AF_UNIX
#endif
#ifndef PF_UNIX
#define PF_UNIX AF_UNIX
#endif
#ifndef PF_LOCAL
#define PF_LOCAL AF_UNIX
#endif

#undef MSG_TRUNC
#define MSG_TRUNC 0x0020
#ifndef MSG_DONTWAIT
#define MSG_DONTWAIT 0x0040
#endif
#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0x4000
#endif
#ifndef MSG_CMSG_CLOEXEC
#define MSG_CMSG_CLOEXEC 0x40000000
#endif

#ifndef SO_ERROR
#define SO_ERROR 4
#endif
#ifndef SO_SNDBUF
#define SO_SNDBUF 7
#endif
#ifndef SO_RCVBUF
#define SO_RCVBUF 8
#endif
#ifndef SO_PASSCRED
#define SO_PASSCRED 16
#endif
#ifndef SO_ACCEPTCONN
#define SO_ACCEPTCONN 30
#endif
#ifndef SO_PROTOCOL
#define SO_PROTOCOL 38
#endif
#ifndef SO_DOMAIN
#define SO_DOMAIN 39
#endif

#ifdef __cplusplus
extern "C" {
#endif

int socketpair(int, int, int, int[2]);
int getsockname(int, struct sockaddr *__restrict, socklen_t *__restrict);
int getpeername(int, struct sockaddr *__restrict, socklen_t *__restrict);
ssize_t sendto(int, const void *, size_t, int, const struct sockaddr *, socklen_t);
ssize_t recvfrom(int, void *__restrict, size_t, int, struct sockaddr *__restrict, socklen_t *__restrict);
ssize_t sendmsg(int, const struct msghdr *, int);
ssize_t recvmsg(int, struct msghdr *, int);
int setsockopt(int, int, int, const void *, socklen_t);

#ifdef __cplusplus
}
#endif

#endif
