/* File system tables (<mntent.h>) as glibc reads and writes them, for any file in the format of
 * /etc/fstab or /proc/mounts: fields separated by blanks, blank and '#' lines skipped, "\040",
 * "\011", "\012", "\134" and "\\" decoded in names, missing numbers 0; autofs entries with the
 * "ignore" option skipped; addmntent appends with the same escapes. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

FILE *setmntent(const char *file, const char *mode) {
	FILE *f = fopen(file, mode);
	if (f) fcntl(fileno(f), F_SETFD, FD_CLOEXEC);
	return f;
}

int endmntent(FILE *f) {
	if (f) fclose(f);
	return 1;
}

/* The escapes undone in place. */
static char *decode(char *s) {
	char *r = s, *w = s;
	do {
		if (r[0] == '\\' && r[1] == '0' && r[2] == '4' && r[3] == '0') { *w++ = ' '; r += 3; }
		else if (r[0] == '\\' && r[1] == '0' && r[2] == '1' && r[3] == '1') { *w++ = '\t'; r += 3; }
		else if (r[0] == '\\' && r[1] == '0' && r[2] == '1' && r[3] == '2') { *w++ = '\n'; r += 3; }
		else if (r[0] == '\\' && r[1] == '\\') { *w++ = '\\'; r += 1; }
		else if (r[0] == '\\' && r[1] == '1' && r[2] == '3' && r[3] == '4') { *w++ = '\\'; r += 3; }
		else *w++ = *r;
	} while (*r++ != '\0');
	return s;
}

/* The next field of *rest (blank-separated), decoded; "" when there is none. */
static char *field(char **rest) {
	if (*rest) *rest += strspn(*rest, " \t");
	char *f = strsep(rest, " \t");
	return f ? decode(f) : (char *)"";
}

/* One entry from the next line that has one (a line longer than the buffer is cut, its rest
 * skipped): 1, or 0 at the end of the file. */
static int read_entry(FILE *f, struct mntent *m, char *buf, int size) {
	char *head;
	do {
		if (!fgets(buf, size, f)) return 0;
		char *end = strchr(buf, '\n');
		if (end) {
			while (end != buf && (end[-1] == ' ' || end[-1] == '\t')) end--;
			*end = '\0';
		} else {
			char skip[1024];
			while (fgets(skip, sizeof skip, f))
				if (strchr(skip, '\n')) break;
		}
		head = buf + strspn(buf, " \t");
	} while (head[0] == '\0' || head[0] == '#');
	char *rest = head;
	m->mnt_fsname = strsep(&rest, " \t");
	decode(m->mnt_fsname);
	m->mnt_dir = field(&rest);
	m->mnt_type = field(&rest);
	m->mnt_opts = field(&rest);
	switch (rest ? sscanf(rest, " %d %d ", &m->mnt_freq, &m->mnt_passno) : 0) {
	case 0:
	case EOF:
		m->mnt_freq = 0;
		/* fall through */
	case 1:
		m->mnt_passno = 0;
		break;
	}
	return 1;
}

struct mntent *getmntent_r(FILE *f, struct mntent *m, char *buf, int size) {
	while (read_entry(f, m, buf, size)) {
		if (strcmp(m->mnt_type, "autofs") == 0 && hasmntopt(m, "ignore")) continue;
		return m;
	}
	return NULL;
}

struct mntent *getmntent(FILE *f) {
	static struct mntent m;
	static char *buf;
	if (!buf && !(buf = malloc(4096))) return NULL;
	return getmntent_r(f, &m, buf, 4096);
}

/* A name with blanks, newlines and backslashes written as octal escapes. */
static void put_name(FILE *f, const char *s) {
	for (; *s; s++) {
		if (strchr(" \t\n\\", *s)) fprintf(f, "\\%03o", (unsigned char)*s);
		else fputc(*s, f);
	}
}

/* 0 when the entry was appended, 1 on failure (glibc's answer). */
int addmntent(FILE *f, const struct mntent *m) {
	if (fseek(f, 0, SEEK_END) != 0) return 1;
	put_name(f, m->mnt_fsname);
	fputc(' ', f);
	put_name(f, m->mnt_dir);
	fputc(' ', f);
	put_name(f, m->mnt_type);
	fputc(' ', f);
	put_name(f, m->mnt_opts);
	fprintf(f, " %d %d\n", m->mnt_freq, m->mnt_passno);
	return ferror(f) != 0 || fflush(f) != 0;
}

/* The option opt in the entry's list: where it starts, when it is a whole option (the list's
 * start or after a comma; then its end, '=' or a comma); NULL otherwise. */
char *hasmntopt(const struct mntent *m, const char *opt) {
	size_t len = strlen(opt);
	char *rest = m->mnt_opts, *p;
	while ((p = strstr(rest, opt)) != NULL) {
		if ((p == rest || p[-1] == ',') && (p[len] == '\0' || p[len] == '=' || p[len] == ','))
			return p;
		rest = strchr(p, ',');
		if (!rest) break;
		rest++;
	}
	return NULL;
}
