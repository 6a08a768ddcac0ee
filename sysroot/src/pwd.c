/* The user and group databases (<pwd.h>, <grp.h>; wasi-libc has neither): /etc/passwd and
 * /etc/group of the guest tree when they exist, else a built-in one with root (uid and gid 0) and,
 * when the process runs as another user, that user ("user", home $HOME or /). Also getlogin and
 * getlogin_r, cuserid (the name of geteuid()'s entry), getgroups (the process's one group) and
 * getgrouplist. */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The database's text (malloc'd): the file, or the built-in entries. */
static char *load(const char *path, int groups) {
	int saved = errno; /* a missing file is no error: errno stays as it was */
	FILE *f = fopen(path, "r");
	errno = saved;
	if (f) {
		char *text = NULL;
		size_t size = 0;
		FILE *m = open_memstream(&text, &size);
		char chunk[512];
		size_t n;
		while (m && (n = fread(chunk, 1, sizeof chunk, f)) > 0) fwrite(chunk, 1, n, m);
		fclose(f);
		if (m) fclose(m);
		return text;
	}
	char *text = malloc(512);
	if (!text) return NULL;
	unsigned uid = getuid(), gid = getgid();
	const char *home = getenv("HOME");
	if (!home || !*home) home = "/";
	if (groups) {
		int n = snprintf(text, 512, "root:x:0:\n");
		if (gid != 0) snprintf(text + n, 512 - n, "user:x:%u:\n", gid);
	} else {
		int n = snprintf(text, 512, "root:x:0:0:root:/root:/bin/sh\n");
		if (uid != 0) snprintf(text + n, 512 - n, "user:x:%u:%u:user:%.300s:/bin/sh\n", uid, gid, home);
	}
	return text;
}

/* Splits the line at `line` (up to a newline) into `n` fields copied into buf; the rest of buf
 * follows them (aligned for pointers). 0, or ERANGE when buf is too small, or ENOENT (malformed). */
static int split(const char *line, char *buf, size_t size, char **fields, int n, char **rest) {
	size_t len = strcspn(line, "\n");
	if (len + 1 > size) return ERANGE;
	memcpy(buf, line, len);
	buf[len] = '\0';
	char *p = buf;
	for (int i = 0; i < n; i++) {
		fields[i] = p;
		char *colon = strchr(p, ':');
		if (i < n - 1) {
			if (!colon) return ENOENT;
			*colon = '\0';
			p = colon + 1;
		}
	}
	uintptr_t end = (uintptr_t)(buf + len + 1);
	*rest = (char *)((end + sizeof(char *) - 1) & ~(uintptr_t)(sizeof(char *) - 1));
	return 0;
}

static int parse_pw(const char *line, struct passwd *pw, char *buf, size_t size) {
	char *f[7], *rest;
	int e = split(line, buf, size, f, 7, &rest);
	if (e) return e;
	*pw = (struct passwd){ f[0], f[1], (uid_t)strtoul(f[2], NULL, 10), (gid_t)strtoul(f[3], NULL, 10), f[4], f[5], f[6] };
	return 0;
}

static int parse_gr(const char *line, struct group *gr, char *buf, size_t size) {
	char *f[4], *rest;
	int e = split(line, buf, size, f, 4, &rest);
	if (e) return e;
	size_t members = *f[3] ? 2 : 1;
	for (const char *c = f[3]; *c; c++) members += *c == ',';
	if ((size_t)(rest - buf) + members * sizeof(char *) > size) return ERANGE;
	char **mem = (char **)rest;
	size_t k = 0;
	for (char *m = *f[3] ? f[3] : NULL; m; ) {
		mem[k++] = m;
		char *comma = strchr(m, ',');
		if (comma) *comma = '\0';
		m = comma ? comma + 1 : NULL;
	}
	mem[k] = NULL;
	*gr = (struct group){ f[0], f[1], (gid_t)strtoul(f[2], NULL, 10), mem };
	return 0;
}

/* Looks an entry up by name or id: 0 with *found set (NULL when there is none), or an error. */
static int lookup(int groups, const char *name, unsigned id, void *entry, char *buf, size_t size, void **found) {
	*found = NULL;
	char *text = load(groups ? "/etc/group" : "/etc/passwd", groups);
	if (!text) return errno;
	int e = 0;
	for (const char *line = text; *line; line += strcspn(line, "\n") + (line[strcspn(line, "\n")] != '\0')) {
		if (*line == '\n' || *line == '#') continue;
		e = groups ? parse_gr(line, entry, buf, size) : parse_pw(line, entry, buf, size);
		if (e == ENOENT) { e = 0; continue; }
		if (e) break;
		const char *n = groups ? ((struct group *)entry)->gr_name : ((struct passwd *)entry)->pw_name;
		unsigned i = groups ? ((struct group *)entry)->gr_gid : ((struct passwd *)entry)->pw_uid;
		if (name ? strcmp(n, name) == 0 : i == id) {
			*found = entry;
			break;
		}
	}
	free(text);
	return e;
}

int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t size, struct passwd **result) {
	return lookup(0, name, 0, pw, buf, size, (void **)result);
}

int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t size, struct passwd **result) {
	return lookup(0, NULL, uid, pw, buf, size, (void **)result);
}

int getgrnam_r(const char *name, struct group *gr, char *buf, size_t size, struct group **result) {
	return lookup(1, name, 0, gr, buf, size, (void **)result);
}

int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t size, struct group **result) {
	return lookup(1, NULL, gid, gr, buf, size, (void **)result);
}

static struct passwd pw_entry;
static struct group gr_entry;
static char pw_buf[1024], gr_buf[4096];

/* The non-reentrant forms: NULL with errno unchanged when there is no such entry (POSIX). */
static void *static_result(int e, void *found) {
	if (e) errno = e;
	return found;
}

struct passwd *getpwnam(const char *name) {
	struct passwd *r;
	return static_result(getpwnam_r(name, &pw_entry, pw_buf, sizeof pw_buf, &r), r);
}

struct passwd *getpwuid(uid_t uid) {
	struct passwd *r;
	return static_result(getpwuid_r(uid, &pw_entry, pw_buf, sizeof pw_buf, &r), r);
}

struct group *getgrnam(const char *name) {
	struct group *r;
	return static_result(getgrnam_r(name, &gr_entry, gr_buf, sizeof gr_buf, &r), r);
}

struct group *getgrgid(gid_t gid) {
	struct group *r;
	return static_result(getgrgid_r(gid, &gr_entry, gr_buf, sizeof gr_buf, &r), r);
}

/* getpwent/getgrent: the database read once at the first call after set*ent (or the start). */
static char *pw_text, *gr_text;
static const char *pw_at, *gr_at;

static const char *next_line(const char *at) {
	at += strcspn(at, "\n");
	return *at ? at + 1 : at;
}

void setpwent(void) { free(pw_text); pw_text = NULL; pw_at = NULL; }
void endpwent(void) { setpwent(); }
void setgrent(void) { free(gr_text); gr_text = NULL; gr_at = NULL; }
void endgrent(void) { setgrent(); }

struct passwd *getpwent(void) {
	if (!pw_text && !(pw_at = pw_text = load("/etc/passwd", 0))) return NULL;
	for (; *pw_at; pw_at = next_line(pw_at)) {
		if (*pw_at == '\n' || *pw_at == '#' || parse_pw(pw_at, &pw_entry, pw_buf, sizeof pw_buf) != 0) continue;
		pw_at = next_line(pw_at);
		return &pw_entry;
	}
	return NULL;
}

struct group *getgrent(void) {
	if (!gr_text && !(gr_at = gr_text = load("/etc/group", 1))) return NULL;
	for (; *gr_at; gr_at = next_line(gr_at)) {
		if (*gr_at == '\n' || *gr_at == '#' || parse_gr(gr_at, &gr_entry, gr_buf, sizeof gr_buf) != 0) continue;
		gr_at = next_line(gr_at);
		return &gr_entry;
	}
	return NULL;
}

/* The login name, as glibc on Linux finds it: the session's login uid (/proc/self/loginuid). A
 * program here runs in no login session (as one started by a service or in a container, whose
 * login uid is unset), so there is none: ENXIO, glibc's answer then. */
int getlogin_r(char *name, size_t size) {
	(void)name;
	(void)size;
	return ENXIO;
}

char *getlogin(void) {
	static char name[64];
	int e = getlogin_r(name, sizeof name);
	if (e) {
		errno = e;
		return NULL;
	}
	return name;
}

/* The group given, then every other group of the database listing the user as a member, in its
 * order and once each (glibc's). As many as *ngroups are stored; -1 when more were found; *ngroups
 * is set to how many there are. */
int getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups) {
	int room = *ngroups, total = 0;
	gid_t *found = malloc(sizeof(gid_t));
	if (!found) return -1;
	found[total++] = group;
	char *text = load("/etc/group", 1);
	for (const char *line = text; line && *line; line = next_line(line)) {
		if (*line == '\n' || *line == '#') continue;
		size_t len = strcspn(line, "\n"), size = 3 * len + 64;
		char *buf = malloc(size);
		struct group gr;
		if (buf && parse_gr(line, &gr, buf, size) == 0) {
			int listed = 0, known = 0;
			for (char **m = gr.gr_mem; *m && !listed; m++) listed = strcmp(*m, user) == 0;
			for (int i = 0; i < total && !known; i++) known = found[i] == gr.gr_gid;
			gid_t *more = listed && !known ? realloc(found, (size_t)(total + 1) * sizeof(gid_t)) : NULL;
			if (more) {
				found = more;
				found[total++] = gr.gr_gid;
			}
		}
		free(buf);
	}
	free(text);
	memcpy(groups, found, (size_t)(total < room ? total : room) * sizeof(gid_t));
	free(found);
	*ngroups = total;
	return total > room ? -1 : total;
}

/* The name of the effective user, at most L_cuserid - 1 bytes of it, in s or a static buffer; ""
 * in s (or NULL) when the user has no entry. */
char *cuserid(char *s) {
	static char name[L_cuserid];
	struct passwd pw, *r;
	char buf[512];
	if (getpwuid_r(geteuid(), &pw, buf, sizeof buf, &r) != 0 || !r) {
		if (s) s[0] = '\0';
		return s;
	}
	if (!s) s = name;
	s[L_cuserid - 1] = '\0';
	return strncpy(s, r->pw_name, L_cuserid - 1);
}

int getgroups(int size, gid_t list[]) {
	if (size == 0) return 1;
	if (size < 0) {
		errno = EINVAL;
		return -1;
	}
	list[0] = getegid();
	return 1;
}
