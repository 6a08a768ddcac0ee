/* syslog with no logger to reach: LOG_PERROR copies each message to standard error as
 * "ident[pid]: message" (glibc's format), everything else is dropped. %m is strerror(errno). */
#include <syslog.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *log_ident;
static int log_options;
static int log_mask = 0xff;

void openlog(const char *ident, int options, int facility) {
	(void)facility;
	log_ident = ident;
	log_options = options;
}

void closelog(void) {
	log_ident = NULL;
	log_options = 0;
}

int setlogmask(int mask) {
	int old = log_mask;
	if (mask != 0) log_mask = mask;
	return old;
}

void vsyslog(int priority, const char *fmt, va_list ap) {
	int saved = errno;
	if ((log_mask & LOG_MASK(LOG_PRI(priority))) == 0 || (log_options & LOG_PERROR) == 0) return;
	/* %m first, so that the rest is an ordinary printf format. */
	char expanded[1024];
	size_t o = 0;
	for (const char *p = fmt; *p != '\0' && o + 1 < sizeof expanded; p++) {
		if (p[0] == '%' && p[1] == '%') {
			expanded[o++] = *p++;
			if (o + 1 < sizeof expanded) expanded[o++] = *p;
		} else if (p[0] == '%' && p[1] == 'm') {
			const char *e = strerror(saved);
			for (; *e != '\0' && o + 1 < sizeof expanded; e++) {
				if (*e == '%' && o + 2 < sizeof expanded) expanded[o++] = '%';
				expanded[o++] = *e;
			}
			p++;
		} else {
			expanded[o++] = *p;
		}
	}
	expanded[o] = '\0';
	char msg[2048];
	vsnprintf(msg, sizeof msg, expanded, ap);
	const char *ident = log_ident != NULL ? log_ident : "syslog";
	size_t len = strlen(msg);
	const char *nl = len > 0 && msg[len - 1] == '\n' ? "" : "\n";
	if (log_options & LOG_PID) fprintf(stderr, "%s[%d]: %s%s", ident, (int)getpid(), msg, nl);
	else fprintf(stderr, "%s: %s%s", ident, msg, nl);
	errno = saved;
}

void syslog(int priority, const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	vsyslog(priority, fmt, ap);
	va_end(ap);
}
