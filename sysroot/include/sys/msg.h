/* sys/msg.h: System V message queues, not supported (ENOSYS; sys/ipc.h says why). */
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
	pid_t msg_lspid, msg_lrpid;
};

#define MSG_NOERROR 010000

int msgctl(int, int, struct msqid_ds *);
int msgget(key_t, int);
ssize_t msgrcv(int, void *, size_t, long, int);
int msgsnd(int, const void *, size_t, int);

#ifdef __cplusplus
}
#endif

#endif
