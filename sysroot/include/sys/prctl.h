/* sys/prctl.h: Linux's process controls that mean something here (sysroot/src/prctl.c): the
 * parent-death signal, the process's name, the dumpable flag and no_new_privs; the other options
 * are EINVAL, as on a kernel that lacks them. */
#ifndef _SYS_PRCTL_H
#define _SYS_PRCTL_H

#ifdef __cplusplus
extern "C" {
#endif

#define PR_SET_PDEATHSIG 1
#define PR_GET_PDEATHSIG 2
#define PR_GET_DUMPABLE 3
#define PR_SET_DUMPABLE 4
#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39

int prctl(int, ...);

#ifdef __cplusplus
}
#endif

#endif
