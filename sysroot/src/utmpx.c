/* The user accounting database, which l4wasm does not keep: always empty, never written (<utmpx.h>
 * and <utmp.h>). */
#define _GNU_SOURCE
#include <utmpx.h>
#include <utmp.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

void setutxent(void) {}
void endutxent(void) {}
struct utmpx *getutxent(void) { return NULL; }
struct utmpx *getutxid(const struct utmpx *u) { (void)u; return NULL; }
struct utmpx *getutxline(const struct utmpx *u) { (void)u; return NULL; }

struct utmpx *pututxline(const struct utmpx *u) {
	(void)u;
	errno = ENOSYS;
	return NULL;
}

/* <utmp.h>'s names for the same database (struct utmp has struct utmpx's layout). utmpname keeps
 * the name it is given, but no file is read or written under any name: the database stays empty,
 * so login, logwtmp and updwtmp record nothing and logout finds no entry (0). */
struct utmp *getutent(void) { return (struct utmp *)getutxent(); }
void setutent(void) { setutxent(); }
void endutent(void) { endutxent(); }
struct utmp *getutid(const struct utmp *u) { return (struct utmp *)getutxid((const struct utmpx *)u); }
struct utmp *getutline(const struct utmp *u) { return (struct utmp *)getutxline((const struct utmpx *)u); }
struct utmp *pututline(const struct utmp *u) { return (struct utmp *)pututxline((const struct utmpx *)u); }

/* The _r forms: 0 with the entry copied, or -1 when there is none. */
static int copy_entry(struct utmp *found, struct utmp *buf, struct utmp **result) {
	*result = found ? buf : NULL;
	if (!found) return -1;
	*buf = *found;
	return 0;
}

int getutent_r(struct utmp *buf, struct utmp **result) { return copy_entry(getutent(), buf, result); }
int getutid_r(const struct utmp *u, struct utmp *buf, struct utmp **result) { return copy_entry(getutid(u), buf, result); }
int getutline_r(const struct utmp *u, struct utmp *buf, struct utmp **result) { return copy_entry(getutline(u), buf, result); }

static char *database_name;

int utmpname(const char *file) {
	char *copy = strdup(file);
	if (!copy) return -1;
	free(database_name);
	database_name = copy;
	return 0;
}

void login(const struct utmp *u) { (void)u; }

int logout(const char *line) {
	(void)line;
	return 0;
}

void logwtmp(const char *line, const char *name, const char *host) {
	(void)line;
	(void)name;
	(void)host;
}

void updwtmp(const char *file, const struct utmp *u) {
	(void)file;
	(void)u;
}
