/* l4wasm's <grp.h> (wasi-libc has none): the group database (sysroot/src/pwd.c). */
#ifndef _GRP_H
#define _GRP_H

#include <features.h>

#define __NEED_size_t
#define __NEED_gid_t
#include <bits/alltypes.h>

#ifdef __cplusplus
extern "C" {
#endif

struct group {
	char *gr_name;
	char *gr_passwd;
	gid_t gr_gid;
	char **gr_mem;
};

struct group *getgrgid(gid_t);
struct group *getgrnam(const char *);
int getgrgid_r(gid_t, struct group *, char *, size_t, struct group **);
int getgrnam_r(const char *, struct group *, char *, size_t, struct group **);
struct group *getgrent(void);
void endgrent(void);
void setgrent(void);
#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
/* A process has one group and keeps it: setting exactly that list succeeds, others are EPERM (sysroot/src/ids_re.c). */
int setgroups(size_t, const gid_t *);
int initgroups(const char *, gid_t);
/* The group given and every group of /etc/group that lists the user (sysroot/src/pwd.c). */
int getgrouplist(const char *, gid_t, gid_t *, int *);
#endif

#ifdef __cplusplus
}
#endif

#endif
