/* Sockets: socketpair(AF_UNIX) and the data calls on any AF_UNIX socket (src/libc/l4posix_socket.ts;
 * the ends are src/vfs/socket_pair.ts; named sockets are socket_unix.c). recv/send and their
 * to/from/msg forms carry Linux's flags, which wasi-libc's refuse; MSG_WAITALL on a stream is a
 * loop here. shutdown stays wasi-libc's (WASI's sock_shutdown serves it). An address or ancillary
 * data (sendto/recvfrom/sendmsg/recvmsg) goes through l4posix's sendmsg/recvmsg. sendmmsg and
 * recvmmsg are loops over sendmsg and recvmsg. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <time.h>
#include <wasi/api.h>
#include <l4posix.h>

/* The preopened directories leave descriptors 3, 4, ... before this makes one (preopen_move.c). */
void __l4posix_move_preopens(void);
__attribute__((used)) static void (*const move_preopens)(void) = __l4posix_move_preopens;

L4POSIX_IMPORT(socketpair) int __l4posix_socketpair(int domain, int type, int protocol, int *sv);
L4POSIX_IMPORT(recv) int __l4posix_recv(int fd, const struct iovec *iov, size_t n, int flags, int *msg_flags);
L4POSIX_IMPORT(send) int __l4posix_send(int fd, const struct iovec *iov, size_t n, int flags);
L4POSIX_IMPORT(getsockopt) int __l4posix_getsockopt(int fd, int level, int name, void *value, socklen_t *len);
L4POSIX_IMPORT(sockname) int __l4posix_sockname(int fd, struct sockaddr *addr, socklen_t *len);
L4POSIX_IMPORT(setsockopt) int __l4posix_setsockopt(int fd, int level, int name, const void *value, socklen_t len);
L4POSIX_IMPORT(recvmsg) int __l4posix_recvmsg(int fd, struct msghdr *msg, int flags);
/* sendmsg with a destination or ancillary data (socket_unix.c splits a path name for l4posix). */
ssize_t __l4posix_sendmsg_named(int fd, const struct msghdr *msg, int flags);

#define IOV_MAX_HERE 1024

/* The socket's type (SOCK_STREAM, SOCK_DGRAM), or -errno (EBADF, ENOTSOCK). */
static int socket_type(int fd) {
  int type;
  socklen_t len = sizeof type;
  int r = __l4posix_getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len);
  return r < 0 ? r : type;
}

/* The l4posix recv, or on a WASI host without l4posix (ENOSYS) WASI's sock_recv, which knows only
 * MSG_PEEK and MSG_WAITALL (wasi-libc's values). */
static int recv_call(int fd, const struct iovec *iov, size_t n, int flags, int *msg_flags) {
  int r = __l4posix_recv(fd, iov, n, flags, msg_flags);
  if (r != -ENOSYS) return r;
  if (flags & ~(MSG_PEEK | MSG_WAITALL)) return -EOPNOTSUPP;
  __wasi_size_t got;
  __wasi_roflags_t ro;
  __wasi_errno_t e = __wasi_sock_recv(fd, (const __wasi_iovec_t *)iov, n, (__wasi_riflags_t)flags, &got, &ro);
  return e != 0 ? -(int)e : (int)got;
}

/* The l4posix send, or WASI's sock_send (no flags) where l4posix is missing. */
static int send_call(int fd, const struct iovec *iov, size_t n, int flags) {
  int r = __l4posix_send(fd, iov, n, flags);
  if (r != -ENOSYS) return r;
  if (flags != 0) return -EOPNOTSUPP;
  __wasi_size_t sent;
  __wasi_errno_t e = __wasi_sock_send(fd, (const __wasi_ciovec_t *)iov, n, 0, &sent);
  return e != 0 ? -(int)e : (int)sent;
}

int socketpair(int domain, int type, int protocol, int sv[2]) {
  return l4posix_ret(__l4posix_socketpair(domain, type, protocol, sv));
}

/* A receive into iov; with MSG_WAITALL on a stream (not peeking), until the buffers are full, the
 * stream ends, or an error or a signal comes after some bytes (those bytes are the result). */
static ssize_t receive(int fd, struct iovec *iov, int n, int flags, int *msg_flags) {
  if (n < 0 || n > IOV_MAX_HERE) { errno = EINVAL; return -1; }
  int r = recv_call(fd, iov, (size_t)n, flags & ~MSG_WAITALL, msg_flags);
  if (r <= 0 || !(flags & MSG_WAITALL) || (flags & MSG_PEEK)) return l4posix_ret(r);
  if (socket_type(fd) != SOCK_STREAM) return r;
  struct iovec rest[n > 0 ? n : 1];
  memcpy(rest, iov, sizeof(struct iovec) * (size_t)n);
  ssize_t total = 0;
  int first = 0;
  for (;;) {
    total += r;
    size_t k = (size_t)r;
    while (first < n && k >= rest[first].iov_len) { k -= rest[first].iov_len; first++; }
    if (first == n) return total;
    rest[first].iov_base = (char *)rest[first].iov_base + k;
    rest[first].iov_len -= k;
    r = recv_call(fd, rest + first, (size_t)(n - first), flags & ~MSG_WAITALL, 0);
    if (r <= 0) return total;
  }
}

ssize_t recv(int fd, void *buf, size_t len, int flags) {
  struct iovec iov = { buf, len };
  return receive(fd, &iov, 1, flags, 0);
}

/* recvmsg with the sender's address and ancillary data; MSG_WAITALL on a stream goes on with recv. */
ssize_t recvmsg(int fd, struct msghdr *msg, int flags) {
  if (msg->msg_iovlen < 0 || msg->msg_iovlen > IOV_MAX_HERE) { errno = EMSGSIZE; return -1; }
  int r = __l4posix_recvmsg(fd, msg, flags & ~MSG_WAITALL);
  if (r == -ENOSYS) {
    /* A WASI host without l4posix: no addresses, no ancillary data. */
    int out = 0;
    ssize_t n = receive(fd, msg->msg_iov, msg->msg_iovlen, flags, &out);
    if (n < 0) return n;
    msg->msg_namelen = 0;
    msg->msg_controllen = 0;
    msg->msg_flags = out;
    return n;
  }
  if (r <= 0 || !(flags & MSG_WAITALL) || (flags & MSG_PEEK)) return l4posix_ret(r);
  if (socket_type(fd) != SOCK_STREAM) return r;
  /* The rest of the iovecs, as recv(MSG_WAITALL) fills them. */
  size_t k = (size_t)r;
  int i = 0;
  while (i < msg->msg_iovlen && k >= msg->msg_iov[i].iov_len) k -= msg->msg_iov[i++].iov_len;
  if (i == msg->msg_iovlen) return r;
  struct iovec rest[IOV_MAX_HERE];
  int n = msg->msg_iovlen - i;
  memcpy(rest, msg->msg_iov + i, sizeof(struct iovec) * (size_t)n);
  rest[0].iov_base = (char *)rest[0].iov_base + k;
  rest[0].iov_len -= k;
  ssize_t more = receive(fd, rest, n, flags, 0);
  return more > 0 ? r + more : r;
}

ssize_t recvfrom(int fd, void *__restrict buf, size_t len, int flags, struct sockaddr *__restrict addr,
                 socklen_t *__restrict addrlen) {
  if (addr == 0 || addrlen == 0) return recv(fd, buf, len, flags);
  struct iovec iov = { buf, len };
  struct msghdr msg = { .msg_name = addr, .msg_namelen = *addrlen, .msg_iov = &iov, .msg_iovlen = 1 };
  ssize_t r = recvmsg(fd, &msg, flags);
  if (r >= 0) *addrlen = msg.msg_namelen;
  return r;
}

/* A blocking stream send takes everything (Linux): l4wasm takes at most a buffer's worth at a
 * time, so the rest follows here, unless the socket is nonblocking or an error or signal comes. */
ssize_t send(int fd, const void *buf, size_t len, int flags) {
  struct iovec iov = { (void *)buf, len };
  int r = l4posix_ret(send_call(fd, &iov, 1, flags));
  if (r <= 0 || (size_t)r == len || (flags & MSG_DONTWAIT)) return r;
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0 || (fl & O_NONBLOCK)) return r;
  size_t done = (size_t)r;
  while (done < len) {
    iov.iov_base = (char *)buf + done;
    iov.iov_len = len - done;
    r = send_call(fd, &iov, 1, flags);
    if (r <= 0) break;
    done += (size_t)r;
  }
  return (ssize_t)done;
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *addr, socklen_t addrlen) {
  if (addr == 0 || addrlen == 0) return send(fd, buf, len, flags);
  struct iovec iov = { (void *)buf, len };
  struct msghdr msg = { .msg_name = (void *)addr, .msg_namelen = addrlen, .msg_iov = &iov, .msg_iovlen = 1 };
  return __l4posix_sendmsg_named(fd, &msg, flags);
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags) {
  if (msg->msg_iovlen < 0 || msg->msg_iovlen > IOV_MAX_HERE) { errno = EMSGSIZE; return -1; }
  if ((msg->msg_name != 0 && msg->msg_namelen != 0) || (msg->msg_control != 0 && msg->msg_controllen != 0)) {
    return __l4posix_sendmsg_named(fd, msg, flags);
  }
  return l4posix_ret(send_call(fd, msg->msg_iov, (size_t)msg->msg_iovlen, flags));
}

int getsockopt(int fd, int level, int name, void *__restrict value, socklen_t *__restrict len) {
  return l4posix_ret(__l4posix_getsockopt(fd, level, name, value, len));
}

int setsockopt(int fd, int level, int name, const void *value, socklen_t len) {
  return l4posix_ret(__l4posix_setsockopt(fd, level, name, value, len));
}

int getsockname(int fd, struct sockaddr *__restrict addr, socklen_t *__restrict len) {
  return l4posix_ret(__l4posix_sockname(fd, addr, len));
}

/* sendmmsg: the messages one by one, until one fails or goes out in part (it counts). The number
 * sent, or the first message's error when none went out; at most UIO_MAXIOV messages a call. */
int sendmmsg(int fd, struct mmsghdr *msgs, unsigned int n, unsigned int flags) {
  int type = socket_type(fd);
  if (type < 0) return l4posix_ret(type);
  if (n > IOV_MAX_HERE) n = IOV_MAX_HERE;
  unsigned int sent = 0;
  for (; sent < n; sent++) {
    ssize_t r = sendmsg(fd, &msgs[sent].msg_hdr, (int)flags);
    if (r < 0) return sent > 0 ? (int)sent : -1;
    msgs[sent].msg_len = (unsigned int)r;
    size_t want = 0;
    for (size_t i = 0; i < (size_t)msgs[sent].msg_hdr.msg_iovlen; i++) want += msgs[sent].msg_hdr.msg_iov[i].iov_len;
    if ((size_t)r < want) return (int)sent + 1;
  }
  return (int)sent;
}

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* recvmmsg as Linux's: the messages one by one, until vlen are in, a receive fails (its error is
 * the result only when nothing came), MSG_WAITFORONE has one (the rest only if already there), or
 * the timeout (checked after each message, as Linux does; it gets the time left) is up. */
int recvmmsg(int fd, struct mmsghdr *msgs, unsigned int n, unsigned int flags, struct timespec *timeout) {
  long long end = 0;
  if (timeout) {
    if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000) {
      errno = EINVAL;
      return -1;
    }
    end = now_ns() + timeout->tv_sec * 1000000000LL + timeout->tv_nsec;
  }
  int type = socket_type(fd);
  if (type < 0) return l4posix_ret(type);
  if (n > IOV_MAX_HERE) n = IOV_MAX_HERE;
  int each = (int)(flags & ~(unsigned)MSG_WAITFORONE);
  unsigned int got = 0;
  while (got < n) {
    ssize_t r = recvmsg(fd, &msgs[got].msg_hdr, each);
    if (r < 0) return got > 0 ? (int)got : -1;
    msgs[got++].msg_len = (unsigned int)r;
    if (flags & MSG_WAITFORONE) each |= MSG_DONTWAIT;
    if (timeout) {
      long long left = end - now_ns();
      if (left < 0) left = 0;
      timeout->tv_sec = left / 1000000000;
      timeout->tv_nsec = left % 1000000000;
      if (left == 0) break;
    }
  }
  return (int)got;
}
