/* sys/sem.h: System V semaphore sets (sysroot/src/sysv_ipc.c, kept by l4wasm: src/libc/l4posix_sysv.ts). */
#ifndef _SYS_SEM_H
#define _SYS_SEM_H

#include <sys/ipc.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SEM_UNDO 0x1000
#define GETPID  11
#define GETVAL  12
#define GETALL  13
#define GETNCNT 14
#define GETZCNT 15
#define SETVAL  16
#define SETALL  17

struct semid_ds {
	struct ipc_perm sem_perm;
	time_t sem_otime, sem_ctime;
	unsigned short sem_nsems;
};

struct sembuf {
	unsigned short sem_num;
	short sem_op;
	short sem_flg;
};

int semctl(int, int, int, ...);
int semget(key_t, int, int);
int semop(int, struct sembuf *, size_t);
#ifdef _GNU_SOURCE
int semtimedop(int, struct sembuf *, size_t, const struct timespec *);
#endif

#define SEMMSL 32000
#define SEMOPM 500
#define SEMVMX 32767

#ifdef __cplusplus
}
#endif

#endif
