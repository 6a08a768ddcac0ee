/* Named AF_UNIX sockets: socket, bind, listen, accept/accept4, connect, getpeername, and the
 * path splitting for an address-carrying sendto/sendmsg (src/libc/l4posix_unix.ts; the sockets are
 * src/vfs/unix_socket.ts). A path name goes to l4posix twice: as the raw address (getsockname
 * reports it as given) and split into (dirfd, relative path) as every path call is, since the
 * working directory lives in the program. An abstract name (sun_path[0] == 0) goes raw only. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <wasi/api.h>
#include <l4posix.h>
#include "path_at.h"

/* The preopened directories leave descriptors 3, 4, ... before this makes one (preopen_move.c). */
void __l4posix_move_preopens(void);
__attribute__((used)) static void (*const move_preopens)(void) = __l4posix_move_preopens;

L4POSIX_IMPORT(socket) int __l4posix_socket(int domain, int type, int protocol);
L4POSIX_IMPORT(bind) int __l4posix_bind(int fd, const struct sockaddr *addr, socklen_t len, int dirfd, const char *path, size_t path_len);
L4POSIX_IMPORT(listen) int __l4posix_listen(int fd, int backlog);
L4POSIX_IMPORT(accept) int __l4posix_accept(int fd, struct sockaddr *addr, socklen_t *len, int flags);
L4POSIX_IMPORT(connect) int __l4posix_connect(int fd, const struct sockaddr *addr, socklen_t len, int dirfd, const char *path, size_t path_len);
L4POSIX_IMPORT(peername) int __l4posix_peername(int fd, struct sockaddr *addr, socklen_t *len);
L4POSIX_IMPORT(sendmsg) int __l4posix_sendmsg(int fd, const struct msghdr *msg, int flags, int dirfd, const char *path, size_t path_len);

/* The largest address a program hands over: its struct sockaddr_un (padded to its alignment). */
#define ADDR_MAX sizeof(struct sockaddr_un)

/* A path name's (dirfd, relative path) in *dirfd and *rel (buf holds the path); (-1, "") for an
 * abstract or unnamed address or another family (l4posix judges those). 0, or -1 with errno. */
static int name_at(const struct sockaddr *addr, socklen_t len, char buf[ADDR_MAX + 1], int *dirfd, const char **rel) {
  *dirfd = -1;
  *rel = "";
  if (addr == 0 || len <= offsetof(struct sockaddr_un, sun_path) || len > ADDR_MAX) return 0;
  const struct sockaddr_un *un = (const struct sockaddr_un *)addr;
  if (un->sun_family != AF_UNIX || un->sun_path[0] == 0) return 0;
  size_t n = len - offsetof(struct sockaddr_un, sun_path);
  memcpy(buf, un->sun_path, n);
  buf[n] = 0;
  return __l4posix_path_at(AT_FDCWD, buf, dirfd, rel);
}

int socket(int domain, int type, int protocol) {
  return l4posix_ret(__l4posix_socket(domain, type, protocol));
}

int bind(int fd, const struct sockaddr *addr, socklen_t len) {
  char buf[ADDR_MAX + 1];
  int dirfd;
  const char *rel;
  if (name_at(addr, len, buf, &dirfd, &rel) < 0) return -1;
  return l4posix_ret(__l4posix_bind(fd, addr, len, dirfd, rel, strlen(rel)));
}

int connect(int fd, const struct sockaddr *addr, socklen_t len) {
  char buf[ADDR_MAX + 1];
  int dirfd;
  const char *rel;
  if (name_at(addr, len, buf, &dirfd, &rel) < 0) return -1;
  return l4posix_ret(__l4posix_connect(fd, addr, len, dirfd, rel, strlen(rel)));
}

int listen(int fd, int backlog) {
  return l4posix_ret(__l4posix_listen(fd, backlog));
}

/* The l4posix accept (with the peer's address), or on a WASI host without l4posix (ENOSYS)
 * WASI's sock_accept, which gives no address. */
int accept4(int fd, struct sockaddr *__restrict addr, socklen_t *__restrict len, int flags) {
  int r = __l4posix_accept(fd, addr, addr != 0 ? len : 0, flags);
  if (r != -ENOSYS) return l4posix_ret(r);
  if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) { errno = EINVAL; return -1; }
  __wasi_fd_t nfd;
  __wasi_errno_t e = __wasi_sock_accept(fd, (flags & SOCK_NONBLOCK) ? __WASI_FDFLAGS_NONBLOCK : 0, &nfd);
  if (e != 0) { errno = e; return -1; }
  if (addr != 0 && len != 0) *len = 0;
  return (int)nfd;
}

int accept(int fd, struct sockaddr *__restrict addr, socklen_t *__restrict len) {
  return accept4(fd, addr, len, 0);
}

int getpeername(int fd, struct sockaddr *__restrict addr, socklen_t *__restrict len) {
  return l4posix_ret(__l4posix_peername(fd, addr, len));
}

/* sendmsg with a destination or ancillary data (socket.c sends the rest itself). */
ssize_t __l4posix_sendmsg_named(int fd, const struct msghdr *msg, int flags) {
  char buf[ADDR_MAX + 1];
  int dirfd;
  const char *rel;
  if (name_at(msg->msg_name, msg->msg_namelen, buf, &dirfd, &rel) < 0) return -1;
  return l4posix_ret(__l4posix_sendmsg(fd, msg, flags, dirfd, rel, strlen(rel)));
}
