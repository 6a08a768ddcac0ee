/* l4wasm's <utmp.h> (wasi-libc has none): glibc's older names for the user accounting database,
 * the same empty database as <utmpx.h> (sysroot/src/utmpx.c): nothing is found, nothing written. */
#ifndef _UTMP_H
#define _UTMP_H

#include <paths.h>
#include <sys/types.h>
#include <sys/time.h>
#include <utmpx.h>

#ifdef __cplusplus
extern "C" {
#endif

#define UT_LINESIZE 32
#define UT_NAMESIZE 32
#define UT_HOSTSIZE 256

#define UTMP_FILE _PATH_UTMP
#define UTMP_FILENAME _PATH_UTMP
#define WTMP_FILE _PATH_WTMP
#define WTMP_FILENAME _PATH_WTMP

struct lastlog {
	time_t ll_time;
	char ll_line[UT_LINESIZE];
	char ll_host[UT_HOSTSIZE];
};

struct exit_status {
	short e_termination;
	short e_exit;
};

/* struct utmpx's layout. */
struct utmp {
	short ut_type;
	pid_t ut_pid;
	char ut_line[UT_LINESIZE];
	char ut_id[4];
	char ut_user[UT_NAMESIZE];
	char ut_host[UT_HOSTSIZE];
	struct exit_status ut_exit;
	int ut_session;
	struct timeval ut_tv;
	unsigned ut_addr_v6[4];
};
#define ut_name ut_user
#define ut_time ut_tv.tv_sec
#define ut_xtime ut_tv.tv_sec
#define ut_addr ut_addr_v6[0]

void login(const struct utmp *);
int logout(const char *);
void logwtmp(const char *, const char *, const char *);
void updwtmp(const char *, const struct utmp *);
int utmpname(const char *);
struct utmp *getutent(void);
void setutent(void);
void endutent(void);
struct utmp *getutid(const struct utmp *);
struct utmp *getutline(const struct utmp *);
struct utmp *pututline(const struct utmp *);
#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
int getutent_r(struct utmp *, struct utmp **);
int getutid_r(const struct utmp *, struct utmp *, struct utmp **);
int getutline_r(const struct utmp *, struct utmp *, struct utmp **);
#endif

#ifdef __cplusplus
}
#endif

#endif
