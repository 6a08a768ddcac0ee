/* l4wasm's <shadow.h> (wasi-libc has none): the shadow password file, /etc/shadow when the guest
 * has one (sysroot/src/shadow.c). Without it the lookups find nothing (ENOENT). */
#ifndef _SHADOW_H
#define _SHADOW_H

#include <features.h>
#include <paths.h>

#define __NEED_size_t
#define __NEED_FILE
#include <bits/alltypes.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SHADOW _PATH_SHADOW

struct spwd {
	char *sp_namp;
	char *sp_pwdp;
	long sp_lstchg;
	long sp_min;
	long sp_max;
	long sp_warn;
	long sp_inact;
	long sp_expire;
	unsigned long sp_flag;
};

void setspent(void);
void endspent(void);
struct spwd *getspent(void);
struct spwd *getspnam(const char *);
struct spwd *sgetspent(const char *);
struct spwd *fgetspent(FILE *);
int putspent(const struct spwd *, FILE *);
#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
int getspent_r(struct spwd *, char *, size_t, struct spwd **);
int getspnam_r(const char *, struct spwd *, char *, size_t, struct spwd **);
int sgetspent_r(const char *, struct spwd *, char *, size_t, struct spwd **);
int fgetspent_r(FILE *, struct spwd *, char *, size_t, struct spwd **);
#endif
int lckpwdf(void);
int ulckpwdf(void);

#ifdef __cplusplus
}
#endif

#endif
