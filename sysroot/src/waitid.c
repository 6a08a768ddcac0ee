/* waitid: the l4posix process family (src/libc/l4posix_waitid.ts) fills the siginfo_t. */
#include <errno.h>
#include <sys/wait.h>
#include <l4posix.h>

L4POSIX_IMPORT(waitid) int __l4posix_waitid(int idtype, int id, siginfo_t *info, int options);

int waitid(idtype_t type, id_t id, siginfo_t *info, int options) {
	return l4posix_ret(__l4posix_waitid((int)type, (int)id, info, options));
}
