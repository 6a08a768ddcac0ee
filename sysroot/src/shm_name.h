/* Where shm_open's and sem_open's names live (sysroot/src/shm.c, sem.c). */
#ifndef _L4WASM_SHM_NAME_H
#define _L4WASM_SHM_NAME_H
#include <limits.h>
#include <stddef.h>

#define SHM_DIR "/dev/shm/"
/* glibc's buffer for the path (sizeof SHMDIR + sizeof "sem." + NAME_MAX): longer names are invalid. */
#define SHM_PATH_MAX (sizeof SHM_DIR + sizeof "sem." + NAME_MAX)

/* "/dev/shm/" + prefix + the name without its leading slashes into out; -1 with errno EINVAL
 * (empty, a slash inside, longer than out) or ENAMETOOLONG (a file name beyond NAME_MAX). */
int __l4posix_shm_path(const char *name, const char *prefix, char *out, size_t size);

#endif
