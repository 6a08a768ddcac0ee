/* sys/msg.h: System V message queues (sysroot/src/sysv_ipc.c, kept by l4wasm: src/libc/l4posix_sysv.ts). */
#ifndef _SYS_MSG_H
#define _SYS_MSG_H

#include <sys/ipc.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned long msgqnum_t;
typedef unsigned long msglen_t;

struct msqid_ds {
	struct ipc_perm msg_perm;
	time_t msg_stime, msg_rtime, msg_ctime;
	msgqnum_t msg_qnum;
	msglen_t msg_qbytes;
	unsigned long __msg_cbytes;
	pid_t msg_lspid, msg_lrpid;
};

#define MSG_NOERROR 010000
#define MSG_EXCEPT  020000
#define MSGMAX 8192
#define MSGMNB 16384

#ifdef _GNU_SOURCE
struct msgbuf {
	long mtype;
	char mtext[1];
};
#endif

int msgctl(int, int, struct msqid_ds *);
int msgget(key_t, int);
ssize_t msgrcv(int, void *, size_t, long, int);
int msgsnd(int, const void *, size_t, int);

#ifdef __cplusplus
}
#endif

#endif
