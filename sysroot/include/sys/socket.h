/* l4wasm overlay of wasi-libc's <sys/socket.h>: AF_UNIX sockets are real here (socketpair, and
 * socket/bind/listen/accept/connect with path and abstract names: sysroot/src/socket.c,
 * socket_unix.c, src/libc/l4posix_socket.ts, l4posix_unix.ts), and so are the calls and names
 * wasi-libc leaves out for wasip1: MSG_DONTWAIT, MSG_NOSIGNAL, a MSG_TRUNC of its own (wasi-libc's
 * equals MSG_PEEK), MSG_CTRUNC, the SO_* options Linux has, sendto/recvfrom, sendmsg/recvmsg with
 * struct cmsghdr and SCM_RIGHTS, getsockname/getpeername, setsockopt. AF_UNIX, SOCK_STREAM,
 * SOCK_DGRAM and SOL_SOCKET keep wasi-libc's values. */
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
#ifndef MSG_CTRUNC
#define MSG_CTRUNC 0x0008
#endif
/* recvmmsg's (sysroot/src/socket.c): after the first message, take only what is there. */
#if defined(_GNU_SOURCE) && !defined(MSG_WAITFORONE)
#define MSG_WAITFORONE 0x10000
#endif
#ifndef MSG_CMSG_CLOEXEC
#define MSG_CMSG_CLOEXEC 0x40000000
#endif

#ifndef SO_REUSEADDR
#define SO_REUSEADDR 2
#endif
#ifndef SO_ERROR
#define SO_ERROR 4
#endif
#ifndef SO_KEEPALIVE
#define SO_KEEPALIVE 9
#endif
#ifndef SO_SNDBUF
#define SO_SNDBUF 7
#endif
#ifndef SO_RCVBUF
#define SO_RCVBUF 8
#endif
#ifndef SO_LINGER
#define SO_LINGER 13
#endif
#ifndef SO_PASSCRED
#define SO_PASSCRED 16
#endif
#ifndef SO_PEERCRED
#define SO_PEERCRED 17
#endif
#ifndef SO_RCVTIMEO
#define SO_RCVTIMEO 66
#define SO_SNDTIMEO 67
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

#ifndef SOMAXCONN
#define SOMAXCONN 4096
#endif

/* Ancillary data (wasi-libc hides these for wasip1): SCM_RIGHTS passes descriptors. */
#ifndef SCM_RIGHTS
struct cmsghdr {
  socklen_t cmsg_len;
  int cmsg_level;
  int cmsg_type;
};
#define SCM_RIGHTS 0x01
#define __CMSG_LEN(cmsg) (((cmsg)->cmsg_len + sizeof(long) - 1) & ~(long)(sizeof(long) - 1))
#define __CMSG_NEXT(cmsg) ((unsigned char *)(cmsg) + __CMSG_LEN(cmsg))
#define __MHDR_END(mhdr) ((unsigned char *)(mhdr)->msg_control + (mhdr)->msg_controllen)
#define CMSG_DATA(cmsg) ((unsigned char *)(((struct cmsghdr *)(cmsg)) + 1))
#define CMSG_NXTHDR(mhdr, cmsg) ((cmsg)->cmsg_len < sizeof(struct cmsghdr) || \
  __CMSG_LEN(cmsg) + sizeof(struct cmsghdr) >= __MHDR_END(mhdr) - (unsigned char *)(cmsg) \
  ? 0 : (struct cmsghdr *)__CMSG_NEXT(cmsg))
#define CMSG_FIRSTHDR(mhdr) ((size_t)(mhdr)->msg_controllen >= sizeof(struct cmsghdr) ? (struct cmsghdr *)(mhdr)->msg_control : (struct cmsghdr *)0)
#define CMSG_ALIGN(len) (((len) + sizeof(size_t) - 1) & (size_t)~(sizeof(size_t) - 1))
#define CMSG_SPACE(len) (CMSG_ALIGN(len) + CMSG_ALIGN(sizeof(struct cmsghdr)))
#define CMSG_LEN(len) (CMSG_ALIGN(sizeof(struct cmsghdr)) + (len))
#endif

#ifdef __cplusplus
extern "C" {
#endif

int socket(int, int, int);
int bind(int, const struct sockaddr *, socklen_t);
int connect(int, const struct sockaddr *, socklen_t);
int listen(int, int);
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
