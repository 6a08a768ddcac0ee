/* l4wasm's <mntent.h> (wasi-libc has none): reading and writing file system tables in the format of
 * /etc/fstab and /proc/mounts (sysroot/src/mntent.c), for whatever file is given. */
#ifndef _MNTENT_H
#define _MNTENT_H

#include <stdio.h>
#include <paths.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MNTTAB _PATH_MNTTAB
#define MOUNTED _PATH_MOUNTED

#define MNTTYPE_IGNORE "ignore"
#define MNTTYPE_NFS "nfs"
#define MNTTYPE_SWAP "swap"

#define MNTOPT_DEFAULTS "defaults"
#define MNTOPT_RO "ro"
#define MNTOPT_RW "rw"
#define MNTOPT_SUID "suid"
#define MNTOPT_NOSUID "nosuid"
#define MNTOPT_NOAUTO "noauto"

struct mntent {
	char *mnt_fsname;
	char *mnt_dir;
	char *mnt_type;
	char *mnt_opts;
	int mnt_freq;
	int mnt_passno;
};

FILE *setmntent(const char *, const char *);
struct mntent *getmntent(FILE *);
struct mntent *getmntent_r(FILE *__restrict, struct mntent *__restrict, char *__restrict, int);
int addmntent(FILE *__restrict, const struct mntent *__restrict);
int endmntent(FILE *);
char *hasmntopt(const struct mntent *, const char *);

#ifdef __cplusplus
}
#endif

#endif
