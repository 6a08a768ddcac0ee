/* System V IPC: ftok as Linux computes it (the id's low byte, the device's, the inode's low 16
 * bits); semaphore sets, message queues and shared memory segments kept by l4wasm where every
 * process of the machine meets (the l4posix System V calls, src/libc/l4posix_sysv.ts). shmat maps
 * a segment MAP_SHARED through a descriptor l4wasm makes for it, so the segment is shared with
 * every process that attaches it and with forked children; the attached addresses are kept here
 * (in the process's memory, so a child inherits them with the mappings) for shmdt. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <l4posix.h>

L4POSIX_IMPORT(semget) int __l4posix_semget(int key, int nsems, int flags);
L4POSIX_IMPORT(semop) int __l4posix_semop(int id, struct sembuf *ops, int nops, int64_t timeout_ns);
L4POSIX_IMPORT(semctl) int __l4posix_semctl(int id, int num, int cmd, int arg, int64_t *words);
L4POSIX_IMPORT(msgget) int __l4posix_msgget(int key, int flags);
L4POSIX_IMPORT(msgsnd) int __l4posix_msgsnd(int id, const void *msg, size_t size, int flags);
L4POSIX_IMPORT(msgrcv) int __l4posix_msgrcv(int id, void *msg, size_t size, int type, int flags);
L4POSIX_IMPORT(msgctl) int __l4posix_msgctl(int id, int cmd, int64_t *words);
L4POSIX_IMPORT(shmget) int __l4posix_shmget(int key, size_t size, int flags);
L4POSIX_IMPORT(shmat) int __l4posix_shmat(int id, int flags, uint32_t *size);
L4POSIX_IMPORT(shmdt) int __l4posix_shmdt(int id);
L4POSIX_IMPORT(shmctl) int __l4posix_shmctl(int id, int cmd, int64_t *words);

key_t ftok(const char *path, int id) {
	struct stat st;
	if (stat(path, &st) != 0) return -1;
	return (key_t)(((unsigned)id & 0xff) << 24 | ((unsigned)st.st_dev & 0xff) << 16 | ((unsigned)st.st_ino & 0xffff));
}

/* The permission words l4posix reads and writes first: key, uid, gid, cuid, cgid, mode. */
static void to_perm(const int64_t *w, struct ipc_perm *p) {
	p->__key = (key_t)w[0];
	p->uid = (uid_t)w[1];
	p->gid = (gid_t)w[2];
	p->cuid = (uid_t)w[3];
	p->cgid = (gid_t)w[4];
	p->mode = (mode_t)w[5];
	p->__seq = 0;
}

/* ---- semaphore sets ---- */

int semget(key_t key, int nsems, int flags) { return l4posix_ret(__l4posix_semget(key, nsems, flags)); }

int semop(int id, struct sembuf *ops, size_t n) {
	return l4posix_ret(__l4posix_semop(id, ops, n > 0x7fffffff ? 0x7fffffff : (int)n, -1));
}

int semtimedop(int id, struct sembuf *ops, size_t n, const struct timespec *timeout) {
	int64_t ns = -1;
	if (timeout != NULL) {
		if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000) {
			errno = EINVAL;
			return -1;
		}
		ns = (int64_t)timeout->tv_sec * 1000000000 + timeout->tv_nsec;
	}
	return l4posix_ret(__l4posix_semop(id, ops, n > 0x7fffffff ? 0x7fffffff : (int)n, ns));
}

/* The fourth argument, when cmd takes one: the caller's union semun (the program declares it). */
union semun_arg { int val; struct semid_ds *buf; unsigned short *array; };

int semctl(int id, int num, int cmd, ...) {
	int arg = 0;
	struct semid_ds *ds = NULL;
	if (cmd == SETVAL || cmd == GETALL || cmd == SETALL || cmd == IPC_STAT || cmd == IPC_SET) {
		va_list ap;
		va_start(ap, cmd);
		/* Taken as the union it is (wasm32 passes a variadic union by reference, not as an int). */
		union semun_arg u = va_arg(ap, union semun_arg);
		va_end(ap);
		arg = cmd == SETVAL ? u.val : (int)(intptr_t)u.array;
		ds = u.buf;
	}
	int64_t w[9] = { 0 };
	if (cmd == IPC_SET) {
		if (ds == NULL) { errno = EFAULT; return -1; }
		w[0] = ds->sem_perm.uid;
		w[1] = ds->sem_perm.gid;
		w[2] = ds->sem_perm.mode;
	}
	if ((cmd == IPC_STAT) && ds == NULL) { errno = EFAULT; return -1; }
	int r = __l4posix_semctl(id, num, cmd, arg, w);
	if (r < 0) return l4posix_ret(r);
	if (cmd == IPC_STAT) {
		to_perm(w, &ds->sem_perm);
		ds->sem_otime = (time_t)w[6];
		ds->sem_ctime = (time_t)w[7];
		ds->sem_nsems = (unsigned short)w[8];
	}
	return r;
}

/* ---- message queues ---- */

int msgget(key_t key, int flags) { return l4posix_ret(__l4posix_msgget(key, flags)); }

int msgsnd(int id, const void *msg, size_t n, int flags) { return l4posix_ret(__l4posix_msgsnd(id, msg, n, flags)); }

ssize_t msgrcv(int id, void *msg, size_t n, long type, int flags) {
	return l4posix_ret(__l4posix_msgrcv(id, msg, n > 0x7fffffff ? 0x7fffffff : n, (int)type, flags));
}

int msgctl(int id, int cmd, struct msqid_ds *ds) {
	int64_t w[14] = { 0 };
	if ((cmd == IPC_STAT || cmd == IPC_SET) && ds == NULL) { errno = EFAULT; return -1; }
	if (cmd == IPC_SET) {
		w[0] = ds->msg_perm.uid;
		w[1] = ds->msg_perm.gid;
		w[2] = ds->msg_perm.mode;
		w[3] = (int64_t)ds->msg_qbytes;
	}
	int r = __l4posix_msgctl(id, cmd, w);
	if (r < 0) return l4posix_ret(r);
	if (cmd == IPC_STAT) {
		to_perm(w, &ds->msg_perm);
		ds->msg_stime = (time_t)w[6];
		ds->msg_rtime = (time_t)w[7];
		ds->msg_ctime = (time_t)w[8];
		ds->__msg_cbytes = (unsigned long)w[9];
		ds->msg_qnum = (msgqnum_t)w[10];
		ds->msg_qbytes = (msglen_t)w[11];
		ds->msg_lspid = (pid_t)w[12];
		ds->msg_lrpid = (pid_t)w[13];
	}
	return r;
}

/* ---- shared memory segments ---- */

/* This process's attachments: address, size, segment id (inherited by a fork with its memory). */
#define MAX_ATTACH 128
static struct { void *addr; size_t size; int id; } attached[MAX_ATTACH];

int shmget(key_t key, size_t size, int flags) { return l4posix_ret(__l4posix_shmget(key, size, flags)); }

void *shmat(int id, const void *addr, int flags) {
	int slot = -1;
	for (int i = 0; i < MAX_ATTACH; i++) if (attached[i].addr == NULL) { slot = i; break; }
	if (slot < 0) {
		errno = EMFILE;
		return (void *)-1;
	}
	if (addr != NULL && ((uintptr_t)addr % SHMLBA) != 0) {
		if ((flags & SHM_RND) == 0) {
			errno = EINVAL;
			return (void *)-1;
		}
		addr = (const void *)((uintptr_t)addr - (uintptr_t)addr % SHMLBA);
	}
	uint32_t size = 0;
	int fd = __l4posix_shmat(id, flags, &size);
	if (fd < 0) {
		errno = -fd;
		return (void *)-1;
	}
	int prot = (flags & SHM_RDONLY) ? PROT_READ : PROT_READ | PROT_WRITE;
	void *p = mmap((void *)addr, size, prot, MAP_SHARED | (addr != NULL ? MAP_FIXED : 0), fd, 0);
	int e = errno;
	close(fd);
	if (p == MAP_FAILED) {
		errno = e == ENOMEM ? ENOMEM : EINVAL;
		return (void *)-1;
	}
	attached[slot].addr = p;
	attached[slot].size = size;
	attached[slot].id = id;
	return p;
}

int shmdt(const void *addr) {
	for (int i = 0; i < MAX_ATTACH; i++) {
		if (attached[i].addr != addr || addr == NULL) continue;
		munmap(attached[i].addr, attached[i].size);
		attached[i].addr = NULL;
		return l4posix_ret(__l4posix_shmdt(attached[i].id));
	}
	errno = EINVAL;
	return -1;
}

int shmctl(int id, int cmd, struct shmid_ds *ds) {
	int64_t w[13] = { 0 };
	if ((cmd == IPC_STAT || cmd == IPC_SET) && ds == NULL) { errno = EFAULT; return -1; }
	if (cmd == IPC_SET) {
		w[0] = ds->shm_perm.uid;
		w[1] = ds->shm_perm.gid;
		w[2] = ds->shm_perm.mode;
	}
	int r = __l4posix_shmctl(id, cmd, w);
	if (r < 0) return l4posix_ret(r);
	if (cmd == IPC_STAT) {
		to_perm(w, &ds->shm_perm);
		ds->shm_segsz = (size_t)w[6];
		ds->shm_atime = (time_t)w[7];
		ds->shm_dtime = (time_t)w[8];
		ds->shm_ctime = (time_t)w[9];
		ds->shm_cpid = (pid_t)w[10];
		ds->shm_lpid = (pid_t)w[11];
		ds->shm_nattch = (shmatt_t)w[12];
	}
	return r;
}
