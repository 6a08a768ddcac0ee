/* sys/shm.h: System V shared memory (sysroot/src/sysv_ipc.c, kept by l4wasm: src/libc/l4posix_sysv.ts). */
#ifndef _SYS_SHM_H
#define _SYS_SHM_H

#include <sys/ipc.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SHM_RDONLY 010000
#define SHM_RND    020000
#define SHMLBA     4096
#define SHM_DEST   01000

typedef unsigned long shmatt_t;

struct shmid_ds {
	struct ipc_perm shm_perm;
	size_t shm_segsz;
	pid_t shm_lpid, shm_cpid;
	shmatt_t shm_nattch;
	time_t shm_atime, shm_dtime, shm_ctime;
};

void *shmat(int, const void *, int);
int shmctl(int, int, struct shmid_ds *);
int shmdt(const void *);
int shmget(key_t, size_t, int);

#ifdef __cplusplus
}
#endif

#endif
