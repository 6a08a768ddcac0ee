/* The shadow password file (<shadow.h>) as glibc reads and writes it: /etc/shadow for the lookups
 * and the walk (when the guest has one and it can be read; else nothing is found, with fopen's
 * errno, ENOENT when there is none), any stream for fgetspent, a string for sgetspent. Numbers left
 * empty are -1, a flag left empty ~0; a line that does not parse (a negative number or one beyond
 * 32 bits among them) is skipped. lckpwdf locks
 * /etc/.pwd.lock as glibc does (waiting up to 15 seconds). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <shadow.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A number as glibc reads one: strtoul's digits on a 64-bit system, where a value above 32 bits
 * (a negative one among them) is no number; end is left at the start then. */
static unsigned long long digits(char *s, char **end) {
	unsigned long long v = strtoull(s, end, 10);
	if (v > 0xffffffffULL) *end = s;
	return v;
}

/* glibc's number fields: a number (kept as an int), or the default when empty; each ends at a
 * colon (or the end of the line). 0 when the field does not parse. */
static int number(char **line, long *value, long empty) {
	if (**line == '\0') return 0;
	char *end;
	unsigned long long v = digits(*line, &end);
	*value = end == *line ? empty : (long)(int)(unsigned)v;
	if (*end == ':') end++;
	else if (*end != '\0') return 0;
	*line = end;
	return 1;
}

/* A string field up to the next colon, which is cut. */
static char *string(char **line) {
	char *s = *line, *colon = strchr(s, ':');
	if (colon) {
		*colon = '\0';
		*line = colon + 1;
	} else {
		*line = s + strlen(s);
	}
	return s;
}

/* Parses the line in place (the first newline ends it): 1, or 0 when it is not an entry. */
static int parse(char *line, struct spwd *sp) {
	line[strcspn(line, "\n")] = '\0';
	sp->sp_namp = string(&line);
	if (*line == '\0' && (sp->sp_namp[0] == '+' || sp->sp_namp[0] == '-')) {
		/* NIS compatibility entries: a name alone. */
		sp->sp_pwdp = NULL;
		sp->sp_lstchg = sp->sp_min = sp->sp_max = 0;
		sp->sp_warn = sp->sp_inact = sp->sp_expire = -1;
		sp->sp_flag = ~0ul;
		return 1;
	}
	sp->sp_pwdp = string(&line);
	if (!number(&line, &sp->sp_lstchg, -1) || !number(&line, &sp->sp_min, -1) ||
	    !number(&line, &sp->sp_max, -1)) return 0;
	while (*line == ' ' || *line == '\t') line++;
	if (*line == '\0') {
		/* The old form, with three numbers. */
		sp->sp_warn = sp->sp_inact = sp->sp_expire = -1;
		sp->sp_flag = ~0ul;
		return 1;
	}
	if (!number(&line, &sp->sp_warn, -1) || !number(&line, &sp->sp_inact, -1) ||
	    !number(&line, &sp->sp_expire, -1)) return 0;
	if (*line == '\0') {
		sp->sp_flag = ~0ul;
		return 1;
	}
	char *end;
	unsigned long long flag = digits(line, &end);
	sp->sp_flag = end == line ? ~0ul : (unsigned long)flag;
	return *end == '\0';
}

/* The string copied into buf and parsed: 0, ERANGE when buf is too small, EINVAL when it is no entry. */
static int parse_into(const char *text, struct spwd *sp, char *buf, size_t size) {
	size_t len = strlen(text);
	if (len + 1 > size) return ERANGE;
	memcpy(buf, text, len + 1);
	return parse(buf, sp) ? 0 : EINVAL;
}

int sgetspent_r(const char *text, struct spwd *sp, char *buf, size_t size, struct spwd **result) {
	int e = parse_into(text, sp, buf, size);
	*result = e ? NULL : sp;
	return e;
}

/* The next entry of the stream: blank and '#' lines and lines that do not parse are skipped. 0,
 * ENOENT at the end, ERANGE when a line does not fit (the stream is left before it). */
int fgetspent_r(FILE *f, struct spwd *sp, char *buf, size_t size, struct spwd **result) {
	*result = NULL;
	if (size < 2) return ERANGE;
	for (;;) {
		long at = ftell(f);
		if (!fgets(buf, (int)(size > INT32_MAX ? INT32_MAX : size), f)) return ENOENT;
		size_t len = strlen(buf);
		if (len + 1 == size && buf[len - 1] != '\n' && !feof(f)) {
			if (at >= 0) fseek(f, at, SEEK_SET);
			return ERANGE;
		}
		char *p = buf + strspn(buf, " \t");
		if (*p == '\0' || *p == '\n' || *p == '#') continue;
		if (parse(p, sp)) {
			*result = sp;
			return 0;
		}
	}
}

static struct spwd entry;
static char entry_buf[1024];

/* The non-reentrant forms: NULL with errno set from an error (nothing more is ENOENT). */
static struct spwd *static_result(int e, struct spwd *found) {
	if (e) errno = e;
	return found;
}

struct spwd *sgetspent(const char *text) {
	struct spwd *r;
	return static_result(sgetspent_r(text, &entry, entry_buf, sizeof entry_buf, &r), r);
}

struct spwd *fgetspent(FILE *f) {
	struct spwd *r;
	return static_result(fgetspent_r(f, &entry, entry_buf, sizeof entry_buf, &r), r);
}

static FILE *walk;

void setspent(void) {
	if (walk) rewind(walk);
}

void endspent(void) {
	if (walk) fclose(walk);
	walk = NULL;
}

int getspent_r(struct spwd *sp, char *buf, size_t size, struct spwd **result) {
	*result = NULL;
	if (!walk && !(walk = fopen(_PATH_SHADOW, "r"))) return errno;
	return fgetspent_r(walk, sp, buf, size, result);
}

struct spwd *getspent(void) {
	struct spwd *r;
	return static_result(getspent_r(&entry, entry_buf, sizeof entry_buf, &r), r);
}

/* The entry named, from /etc/shadow: 0 with *result NULL when there is none. */
int getspnam_r(const char *name, struct spwd *sp, char *buf, size_t size, struct spwd **result) {
	*result = NULL;
	FILE *f = fopen(_PATH_SHADOW, "r");
	if (!f) return errno;
	int e;
	while ((e = fgetspent_r(f, sp, buf, size, result)) == 0 && strcmp(sp->sp_namp, name) != 0) *result = NULL;
	fclose(f);
	if (e == ENOENT) e = 0;
	if (e) *result = NULL;
	return e;
}

struct spwd *getspnam(const char *name) {
	struct spwd *r;
	int e = getspnam_r(name, &entry, entry_buf, sizeof entry_buf, &r);
	if (e) errno = e;
	return r;
}

/* A line of the file: numbers that are -1 (a flag that is ~0) are left empty. EINVAL for a name
 * or password that is missing or holds a colon or a newline. */
int putspent(const struct spwd *sp, FILE *f) {
	if (!sp->sp_namp || strpbrk(sp->sp_namp, ":\n") || (sp->sp_pwdp && strpbrk(sp->sp_pwdp, ":\n"))) {
		errno = EINVAL;
		return -1;
	}
	int bad = fprintf(f, "%s:%s:", sp->sp_namp, sp->sp_pwdp ? sp->sp_pwdp : "") < 0;
	const long numbers[] = { sp->sp_lstchg, sp->sp_min, sp->sp_max, sp->sp_warn, sp->sp_inact, sp->sp_expire };
	for (int i = 0; i < 6; i++) {
		if (numbers[i] != -1 && fprintf(f, "%ld", numbers[i]) < 0) bad = 1;
		if (putc(':', f) == EOF) bad = 1;
	}
	if (sp->sp_flag != ~0ul && fprintf(f, "%ld", (long)sp->sp_flag) < 0) bad = 1;
	if (putc('\n', f) == EOF) bad = 1;
	return bad ? -1 : 0;
}

/* The lock glibc's lckpwdf takes: a write lock on /etc/.pwd.lock, held until ulckpwdf. */
static int lock_fd = -1;

int lckpwdf(void) {
	if (lock_fd != -1) return -1;
	int fd = open("/etc/.pwd.lock", O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) return -1;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	for (int tries = 0; fcntl(fd, F_SETLK, &fl) != 0; tries++) {
		if ((errno != EAGAIN && errno != EACCES) || tries == 150) {
			close(fd);
			return -1;
		}
		struct timespec pause = { 0, 100000000 };
		nanosleep(&pause, NULL);
	}
	lock_fd = fd;
	return 0;
}

int ulckpwdf(void) {
	if (lock_fd == -1) return -1;
	int r = close(lock_fd);
	lock_fd = -1;
	return r;
}
