/* System V IPC: ftok as Linux computes it (the id's low byte, the device's, the inode's low 16
 * bits); message queues, semaphore sets and shared memory segments fail with ENOSYS, as on a
 * kernel without CONFIG_SYSVIPC, so that a program can fall back to the POSIX calls. */
#include <errno.h>
#include <stddef.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>

key_t ftok(const char *path, int id) {
	struct stat st;
	if (stat(path, &st) != 0) return -1;
	return (key_t)(((unsigned)id & 0xff) << 24 | ((unsigned)st.st_dev & 0xff) << 16 | ((unsigned)st.st_ino & 0xffff));
}

static int unsupported(void) {
	errno = ENOSYS;
	return -1;
}

int msgget(key_t key, int flags) { (void)key; (void)flags; return unsupported(); }
int msgctl(int id, int cmd, struct msqid_ds *buf) { (void)id; (void)cmd; (void)buf; return unsupported(); }
int msgsnd(int id, const void *msg, size_t n, int flags) { (void)id; (void)msg; (void)n; (void)flags; return unsupported(); }
ssize_t msgrcv(int id, void *msg, size_t n, long type, int flags) { (void)id; (void)msg; (void)n; (void)type; (void)flags; return unsupported(); }
int semget(key_t key, int n, int flags) { (void)key; (void)n; (void)flags; return unsupported(); }
int semctl(int id, int num, int cmd, ...) { (void)id; (void)num; (void)cmd; return unsupported(); }
int semop(int id, struct sembuf *ops, size_t n) { (void)id; (void)ops; (void)n; return unsupported(); }
int shmget(key_t key, size_t size, int flags) { (void)key; (void)size; (void)flags; return unsupported(); }
int shmctl(int id, int cmd, struct shmid_ds *buf) { (void)id; (void)cmd; (void)buf; return unsupported(); }
int shmdt(const void *addr) { (void)addr; return unsupported(); }

void *shmat(int id, const void *addr, int flags) {
	(void)id;
	(void)addr;
	(void)flags;
	errno = ENOSYS;
	return (void *)-1;
}
