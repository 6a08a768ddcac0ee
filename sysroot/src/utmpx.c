/* The user accounting database, which l4wasm does not keep: always empty, never written. */
#include <utmpx.h>
#include <errno.h>
#include <stddef.h>

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
