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

#ifdef __cplusplus
}
#endif

#endif
